"""The real-code corpus (issue 10): real libraries from the package mirror, every type and
extension marked @TraceAll, their own tests run untraced and traced.

usage: python3 corpus.py [NAME...]     (default: every library of libraries.txt)
env:   FLOWTRACE_PACKAGE  the FlowTrace package to test (default: this repository)
       REALCODE_DIR       scratch folder (default: <repo>/.build-realcode)
       REALCODE_KEEP_TRACES=1  keep the trace files (deleted once checked: they run large)
       REALCODE_TEST_TIMEOUT   seconds a test run may take (default 600)
       REALCODE_SCOPE=ci  only the libraries not marked ci=no (what .ci/run checks)
Exits 1 when any library fails; prints a summary table and one line per problem."""

import os
import subprocess
import sys
import time
from pathlib import Path

import library as lib
import report

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def build_annotator(work: Path) -> Path:
    """Compiles the annotator against the toolchain's own swift-syntax (seconds)."""
    swiftc = subprocess.run(["bash", "-c", "command -v swiftc"], capture_output=True,
                            text=True, check=True).stdout.strip()
    host = Path(os.path.realpath(swiftc)).parent.parent / "lib" / "swift" / "host"
    if not (host / "SwiftParser.swiftmodule").exists():
        sys.exit(f"real-code: the toolchain has no swift-syntax modules in {host}")
    tool = work / "annotate"
    # The corpus's main.swift with the library behind `flowtrace annotate`, as one module.
    sources = sorted(str(p) for p in (HERE / "annotate").glob("*.swift"))
    sources += sorted(str(p) for p in (REPO / "Sources" / "FlowTraceAnnotate").glob("*.swift"))
    subprocess.run(["swiftc", "-O", "-o", str(tool), *sources, "-I", str(host), "-L", str(host),
                    "-lSwiftSyntax", "-lSwiftParser", "-Xlinker", "-rpath", "-Xlinker",
                    str(host)], check=True)
    return tool


def build_cli(package: Path) -> Path:
    """The flowtrace CLI of the package under test (the reader matching its writer)."""
    for product in ("flowtrace", "flowtrace-annotate"):  # `flowtrace annotate` runs the second
        subprocess.run(["swift", "build", "--product", product], cwd=package, check=True,
                       stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=package,
                              capture_output=True, text=True, check=True).stdout.strip()
    return Path(bin_path) / "flowtrace"


def known_failures() -> set[str]:
    """`library path:line` of each declaration known not to compile (known-failures.txt)."""
    found = set()
    for line in (HERE / "known-failures.txt").read_text().splitlines():
        library, _, location = line.split("#", 1)[0].strip().partition(" ")
        if library and location.strip():
            found.add(f"{library} {location.strip()}")  # a path may hold spaces
    return found


def main() -> int:
    package = Path(os.environ.get("FLOWTRACE_PACKAGE") or REPO).resolve()
    work = Path(os.environ.get("REALCODE_DIR") or REPO / ".build-realcode").resolve()
    work.mkdir(parents=True, exist_ok=True)
    # Reached through a link named FlowTrace, the package's identity is `flowtrace` whatever
    # its folder is called, so every manifest can name the product's package the same way.
    link = work / "FlowTrace"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(package)

    libraries = lib.read_libraries(HERE / "libraries.txt")
    if len(sys.argv) == 1 and os.environ.get("REALCODE_SCOPE", "all") == "ci":
        # CI's share of the corpus: the libraries not marked ci=no (one or more of each kind),
        # so that .ci/run stays well inside its time; every library runs without the scope.
        libraries = [l for l in libraries if l.options.get("ci") != "no"]
    if len(sys.argv) > 1:
        libraries = [l for l in libraries if l.name in sys.argv[1:]]
        if not libraries:
            sys.exit(f"real-code: no library named {' '.join(sys.argv[1:])} in libraries.txt")
    print(f"real-code: FlowTrace from {package}; work folder {work}", flush=True)

    started = time.monotonic()
    try:
        tool = build_annotator(work)
        cli = build_cli(package)
    except subprocess.CalledProcessError as error:
        print(f"real-code: setup failed: {' '.join(map(str, error.cmd))[:300]} "
              f"exited {error.returncode}")
        print("real-code: 0 passed, 1 failed")
        return 1
    setup = time.monotonic() - started
    print(f"real-code: annotator and flowtrace CLI ready in {setup:.0f} s", flush=True)

    outcomes = []
    for library in libraries:
        print(f"== {library.name} {library.tag} ({library.kind})", flush=True)
        began = time.monotonic()
        try:
            outcome = lib.check(library, work, link, tool, cli, known_failures())
        except Exception as error:  # a broken step is one library's failure, not the run's
            outcome = lib.Outcome(library, problems=[f"{type(error).__name__}: {error}"])
        outcome.seconds["total"] = time.monotonic() - began
        report.library_line(outcome)
        outcomes.append(outcome)
    report.summary(outcomes, setup, time.monotonic() - started, work)
    return 1 if any(o.problems for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
