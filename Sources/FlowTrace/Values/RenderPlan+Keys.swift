// Which plans keep their values' texts by the values' contents (`ValueTexts`).

extension RenderPlan {
  /// True when an equal value's text may be written again: a text that costs more than a
  /// lookup, of a type that did not ask to be rendered each time.
  static func keepsTexts(_ style: Style) -> Bool {
    rendersSlowly(style) && !(T.self is any TraceRenderedEachTime.Type)
  }

  /// False for the texts that cost about a lookup (a string copied, an integer's digits, an
  /// enum case's text, a constant), for collections, and for classes and existentials (no
  /// key).
  private static func rendersSlowly(_ style: Style) -> Bool {
    switch style {
    case .representable: return true
    case .reflecting(let reflecting): return rendersSlowly(reflecting)
    case .string, .optional, .instance, .dynamic: return false
    }
  }

  /// Arrays and dictionaries are left to their memo (`TextMemo`: the same storage is found
  /// again faster than a key is read from its elements).
  private static func rendersSlowly(_ reflecting: Reflecting) -> Bool {
    switch reflecting {
    case .debugDescription, .description, .streamable, .fields, .enumCases: return true
    case .sequence, .memoized, .pairs, .bytes, .cases, .constant, .dynamic: return false
    }
  }
}
