import CNcursesw

/// Terminal display width of text: wide (East Asian, emoji) characters take two cells,
/// combining marks and zero-width characters none.
package enum DisplayWidth {
  /// Cells taken by one scalar: 0, 1 or 2 (control characters count 0: sanitise them first).
  package static func of(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v >= 0x20 && v < 0x7F { return 1 }
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    let w = ft_wcwidth(v)
    if w >= 0 { return Int(w) }
    return fallback(scalar)
  }

  /// Cells taken by one character (grapheme cluster), at most 2.
  package static func of(_ character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    if scalars.count == 1 { return of(first) }
    // Emoji presentation selector turns a narrow symbol wide.
    if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    return min(2, scalars.reduce(0) { $0 + of($1) })
  }

  /// Cells taken by a string.
  package static func of(_ text: some StringProtocol) -> Int {
    var total = 0
    for ch in text { total += of(ch) }
    return total
  }

  /// Width when the C library does not know the scalar (a non-UTF-8 locale): general
  /// category for zero width, the East Asian wide blocks for two.
  static func fallback(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    let v = scalar.value
    if v == 0x200B { return 0 }
    for range in wideRanges where range.contains(v) { return 2 }
    return 1
  }

  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
    0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
    0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD,
    0x30000...0x3FFFD,
  ]
}
