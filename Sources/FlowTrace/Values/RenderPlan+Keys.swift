// Which plans keep their values' texts by the values' contents (`ValueTexts`).

extension RenderPlan {
  /// False for the texts that cost about a lookup (a string copied, an integer's digits, an
  /// enum case's text, a constant), and for classes and existentials (no key).
  static func rendersSlowly(_ style: Style) -> Bool {
    switch style {
    case .representable: return true
    case .reflecting(let reflecting): return rendersSlowly(reflecting)
    case .string, .optional, .instance, .dynamic: return false
    }
  }

  private static func rendersSlowly(_ reflecting: Reflecting) -> Bool {
    switch reflecting {
    case .debugDescription, .description, .streamable, .sequence, .memoized, .pairs, .fields,
      .enumCases:
      return true
    case .bytes, .cases, .constant, .dynamic: return false
    }
  }
}
