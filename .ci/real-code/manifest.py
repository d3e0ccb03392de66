"""A library's Package.swift: point it at the FlowTrace package, list its annotatable targets."""

import json
import re
import subprocess
from pathlib import Path

MARK = "// ---- added by FlowTrace's real-code corpus (.ci/real-code) ----"


class ManifestError(Exception):
    """A manifest that cannot be patched or described."""


def manifests(root: Path) -> list[Path]:
    """Package.swift and every version-specific Package@swift-*.swift of a package."""
    return sorted(root.glob("Package*.swift"))


def package_variable(text: str, path: Path) -> str:
    """The name the manifest gives its Package value (`package`, `pkg`, ...)."""
    found = re.search(r"\b(?:let|var)\s+(\w+)\s*=\s*Package\s*\(", text)
    if not found:
        raise ManifestError(f"{path}: no `let NAME = Package(` found")
    return found.group(1)


def patch(root: Path, flowtrace: Path, targets: list[str], drop: list[str],
          drop_deps: list[str]) -> None:
    """Appends to each manifest: a path dependency on FlowTrace, the `FlowTrace` product on
    `targets` (none for the untraced copy: the graph stays the same, nothing is traced), and
    the removal of `drop` targets and `drop_deps` dependencies (URL substrings)."""
    for path in manifests(root):
        text = path.read_text()
        if MARK in text:
            raise ManifestError(f"{path}: already patched")
        var = package_variable(text, path)
        names = ", ".join(json.dumps(t) for t in targets)
        lines = ["", MARK]
        for dep in drop_deps:
            lines.append(f"{var}.dependencies.removeAll {{ var text = \"\"; dump($0, to: &text); "
                         f"return text.contains({json.dumps(dep)}) }}")
        if drop:
            dropped = ", ".join(json.dumps(t) for t in drop)
            lines.append(f"{var}.targets.removeAll {{ [{dropped}].contains($0.name) }}")
        lines.append(f"{var}.dependencies.append(.package(path: {json.dumps(str(flowtrace))}))")
        if targets:
            lines += [
                f"for target in {var}.targets where [{names}].contains(target.name) {{",
                '  target.dependencies.append(.product(name: "FlowTrace", package: "FlowTrace"))',
                "}",
            ]
        path.write_text(text.rstrip("\n") + "\n" + "\n".join(lines) + "\n")


def swift_targets(root: Path, scratch: Path, log: Path) -> list[tuple[str, str]]:
    """(name, path) of the package's Swift library targets (not tests, executables, C)."""
    with log.open("a") as out:
        done = subprocess.run(
            ["swift", "package", "--scratch-path", str(scratch), "describe", "--type", "json"],
            cwd=root, stdout=subprocess.PIPE, stderr=out, text=True, timeout=900)
    if done.returncode != 0:
        raise ManifestError(f"swift package describe failed (exit {done.returncode}); see {log}")
    try:
        described = json.loads(done.stdout[done.stdout.index("{"):])
    except ValueError as error:
        raise ManifestError(f"swift package describe printed no JSON: {error}") from error
    return [
        (t["name"], t["path"]) for t in described.get("targets", [])
        if t.get("type") == "library" and t.get("module_type") == "SwiftTarget"
    ]
