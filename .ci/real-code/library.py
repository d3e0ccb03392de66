"""One corpus library: its line in libraries.txt and the steps that check it."""

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import diagnose
import manifest
import testrun
import tracecheck

MIRROR = Path("/opt/swift-packages")
ROUNDS = 6  # traced builds per library: each failure leaves the blamed declarations unmarked


@dataclass
class Library:
    """A libraries.txt line."""
    name: str
    repo: str
    tag: str
    kind: str
    options: dict[str, str]

    def list_option(self, key: str) -> list[str]:
        return [v for v in self.options.get(key, "").split(",") if v]


@dataclass
class Outcome:
    """What checking one library found."""
    library: Library
    problems: list[str] = field(default_factory=list)
    blames: list[diagnose.Blame] = field(default_factory=list)
    declarations: int = 0
    protocols: int = 0
    known: int = 0
    expanded: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    untraced: testrun.TestResults | None = None
    traced: testrun.TestResults | None = None
    trace: tracecheck.TraceSummary | None = None


def read_libraries(path: Path) -> list[Library]:
    """The corpus list: `name repo tag kind [key=value...]` per line, `#` comments."""
    found = []
    for line in path.read_text().splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) >= 4:
            options = dict(w.split("=", 1) for w in words[4:] if "=" in w)
            found.append(Library(words[0], words[1], words[2], words[3], options))
    return found


def timed(outcome: Outcome, phase: str, started: float) -> None:
    outcome.seconds[phase] = outcome.seconds.get(phase, 0.0) + time.monotonic() - started


