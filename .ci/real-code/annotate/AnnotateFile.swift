import Foundation
import SwiftParser
import SwiftSyntax

/// Why a file could not be annotated.
enum AnnotateError: Error, CustomStringConvertible {
  case unreadable
  case parseErrors(line: Int)

  var description: String {
    switch self {
    case .unreadable: "not readable as UTF-8"
    case .parseErrors(let line): "does not parse (first error near line \(line))"
    }
  }
}

/// The Swift files under `folder`, sorted, hidden folders left out.
func swiftFiles(under folder: String) -> [String] {
  let root = URL(fileURLWithPath: folder)
  guard
    let walker = FileManager.default.enumerator(
      at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
  else { return [] }
  var paths: [String] = []
  for case let url as URL in walker where url.pathExtension == "swift" {
    paths.append(url.path)
  }
  return paths.sorted()
}

/// `path` relative to the current folder when it lies inside it.
func relativePath(_ path: String) -> String {
  let here = FileManager.default.currentDirectoryPath + "/"
  return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
}

/// Marks every type and extension of one file with `@TraceAll` (line numbers are kept: the
/// attribute goes in front of the declaration on its own line, and `import FlowTrace` is
/// appended at the end of the file). Declarations listed in `skipping`
/// (`path:line`) stay unmarked. Returns the report lines.
func annotateFile(at path: String, write: Bool, skipping: Set<String>) throws -> [String] {
  guard let data = FileManager.default.contents(atPath: path),
    let text = String(data: data, encoding: .utf8)
  else { throw AnnotateError.unreadable }
  let tree = Parser.parse(source: text)
  if tree.hasError {
    let converter = SourceLocationConverter(fileName: path, tree: tree)
    let bad = tree.tokens(viewMode: .all).first { $0.hasError || $0.presence == .missing }
    let line = bad.map { converter.location(for: $0.position).line } ?? 0
    throw AnnotateError.parseErrors(line: line)
  }
  let finder = DeclarationFinder(tree: tree, fileName: path)
  finder.walk(tree)
  let shown = relativePath(path)
  let declarations = finder.found.map { found in
    var declaration = found
    if declaration.annotate && skipping.contains("\(shown):\(declaration.startLine)") {
      declaration.annotate = false
      declaration.state = "skip"
    }
    return declaration
  }

  var bytes = Array(text.utf8)
  let edits = declarations.filter(\.annotate).map(\.insertionOffset).sorted(by: >)
  for offset in edits {
    bytes.insert(contentsOf: Array("@TraceAll ".utf8), at: offset)
  }
  if !edits.isEmpty {
    if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
    bytes.append(contentsOf: Array("import FlowTrace\n".utf8))
    if write {
      try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
  }
  return declarations.map { declaration in
    [
      shown, String(declaration.startLine), String(declaration.endLine), declaration.kind,
      declaration.state, declaration.header,
    ].joined(separator: "\t")
  }
}
