#!/usr/bin/env python3
"""Prints a call tree as one normalised line per call, indented two spaces a level:
`name(args) = result`. Reads, by mode:
  uftrace            `uftrace replay -f none` text on stdin
  viztracer FILE     viztracer's JSON, nested here by time (independently of flowtrace)
  jsonl FILE         `flowtrace export --format jsonl` of an imported trace
--keep A,B keeps only calls with those base names (nesting taken from the nearest kept
ancestor); --swift demangles uftrace's names with `swift demangle --simplified`."""
import json, re, subprocess, sys

def base(name):
    name = re.sub(r" \(.*:\d+\)$", "", name)      # viztracer's `fib (/x.py:1)`
    return re.sub(r"\((\w*:)*\)$", "", name)      # Swift's `fib(_:)`

def uftrace(lines, swift):
    calls, stack = [], []
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        text = line.strip()
        m = re.match(r"^\} (?:= (.*?); )?/\* (.*) \*/$", text)
        if m:
            index = stack.pop()
            if m.group(1) is not None:
                calls[index][3] = m.group(1)
            continue
        m = re.match(r"^(.*?)\((.*)\)(?: = (.*?))?( \{|;)$", text)
        if not m:
            sys.exit("cannot read uftrace line: " + line)
        calls.append([depth, m.group(1), m.group(2), m.group(3)])
        if m.group(4) == " {":
            stack.append(len(calls) - 1)
    if swift:
        names = sorted({c[1] for c in calls if c[1].startswith("$s")})
        if names:
            out = subprocess.run(["swift", "demangle", "--simplified", "--compact"],
                                 input="\n".join(names) + "\n", capture_output=True, text=True).stdout
            table = dict(zip(names, out.splitlines()))
            for c in calls:
                c[1] = table.get(c[1], c[1])
    return calls

def viztracer(path):
    threads = {}  # threads in order of their first event of any kind (thread names too)
    for e in json.load(open(path))["traceEvents"]:
        named = e.get("ph") == "M" and e.get("name") == "thread_name"
        if (e.get("ph") == "X" or named) and "tid" in e:
            calls = threads.setdefault((e["pid"], e["tid"]), [])
            if e["ph"] == "X":
                calls.append(e)
    calls = []
    for key in threads:
        stack = []
        for e in sorted(threads[key], key=lambda e: (e["ts"], -e["dur"])):
            end = e["ts"] + e["dur"]
            while stack and stack[-1] <= e["ts"]:
                stack.pop()
            args = e.get("args", {})
            given = args.get("func_args")
            text = None if given is None else ", ".join(f"{k}: {v}" for k, v in given.items())
            calls.append([len(stack), e["name"], text or "", args.get("return_value")])
            stack.append(end)
    return calls

def jsonl(path):
    sites, calls, index, depth = {}, [], {}, {}
    for line in open(path):
        e = json.loads(line)
        if e["type"] == "site":
            sites[e["id"]] = (e["name"], e.get("labels", []))
        elif e["type"] == "call":
            name, labels = sites[e["site"]]
            d = depth[e["parent"]] + 1 if e.get("parent") in depth else 0
            depth[e["id"]] = d
            values = e.get("args") or []
            text = ", ".join(v if i >= len(labels) or labels[i] == "_" else f"{labels[i]}: {v}"
                             for i, v in enumerate(values))
            index[e["id"]] = len(calls)
            calls.append([d, name, text, None])
        elif e["type"] == "return" and e.get("result") is not None:
            calls[index[e["id"]]][3] = e["result"]
    return calls

def main():
    args = sys.argv[1:]
    keep = None
    if "--keep" in args:
        i = args.index("--keep")
        keep = set(args[i + 1].split(","))
        del args[i:i + 2]
    swift = "--swift" in args
    args = [a for a in args if a != "--swift"]
    mode = args[0]
    calls = uftrace(sys.stdin, swift) if mode == "uftrace" else \
        viztracer(args[1]) if mode == "viztracer" else jsonl(args[1])
    kept = []  # (original depth) of kept ancestors
    for depth, name, text, result in calls:
        while kept and kept[-1] >= depth:
            kept.pop()
        if keep is not None and base(name) not in keep:
            continue
        line = "  " * len(kept) + base(name) + "(" + text + ")"
        if result is not None:
            line += " = " + result
        print(line)
        kept.append(depth)

main()