def fresh_copy(library: Library, source: Path, into: Path) -> None:
    """`into` = the clean library tree from `source` (no Package.resolved from elsewhere)."""
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(source, into, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    (into / "Package.resolved").unlink(missing_ok=True)


def annotate(tool: Path, root: Path, paths: list[str], skip: set[str], report: Path) -> str:
    """Runs the annotator on `paths` of `root`; returns its error output ('' when fine)."""
    skip_list = report.with_suffix(".skip")
    skip_list.write_text("".join(f"{k}\n" for k in sorted(skip)))
    with report.open("w") as out:
        done = subprocess.run([str(tool), "--skip", str(skip_list), *paths], cwd=root,
                              stdout=out, stderr=subprocess.PIPE, text=True)
    return done.stderr.strip() if done.returncode != 0 else ""


def expand(cli: Path, root: Path, paths: list[str], log: Path) -> tuple[str, set[str]]:
    """Runs `flowtrace annotate PATH...` in `root`: `FILE:LINE` names a declaration marked
    `@TraceAll` that the compiler cannot take, a folder has the tool pick the shapes that can
    hit the compiler's cycle; each gets @Trace on its members instead. Returns the tool's error
    output ('' when fine) and the `path:line` of each declaration it rewrote."""
    if not paths:
        return "", set()
    with log.open("w") as out:
        done = subprocess.run([str(cli), "annotate", *paths], cwd=root, stdout=out,
                              stderr=subprocess.PIPE, text=True)
    rewritten = {":".join(line.split(":", 2)[:2]) for line in log.read_text().splitlines()
                 if "@TraceAll" in line and " -> @Trace on " in line}
    return (done.stderr.strip() if done.returncode != 0 else ""), rewritten


def check(library: Library, work: Path, flowtrace: Path, tool: Path, cli: Path,
          known: set[str]) -> Outcome:
    """Clones, annotates, builds and tests one library untraced and traced."""
    outcome = Outcome(library)
    base = work / "src" / library.name
    logs = work / "logs" / library.name
    traces = work / "traces" / library.name
    scratch = work / "scratch"
    for folder in (logs, traces):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)

    started = time.monotonic()
    clone = base / "mirror"
    shutil.rmtree(base, ignore_errors=True)
    subprocess.run(["git", "clone", "-q", "-c", "advice.detachedHead=false", "--depth", "1",
                    "--branch", library.tag, f"file://{MIRROR / library.repo}.git", str(clone)],
                   check=True)
    untraced_root, traced_root = base / "untraced", base / "traced"
    fresh_copy(library, clone, untraced_root)
    drop, drop_deps = library.list_option("drop"), library.list_option("drop-dep")
    manifest.patch(untraced_root, flowtrace, [], drop, drop_deps)
    targets = manifest.swift_targets(untraced_root, scratch, logs / "describe.log")
    timed(outcome, "prepare", started)
    if not targets:
        outcome.problems.append("no Swift library targets found")
        return outcome

    started = time.monotonic()
    build = testrun.build(untraced_root, scratch, logs / "build-untraced.log")
    timed(outcome, "build untraced", started)
    if not build.ok:
        outcome.problems.append(f"does not build untraced (see {build.log})")
        return outcome
    outcome.untraced = testrun.test(untraced_root, scratch, logs, "untraced",
                                    library.options, None)
    outcome.seconds["test untraced"] = outcome.untraced.seconds
    if outcome.untraced.total() == 0:
        outcome.problems.append("the untraced test run reported no tests")

    # Known failures (the compiler's @TraceAll cycle) are marked, then written out as @Trace
    # per member by `flowtrace annotate`; a declaration failing even so is left unmarked.
    expanded = {k.split(" ", 1)[1] for k in known if k.startswith(library.name + " ")}
    unmarked: set[str] = set()
    outcome.known = len(expanded)
    report = logs / "declarations.tsv"
    for round_number in range(1, ROUNDS + 1):
        started = time.monotonic()
        fresh_copy(library, clone, traced_root)
        manifest.patch(traced_root, flowtrace, [t for t, _ in targets], drop, drop_deps)
        error = annotate(tool, traced_root, [p for _, p in targets], unmarked, report)
        if not error:
            # expand=shapes: the user's way, `flowtrace annotate` picks the shapes itself.
            folders = [p for _, p in targets] if library.options.get("expand") == "shapes" else []
            error, rewritten = expand(cli, traced_root, folders + sorted(expanded - unmarked),
                                      logs / f"expand-{round_number}.log")
            expanded |= rewritten
        timed(outcome, "annotate", started)
        if error:
            outcome.problems.append(f"annotator: {error}")
            return outcome
        declarations = diagnose.read_declarations(report)
        for declaration in declarations:
            if declaration.state == "yes" and declaration.key in expanded:
                declaration.state = "expanded"
        outcome.declarations = sum(d.state in ("yes", "skip", "expanded") for d in declarations)
        outcome.expanded = sum(d.state == "expanded" for d in declarations)
        outcome.protocols = sum(d.state == "no" for d in declarations)
        started = time.monotonic()
        build = testrun.build(traced_root, scratch, logs / f"build-traced-{round_number}.log")
        timed(outcome, "build traced", started)
        if build.ok:
            break
        blames, loose = diagnose.blame(build.log.read_text(errors="replace"), traced_root,
                                       declarations)
        outcome.blames += blames
        if not blames:
            outcome.problems.append(f"traced build fails (see {build.log}): "
                                    + ("; ".join(loose[:3]) or "no error line found"))
            return outcome
        for b in blames:
            cycle = any(diagnose.CYCLE.search(e) for e in b.errors)
            if b.declaration.state == "yes" and cycle:
                expanded.add(b.declaration.key)
            else:
                unmarked.add(b.declaration.key)
    else:
        outcome.problems.append(f"traced build still fails after {ROUNDS} rounds")
        return outcome
    if outcome.blames:
        outcome.problems.append(f"{len(outcome.blames)} declarations do not compile with @TraceAll")

    outcome.traced = testrun.test(traced_root, scratch, logs, "traced",
                                  library.options, traces)
    outcome.seconds["test traced"] = outcome.traced.seconds
    outcome.problems += outcome.untraced.timeouts + outcome.traced.timeouts
    outcome.problems += testrun.differences(outcome.untraced, outcome.traced)

    started = time.monotonic()
    outcome.trace = tracecheck.summarize(cli, sorted(traces.glob("*.ftrace")), logs)
    timed(outcome, "decode trace", started)
    outcome.problems += tracecheck.problems(outcome.trace, cli, library.options.get("expect"))
    if not os.environ.get("REALCODE_KEEP_TRACES"):  # up to hundreds of MB a library
        for trace in outcome.trace.files:
            trace.unlink(missing_ok=True)
    return outcome
