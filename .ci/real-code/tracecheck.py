"""Decoding the traces of a traced test run with the flowtrace CLI, and judging the names."""

import fnmatch
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

# A readable name: `Type.method`, `Outer.Inner.method`, `function`, with generic arguments
# allowed (`Graph<Int>.edges`); never a mangled symbol or a compiler-made closure name.
READABLE = re.compile(r"^[A-Za-z_][\w]*(?:<[^>]*>)?(?:\.[A-Za-z_`][\w`]*(?:<[^>]*>)?)*[.]?"
                      r"(?:[A-Za-z_`][\w`]*|[-+*/%<>=!&|^~?.]+)?$")
MANGLED = re.compile(r"\$s|_T0|\$S|closure #|@objc|thunk")


@dataclass
class TraceSummary:
    """What the traces of one library held."""
    files: list[Path] = field(default_factory=list)
    bytes: int = 0
    calls: int = 0
    functions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    sample: list[str] = field(default_factory=list)


def stats(cli: Path, trace: Path, log: Path) -> tuple[int, list[str], str]:
    """Calls and function names (all of them) that `flowtrace stats` reads from one trace;
    the error text when it cannot decode it."""
    done = subprocess.run([str(cli), "stats", str(trace), "--top", "1000000"],
                          capture_output=True, text=True, timeout=900)
    log.write_text(done.stdout + done.stderr)
    if done.returncode != 0:
        return 0, [], (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
    calls = re.search(r"^calls\s+(\d+)", done.stdout, re.M)
    names, section = [], False
    for line in done.stdout.splitlines():
        if line.startswith("top functions by calls"):
            section = True
        elif section and not line.strip():
            break
        elif section and not line.lstrip().startswith("calls"):
            columns = line.split(None, 4)
            if len(columns) == 5:
                names.append(columns[4])
    return (int(calls.group(1)) if calls else 0), names, ""


def sample(cli: Path, trace: Path, pattern: str, lines: int = 3) -> list[str]:
    """The first calls matching `pattern` as `flowtrace print` shows them."""
    done = subprocess.run(
        ["bash", "-c", f'"$0" print "$1" --include "$2" --color never | head -n {lines}',
         str(cli), str(trace), pattern], capture_output=True, text=True, timeout=900)
    return [line[:160] for line in done.stdout.splitlines()]


def summarize(cli: Path, traces: list[Path], logs: Path) -> TraceSummary:
    """Decodes every trace file of a library's traced test runs."""
    summary = TraceSummary(files=traces)
    started = time.monotonic()
    for trace in traces:
        summary.bytes += trace.stat().st_size
        calls, names, error = stats(cli, trace, logs / f"stats-{trace.stem}.txt")
        if error:
            summary.errors.append(f"{trace.name} does not decode: {error}")
        summary.calls += calls
        summary.functions += names
    summary.seconds = time.monotonic() - started
    return summary


def problems(summary: TraceSummary, cli: Path, expect: str | None) -> list[str]:
    """What is wrong with a library's traces: unreadable files, no calls, unreadable names,
    the expected function missing."""
    found = list(summary.errors)
    if summary.calls == 0:
        found.append("the traced tests recorded no calls")
    unreadable = sorted({n for n in summary.functions if MANGLED.search(n) or not READABLE.match(n)})
    if unreadable:
        found.append(f"{len(unreadable)} unreadable function names, e.g. {', '.join(unreadable[:5])}")
    if expect:
        matching = [n for n in summary.functions if fnmatch.fnmatchcase(n, expect)]
        if not matching:
            found.append(f"no recorded function matches {expect}")
        else:
            for trace in summary.files:
                summary.sample = sample(cli, trace, expect)
                if summary.sample:
                    break
    return found
