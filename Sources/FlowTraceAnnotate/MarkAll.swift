import Foundation

/// Marks every type and extension of a file with `@TraceAll` (the real-code corpus's way of
/// tracing a whole library).
public enum MarkAll {
  /// Marks every type and extension of `source` (line numbers are kept: the attribute goes in
  /// front of the declaration on its line, and `import FlowTrace` is appended at the end).
  /// Declarations whose start line is in `skipping` stay unmarked. Returns the new text (nil
  /// when nothing changed) and the declarations found, marked or not.
  public static func mark(
    source: String, fileName: String, skipping: Set<Int>
  ) throws(AnnotateError) -> (text: String?, declarations: [Declaration]) {
    let tree = try SourceTree(source: source, fileName: fileName)
    let finder = DeclarationFinder(tree: tree.syntax, fileName: fileName)
    finder.walk(tree.syntax)
    let declarations = finder.found.map { found in
      var declaration = found
      if declaration.annotate && skipping.contains(declaration.startLine) {
        declaration.annotate = false
        declaration.state = "skip"
      }
      return declaration
    }
    let edits = declarations.filter(\.annotate).map {
      SourceEdit(start: $0.insertionOffset, end: $0.insertionOffset, text: "@TraceAll ")
    }
    guard !edits.isEmpty else { return (nil, declarations) }
    var text = SourceEdit.apply(edits, to: source)
    if !text.hasSuffix("\n") { text += "\n" }
    return (text + importLine(for: source) + "\n", declarations)
  }

  /// `public import FlowTrace` for a file with inlinable code (its traced bodies name FlowTrace's
  /// API, which under `InternalImportsByDefault` a plain import keeps internal), else a plain
  /// `import FlowTrace`.
  static func importLine(for source: String) -> String {
    let inlinable = ["@inlinable", "@_alwaysEmitIntoClient", "@_transparent"]
    return inlinable.contains { source.contains($0) }
      ? "public import FlowTrace" : "import FlowTrace"
  }
}
