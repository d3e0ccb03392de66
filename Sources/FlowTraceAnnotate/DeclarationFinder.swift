import SwiftSyntax

/// One type or extension declaration found in a source file.
public struct Declaration {
  /// `struct`, `class`, `enum`, `actor`, `extension` or `protocol`.
  public var kind: String
  /// The declaration as it reads without attributes, modifiers and members, on one line.
  public var header: String
  /// Where `@TraceAll` goes: the first byte of the declaration's first attribute or keyword.
  public var insertionOffset: Int
  /// First and last line (1-based) of the whole declaration, members included.
  public var startLine: Int
  public var endLine: Int
  /// False for protocols (no bodies to trace) and for declarations already marked `@TraceAll`.
  public var annotate: Bool
  /// How the report shows it: yes (marked), no (a protocol), had (already marked), skip.
  public var state: String
  /// The syntax node (a `DeclGroupSyntax`).
  var node: Syntax
}

/// Finds every type and extension declaration of a file, nested and local ones and those in
/// every `#if` clause included (the parser keeps all clauses).
final class DeclarationFinder: SyntaxVisitor {
  private let converter: SourceLocationConverter
  private(set) var found: [Declaration] = []

  init(tree: SourceFileSyntax, fileName: String) {
    converter = SourceLocationConverter(fileName: fileName, tree: tree)
    super.init(viewMode: .sourceAccurate)
  }

  override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind {
    record(node, kind: "struct", keyword: node.structKeyword)
  }

  override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind {
    record(node, kind: "class", keyword: node.classKeyword)
  }

  override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind {
    record(node, kind: "enum", keyword: node.enumKeyword)
  }

  override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind {
    record(node, kind: "actor", keyword: node.actorKeyword)
  }

  override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind {
    record(node, kind: "extension", keyword: node.extensionKeyword)
  }

  override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind {
    record(node, kind: "protocol", keyword: node.protocolKeyword, traceable: false)
  }

  private func record(
    _ node: some DeclGroupSyntax, kind: String, keyword: TokenSyntax, traceable: Bool = true
  ) -> SyntaxVisitorContinueKind {
    let start = node.positionAfterSkippingLeadingTrivia
    let headerEnd = node.memberBlock.leftBrace.positionAfterSkippingLeadingTrivia
    var header = ""
    for token in node.tokens(viewMode: .sourceAccurate) {
      let position = token.positionAfterSkippingLeadingTrivia
      if position < keyword.positionAfterSkippingLeadingTrivia { continue }
      if position >= headerEnd { break }
      if !header.isEmpty && (!token.leadingTrivia.isEmpty || followsSpace(token)) {
        header += " "
      }
      header += token.text
    }
    let marked = TraceAllMarker.attribute(in: node.attributes) != nil
    found.append(
      Declaration(
        kind: kind, header: header, insertionOffset: start.utf8Offset,
        startLine: converter.location(for: start).line,
        endLine: converter.location(for: node.endPositionBeforeTrailingTrivia).line,
        annotate: traceable && !marked,
        state: traceable ? (marked ? "had" : "yes") : "no", node: Syntax(node)))
    return .visitChildren
  }

  /// Whether the token before `token` ended in whitespace (which belongs to that token).
  private func followsSpace(_ token: TokenSyntax) -> Bool {
    guard let previous = token.previousToken(viewMode: .sourceAccurate) else { return false }
    return !previous.trailingTrivia.isEmpty
  }
}
