import SwiftSyntax

/// Shifts a block of statements left so its first line has no indentation; the expansion
/// formatter then indents it to its new depth. Only trivia changes, so string literals
/// (multi-line ones included) keep their meaning.
final class Dedent: SyntaxRewriter {
  private let columns: Int

  private init(columns: Int) {
    self.columns = columns
    super.init(viewMode: .sourceAccurate)
  }

  /// `statements` moved left by the indentation of their first line.
  static func statements(_ statements: CodeBlockItemListSyntax) -> CodeBlockItemListSyntax {
    let columns = indentation(of: statements.firstToken(viewMode: .sourceAccurate))
    guard columns > 0 else { return statements }
    return Dedent(columns: columns).rewrite(statements).cast(CodeBlockItemListSyntax.self)
  }

  override func visit(_ token: TokenSyntax) -> TokenSyntax {
    token
      .with(\.leadingTrivia, shifted(token.leadingTrivia))
      .with(\.trailingTrivia, shifted(token.trailingTrivia))
  }

  private func shifted(_ trivia: Trivia) -> Trivia {
    var pieces: [TriviaPiece] = []
    var afterNewline = false
    for piece in trivia {
      switch piece {
      case .spaces(let count) where afterNewline:
        if count > columns { pieces.append(.spaces(count - columns)) }
      case .tabs(let count) where afterNewline:
        if count * 8 > columns { pieces.append(.spaces(count * 8 - columns)) }
      default:
        pieces.append(piece)
      }
      afterNewline = piece.isNewline
    }
    return Trivia(pieces: pieces)
  }

  /// Columns of whitespace that follow the last newline in the token's leading trivia.
  private static func indentation(of token: TokenSyntax?) -> Int {
    guard let trivia = token?.leadingTrivia else { return 0 }
    var columns = 0
    for piece in trivia {
      switch piece {
      case .spaces(let count): columns += count
      case .tabs(let count): columns += count * 8
      default: if piece.isNewline { columns = 0 }
      }
    }
    return columns
  }
}
