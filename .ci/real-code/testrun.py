"""Building a package and running its own tests (XCTest and Swift Testing), with results."""

import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

# Searched anywhere in a line: a traced program's own output may share the line.
XCTEST = re.compile(r"Test Case '(.+?)' (passed|failed|skipped) \(")
TESTING = re.compile(r"[\u2714\u2718\u21b7\U00100000-\U0010ffff] Test (?!run with)(.+?) "
                     r"(passed|failed|skipped)\b")
TEST_TIMEOUT = float(os.environ.get("REALCODE_TEST_TIMEOUT", "600"))
# Spectre (kylef/Spectre) prints its own summary and exits the process before XCTest reports.
SPECTRE = re.compile(r"^(\d+) passes(?: (\d+) skipped,)? and (\d+) failures?$")
SPECTRE_FAILURE = re.compile(r"^ (\S.*)$")
SPECTRE_WHERE = re.compile(r"^  \S+\.swift:\d+ ")
FRAMEWORKS = {"xctest": ["--disable-swift-testing"], "swift-testing": ["--disable-xctest"]}


@dataclass
class Step:
    """One command: exit status, seconds, where its output went."""
    status: int
    seconds: float
    log: Path

    @property
    def ok(self) -> bool:
        return self.status == 0


@dataclass
class TestResults:
    """Per framework: test name -> passed/failed/skipped (a name run twice keeps both)."""
    outcomes: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    seconds: float = 0.0
    steps: list[Step] = field(default_factory=list)
    timeouts: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(v.count(status) for tests in self.outcomes.values() for v in tests.values())

    def total(self) -> int:
        return sum(len(v) for tests in self.outcomes.values() for v in tests.values())


def run(command: list[str], cwd: Path, log: Path, timeout: float, env: dict | None = None) -> Step:
    """Runs `command` in its own process group, output to `log`; kills the group on timeout."""
    started = time.monotonic()
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, **(env or {})}, start_new_session=True)
        try:
            status = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            out.write(f"\n[real-code] killed after {timeout:.0f} s\n")
            status = -9
    return Step(status, time.monotonic() - started, log)


def build(root: Path, scratch: Path, log: Path) -> Step:
    """`swift build --build-tests` of the package into the shared scratch folder."""
    return run(["swift", "build", "--build-tests", "--scratch-path", str(scratch)],
               root, log, timeout=2400)


def parse(text: str) -> dict[str, list[str]]:
    """Test name -> outcomes, from XCTest's or Swift Testing's console output."""
    outcomes: dict[str, list[str]] = {}
    lines = text.splitlines()
    for index, line in enumerate(lines):
        found = XCTEST.search(line) or TESTING.search(line)
        if found:
            outcomes.setdefault(found.group(1), []).append(found.group(2))
        elif spectre := SPECTRE.match(line):
            passes, skipped, failures = (int(g or 0) for g in spectre.groups())
            outcomes["Spectre (passes, skipped)"] = ["passed"] * passes + ["skipped"] * skipped
            # Each failure: ` <context> <name>`, then `  File.swift:LINE reason`.
            for failure, where in zip(lines[:index], lines[1:index]):
                if (name := SPECTRE_FAILURE.match(failure)) and SPECTRE_WHERE.match(where):
                    outcomes.setdefault(f"Spectre: {name.group(1)}", []).append("failed")
    return outcomes


def test(root: Path, scratch: Path, logs: Path, label: str, options: dict[str, str],
         traces: Path | None) -> TestResults:
    """Runs the built tests once per framework; with `traces`, each run records its calls to
    traces/<framework>.ftrace (FLOWTRACE_OUT: one file per test process)."""
    results = TestResults()
    for framework, flags in FRAMEWORKS.items():
        command = ["swift", "test", "--skip-build", "--scratch-path", str(scratch), *flags]
        if "filter" in options:
            command += ["--filter", options["filter"]]
        if "skip" in options:
            command += ["--skip", options["skip"]]
        env = {}
        if traces is not None:
            trace = traces / f"{framework}.ftrace"
            trace.unlink(missing_ok=True)
            # The trace goes to the file only: the tree printed to stdout (the default) would
            # cost time and bury the test runner's own lines.
            env.update(FLOWTRACE_OUT=str(trace), FLOWTRACE_PRINT="0")
        step = run(command, root, logs / f"test-{label}-{framework}.log", timeout=TEST_TIMEOUT,
                   env=env)
        if step.status == -9:
            results.timeouts.append(f"{label} {framework} tests killed after {TEST_TIMEOUT:.0f} s")
        results.steps.append(step)
        results.seconds += step.seconds
        results.outcomes[framework] = parse(step.log.read_text(errors="replace"))
    return results


def differences(untraced: TestResults, traced: TestResults) -> list[str]:
    """Tests whose outcomes differ between the two runs, one line each."""
    lines = []
    for framework in FRAMEWORKS:
        before = untraced.outcomes.get(framework, {})
        after = traced.outcomes.get(framework, {})
        for name in sorted(set(before) | set(after)):
            if sorted(before.get(name, [])) != sorted(after.get(name, [])):
                was = ",".join(before.get(name, [])) or "not run"
                now = ",".join(after.get(name, [])) or "not run"
                lines.append(f"{framework}: {name}: untraced {was}, traced {now}")
    return lines
