"""What the corpus run prints: a line per library as it finishes, then the summary."""

from pathlib import Path

PHASES = ["prepare", "build untraced", "test untraced", "annotate", "build traced",
          "test traced", "decode trace", "total"]


def tests_text(results) -> str:
    if results is None:
        return "-"
    failed = results.count("failed")
    return f"{results.count('passed')}/{results.total()}" + (f" ({failed} failed)" if failed else "")


def library_line(outcome) -> None:
    """One library's result as soon as it is known, with its problems and blamed declarations."""
    name = outcome.library.name
    state = "FAIL" if outcome.problems else "ok"
    trace = outcome.trace
    calls = f"{trace.calls:,} calls, {len(trace.functions)} functions" if trace else "no trace"
    print(f"{state}: {name}: {outcome.declarations} declarations marked "
          f"({outcome.expanded} expanded by flowtrace annotate), tests untraced "
          f"{tests_text(outcome.untraced)}, traced {tests_text(outcome.traced)}, {calls}; "
          + ", ".join(f"{p} {s:.0f} s" for p, s in outcome.seconds.items()), flush=True)
    for blame in outcome.blames:
        d = blame.declaration
        print(f"  does not compile: {name}: {d.path}:{d.start}: {d.kind} `{d.header}`")
        for error in blame.errors[:4]:
            print(f"    error: {error[:300]}")
    for problem in outcome.problems[:12]:
        print(f"  problem: {problem[:400]}")
    if len(outcome.problems) > 12:
        print(f"  ... and {len(outcome.problems) - 12} more problems")
    if trace and trace.sample:
        print("  sample: " + "\n          ".join(trace.sample))


def summary(outcomes, setup: float, total: float, work: Path) -> None:
    """The table (also written to work/summary.md) and the closing count."""
    header = ("| library | kind | declarations marked | not compiling (@TraceAll cycle) "
              "| expanded by flowtrace annotate | protocols (skipped) "
              "| tests untraced | tests traced | calls recorded | trace MB | "
              + " | ".join(f"{p} s" for p in PHASES) + " |")
    rows = [header, "|" + "---|" * (header.count("|") - 1)]
    for o in outcomes:
        trace = o.trace
        rows.append(
            f"| {o.library.name} {o.library.tag} | {o.library.kind} | {o.declarations} "
            f"| {len(o.blames) + o.known} | {o.expanded} | {o.protocols} "
            f"| {tests_text(o.untraced)} "
            f"| {tests_text(o.traced)} | {f'{trace.calls:,}' if trace else '-'} "
            f"| {f'{trace.bytes / 1e6:.1f}' if trace else '-'} | "
            + " | ".join(f"{o.seconds.get(p, 0):.0f}" for p in PHASES) + " |")
    marked = sum(o.declarations for o in outcomes)
    rows.append(f"\nsetup (annotator, CLI) {setup:.0f} s; whole run {total:.0f} s; "
                f"{marked} declarations marked in {len(outcomes)} libraries")
    text = "\n".join(rows)
    (work / "summary.md").write_text(text + "\n")
    print("\n" + text)
    failed = [o for o in outcomes if o.problems]
    for o in failed:
        print(f"FAILED: {o.library.name}: " + "; ".join(p[:200] for p in o.problems[:6]))
    print(f"real-code: {len(outcomes) - len(failed)} passed, {len(failed)} failed", flush=True)
