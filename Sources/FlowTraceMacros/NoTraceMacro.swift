import SwiftSyntax
import SwiftSyntaxMacros

/// `@NoTrace`: a marker that keeps `@TraceAll` off one method; expands to nothing.
public struct NoTraceMacro: PeerMacro {
  public static func expansion(
    of node: AttributeSyntax,
    providingPeersOf declaration: some DeclSyntaxProtocol,
    in context: some MacroExpansionContext
  ) throws -> [DeclSyntax] {
    []
  }
}
