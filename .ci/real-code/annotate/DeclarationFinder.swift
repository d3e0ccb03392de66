import SwiftSyntax

/// One type or extension declaration found in a source file.
struct Declaration {
  /// `struct`, `class`, `enum`, `actor`, `extension` or `protocol`.
  var kind: String
  /// The declaration as it reads without attributes, modifiers and members, on one line.
  var header: String
  /// Where `@TraceAll` goes: the first byte of the declaration's first attribute or keyword.
  var insertionOffset: Int
  /// First and last line (1-based) of the whole declaration, members included.
  var startLine: Int
  var endLine: Int
  /// False for protocols (no bodies to trace) and for declarations already marked `@TraceAll`.
  var annotate: Bool
  /// How the report shows it: yes (marked), no (a protocol), had (already marked), skip.
  var state: String
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
    record(
      node, kind: "struct", attributes: node.attributes, keyword: node.structKeyword,
      body: node.memberBlock)
  }

  override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind {
    record(
      node, kind: "class", attributes: node.attributes, keyword: node.classKeyword,
      body: node.memberBlock)
  }

  override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind {
    record(
      node, kind: "enum", attributes: node.attributes, keyword: node.enumKeyword,
      body: node.memberBlock)
  }

  override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind {
    record(
      node, kind: "actor", attributes: node.attributes, keyword: node.actorKeyword,
      body: node.memberBlock)
  }

  override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind {
    record(
      node, kind: "extension", attributes: node.attributes,
      keyword: node.extensionKeyword, body: node.memberBlock)
  }

  override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind {
    record(
      node, kind: "protocol", attributes: node.attributes, keyword: node.protocolKeyword,
      body: node.memberBlock, traceable: false)
  }

  private func record(
    _ node: some DeclSyntaxProtocol, kind: String, attributes: AttributeListSyntax,
    keyword: TokenSyntax, body: MemberBlockSyntax, traceable: Bool = true
  ) -> SyntaxVisitorContinueKind {
    let start = node.positionAfterSkippingLeadingTrivia
    let headerEnd = body.leftBrace.positionAfterSkippingLeadingTrivia
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
    found.append(
      Declaration(
        kind: kind, header: header, insertionOffset: start.utf8Offset,
        startLine: converter.location(for: start).line,
        endLine: converter.location(for: node.endPositionBeforeTrailingTrivia).line,
        annotate: traceable && !isMarked(attributes),
        state: traceable ? (isMarked(attributes) ? "had" : "yes") : "no"))
    return .visitChildren
  }

  /// Whether the token before `token` ended in whitespace (which belongs to that token).
  private func followsSpace(_ token: TokenSyntax) -> Bool {
    guard let previous = token.previousToken(viewMode: .sourceAccurate) else { return false }
    return !previous.trailingTrivia.isEmpty
  }

  private func isMarked(_ attributes: AttributeListSyntax) -> Bool {
    attributes.contains { element in
      guard case .attribute(let attribute) = element else { return false }
      return attribute.attributeName.trimmedDescription.hasSuffix("TraceAll")
    }
  }
}
