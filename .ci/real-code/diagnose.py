"""Compiler output of a failed traced build -> the annotated declarations it blames."""

import re
from dataclasses import dataclass, field
from pathlib import Path

ERROR = re.compile(r"^(/[^:\n]+\.swift):(\d+):\d+: error: (.*)$")
UNKNOWN = re.compile(r"^<unknown>:0: error: (.*)$")
EXPANSION = re.compile(r"^macro expansion @(\w+):\d+:\d+: error: (.*)$")
NOTE = re.compile(r"^(/[^:\n]+\.swift):(\d+):\d+: note: ")
QUOTED = re.compile(r"^\s*(\d+) \| ")
ORIGIN = re.compile(r"(/[^:\n]+\.swift):(\d+):\d+: note: expanded code originates here")
CRASH = re.compile(r"error: .*command failed due to signal")
FILES = re.compile(r"(/[^:()\n]+\.swift):\d+")
FRAME = re.compile(r"[(@](/[^:()\n]+\.swift):(\d+):\d+\)")
CYCLE = re.compile(r"circular reference|self-referential generic requirements|compiler crash")


@dataclass
class Declaration:
    """One line of the annotator's report."""
    path: str
    start: int
    end: int
    kind: str
    state: str
    header: str

    @property
    def key(self) -> str:
        return f"{self.path}:{self.start}"


@dataclass
class Blame:
    """The errors that one declaration's annotation caused."""
    declaration: Declaration
    errors: list[str] = field(default_factory=list)


def read_declarations(report: Path) -> list[Declaration]:
    """The annotator's tab-separated report."""
    found = []
    for line in report.read_text().splitlines():
        parts = line.split("\t")
        if len(parts) == 6:
            found.append(Declaration(parts[0], int(parts[1]), int(parts[2]), *parts[3:]))
    return found


def innermost(declarations: list[Declaration], path: str, line: int) -> Declaration | None:
    """The innermost annotated declaration of `path` whose lines hold `line`."""
    holding = [d for d in declarations
               if d.state in ("yes", "expanded") and d.path == path and d.start <= line <= d.end]
    return max(holding, key=lambda d: d.start, default=None)


def blame(log: str, root: Path, declarations: list[Declaration]) -> tuple[list[Blame], list[str]]:
    """Maps each error of a build log to a declaration; returns the blames and the errors that
    no annotated declaration holds."""
    prefix = str(root.resolve()) + "/"
    blames, loose = _blame(log, prefix, declarations)
    # A request cycle or crash breaks other declarations' checking in the same round (missing
    # conformances, "failed to produce diagnostic", odd lookups): blame only the cycles and
    # let the next round tell whether the others still fail on their own.
    cycles = [b for b in blames if any(CYCLE.search(e) for e in b.errors)]
    if cycles:
        return cycles, loose
    if blames or not loose:
        return blames, loose
    # Nothing placed (a crash whose frames name unmarked declarations only, say): leave every
    # marked declaration of the files the errors name unmarked, so the next round gets on.
    files = {m.group(1)[len(prefix):] for text in loose for m in FILES.finditer(text)
             if m.group(1).startswith(prefix)}
    for declaration in declarations:
        if declaration.state in ("yes", "expanded") and declaration.path in files:
            blames.append(Blame(declaration, ["(whole file left unmarked) " + loose[0][:200]]))
    return blames, loose


def _blame(log: str, prefix: str, declarations: list[Declaration]) -> tuple[list[Blame], list[str]]:
    blames: dict[str, Blame] = {}
    loose: list[str] = []

    def place(path: str, line: int, message: str) -> bool:
        relative = path[len(prefix):] if path.startswith(prefix) else path
        declaration = innermost(declarations, relative, line)
        if declaration is None:
            return False
        entry = blames.setdefault(declaration.key, Blame(declaration))
        if message not in entry.errors:
            entry.errors.append(message)
        return True

    lines = log.splitlines()

    def notes(index: int, path: str) -> list[tuple[str, int]]:
        """Where the notes after the error at `index` point, up to the next error: note
        headers, and the marked declarations that the quoted source lines show."""
        found = []
        for text in lines[index + 1:index + 200]:
            if ERROR.match(text) or UNKNOWN.match(text) or EXPANSION.match(text) or \
                    text.startswith("["):
                break
            if note := NOTE.match(text):
                path = note.group(1)
                found.append((path, int(note.group(2))))
            elif (quoted := QUOTED.match(text)) and "@TraceAll" in text:
                found.append((path, int(quoted.group(1))))
        return found

    for index, text in enumerate(lines):
        if found := ERROR.match(text):
            here = [(found.group(1), int(found.group(2)))]
            # A cycle is reported where the compiler noticed it; the notes name the marked
            # declaration whose expansion it was resolving, which is the one to blame.
            noted = notes(index, found.group(1))
            places = noted + here if "circular reference" in text else here + noted
            if not any(place(path, line, found.group(3)) for path, line in places):
                loose.append(text)
        elif found := UNKNOWN.match(text):
            if not any(place(path, line, found.group(1)) for path, line in notes(index, "")):
                loose.append(text)
        elif found := EXPANSION.match(text):
            origin = next((ORIGIN.search(t) for t in lines[index + 1:index + 3]
                           if ORIGIN.search(t)), None)
            message = f"in @{found.group(1)} expansion: {found.group(2)}"
            if origin is None or not place(origin.group(1), int(origin.group(2)), message):
                loose.append(text)
        elif CRASH.search(text):
            after = lines[index + 1:index + 80]
            why = next((t.strip() for t in after if t.lstrip().startswith(("Abort", "Assertion"))),
                       " ".join(t.strip() for t in after[:2]))
            frames = [FRAME.search(t) for t in lines[index + 1:index + 80]]
            placed = [f for f in frames if f]
            message = f"compiler crash: {why}"
            if not any(place(f.group(1), int(f.group(2)), message) for f in reversed(placed)):
                loose.append(f"{text} {why} " + " ".join(f.group(0) for f in placed[-3:]))
    return list(blames.values()), sorted(set(loose))
