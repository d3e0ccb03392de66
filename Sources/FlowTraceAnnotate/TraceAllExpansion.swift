import SwiftParser
import SwiftSyntax

/// Which `@TraceAll` declarations `flowtrace annotate` writes out as `@Trace` on each member.
public enum ExpansionSelection: Sendable {
  /// The shapes that run into the compiler's request cycle (swiftlang/swift #78154):
  /// extensions with a `where` clause, extensions of a protocol declared in the files read,
  /// generic classes with an inheritance clause.
  case cycleShapes
  /// Every `@TraceAll`.
  case all
  /// The innermost marked declaration holding each of these lines (a compiler error's line).
  case lines(Set<Int>)
}

/// What expanding one file changed.
public struct FileExpansion: Sendable {
  public var rewritten: String
  /// One line per changed declaration: `line: header: what`.
  public var changes: [String]
}

/// Writes `@TraceAll` out as `@Trace` on each member that `@TraceAll` would trace (functions and
/// initializers with a body and no `@Trace`/`@NoTrace` of their own), and leaves the comment
/// `/* flowtrace annotate: @TraceAll */` in the attribute's place. A declaration carrying that
/// comment gets `@Trace` on members added since, so running again keeps it complete and
/// changes nothing when it is. Every edit stays on its line: line numbers do not move.
public enum TraceAllExpansion {
  /// The names of the protocols declared in `source`.
  public static func protocolNames(in source: String) -> Set<String> {
    let tree = Parser.parse(source: source)
    final class Protocols: SyntaxVisitor {
      var names: Set<String> = []
      override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind {
        names.insert(node.name.text)
        return .visitChildren
      }
    }
    let visitor = Protocols(viewMode: .sourceAccurate)
    visitor.walk(tree)
    return visitor.names
  }

  /// Expands the selected declarations of one file; `protocols` are the protocol names of all
  /// the files read (for `.cycleShapes`).
  public static func expand(
    source: String, fileName: String, selection: ExpansionSelection, protocols: Set<String>
  ) throws(AnnotateError) -> FileExpansion {
    let tree = try SourceTree(source: source, fileName: fileName)
    let finder = DeclarationFinder(tree: tree.syntax, fileName: fileName)
    finder.walk(tree.syntax)
    let marked = finder.found.filter { isMarked($0.node) }
    var edits: [SourceEdit] = []
    var changes: [String] = []
    for declaration in marked {
      guard let group = declaration.node.asProtocol(DeclGroupSyntax.self) else { continue }
      var attributeText: String
      var expanding = false
      if let attribute = TraceAllMarker.attribute(in: group.attributes) {
        guard selected(declaration, in: marked, by: selection, protocols: protocols) else {
          continue
        }
        attributeText = attribute.trimmedDescription
        edits.append(
          SourceEdit(
            start: attribute.positionAfterSkippingLeadingTrivia.utf8Offset,
            end: attribute.endPositionBeforeTrailingTrivia.utf8Offset,
            text: TraceAllMarker.comment(for: attributeText)))
        expanding = true
      } else if let commented = TraceAllMarker.commentedAttribute(of: group) {
        attributeText = commented
      } else {
        continue
      }
      let members = TraceableMembers.untraced(in: group.memberBlock)
      let trace = TraceAllMarker.memberAttribute(for: attributeText) + " "
      edits += members.map { SourceEdit(start: $0, end: $0, text: trace) }
      guard expanding || !members.isEmpty else { continue }
      let what =
        expanding
        ? "\(attributeText.split(whereSeparator: \.isWhitespace).joined(separator: " ")) -> @Trace on \(count(members.count, "member"))"
        : "@Trace on \(count(members.count, "new member"))"
      changes.append("\(declaration.startLine): \(declaration.header): \(what)")
    }
    return FileExpansion(rewritten: SourceEdit.apply(edits, to: source), changes: changes)
  }

  private static func count(_ number: Int, _ noun: String) -> String {
    "\(number) \(noun)\(number == 1 ? "" : "s")"
  }

  private static func isMarked(_ node: Syntax) -> Bool {
    guard let group = node.asProtocol(DeclGroupSyntax.self), !node.is(ProtocolDeclSyntax.self)
    else { return false }
    return TraceAllMarker.attribute(in: group.attributes) != nil
      || TraceAllMarker.commentedAttribute(of: group) != nil
  }

  private static func selected(
    _ declaration: Declaration, in marked: [Declaration], by selection: ExpansionSelection,
    protocols: Set<String>
  ) -> Bool {
    switch selection {
    case .all:
      return true
    case .cycleShapes:
      return CycleShapes.matches(declaration.node, protocols: protocols)
    case .lines(let lines):
      return lines.contains { line in
        let holding = marked.filter { $0.startLine <= line && line <= $0.endLine }
        return holding.max { $0.startLine < $1.startLine }?.node.id == declaration.node.id
      }
    }
  }
}
