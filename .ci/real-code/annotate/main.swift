// annotate: adds `@TraceAll` to every type and extension declaration of the Swift files under
// the given folders, and `import FlowTrace` to each file it changed. Compiled together with
// Sources/FlowTraceAnnotate (the library behind `flowtrace annotate`) against the toolchain's
// own swift-syntax (usr/lib/swift/host), so it costs seconds, not a swift-syntax build.
//
// usage: annotate [--dry-run] [--skip LIST] FOLDER...
//   LIST: a file of `path:line` lines (paths as printed below): declarations left unmarked.
// stdout: one line per declaration, tab-separated: path (relative to the current folder),
// first line, last line, kind, state (yes = marked, skip = listed, had = already marked,
// no = a protocol), header. Exit 1 on unreadable files or files that do not parse.
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
var dryRun = false
var skipped: Set<String> = []
while let first = arguments.first, first.hasPrefix("--") {
  arguments.removeFirst()
  if first == "--dry-run" {
    dryRun = true
  } else if first == "--skip", let list = arguments.first {
    arguments.removeFirst()
    guard let text = try? String(contentsOfFile: list, encoding: .utf8) else {
      FileHandle.standardError.write(Data("annotate: cannot read \(list)\n".utf8))
      exit(2)
    }
    skipped = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
  } else {
    arguments = []
    break
  }
}
guard !arguments.isEmpty else {
  FileHandle.standardError.write(
    Data("usage: annotate [--dry-run] [--skip LIST] FOLDER...\n".utf8))
  exit(2)
}

var failures = 0
for folder in arguments {
  for path in SwiftFiles.under(folder) {
    let shown = SwiftFiles.relative(path)
    do {
      let source = try SwiftFiles.read(path)
      let lines = Set(
        skipped.compactMap { key -> Int? in
          guard key.hasPrefix(shown + ":") else { return nil }
          return Int(key.dropFirst(shown.count + 1))
        })
      let (text, declarations) = try MarkAll.mark(source: source, fileName: path, skipping: lines)
      if let text, !dryRun { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
      for d in declarations {
        print(
          [shown, String(d.startLine), String(d.endLine), d.kind, d.state, d.header]
            .joined(separator: "\t"))
      }
    } catch {
      FileHandle.standardError.write(Data("annotate: \(path): \(error)\n".utf8))
      failures += 1
    }
  }
}
exit(failures == 0 ? 0 : 1)
