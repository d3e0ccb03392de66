/// One keypress (or a resize), independent of the terminal backend.
package enum Key: Hashable, Sendable {
  /// A printable character.
  case char(Character)
  /// Ctrl plus a letter, given in lower case: `.ctrl("d")`.
  case ctrl(Character)
  case up, down, left, right
  case pageUp, pageDown, home, end
  case enter, tab, backTab, escape, backspace, delete
  /// A function key, F1 = `.function(1)`.
  case function(Int)
  /// The terminal changed size.
  case resize

  /// The key as the help overlay and messages spell it.
  package var label: String {
    switch self {
    case .char(" "): return "Space"
    case .char(let c): return String(c)
    case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .tab: return "Tab"
    case .backTab: return "S-Tab"
    case .escape: return "Esc"
    case .backspace: return "Bksp"
    case .delete: return "Del"
    case .function(let n): return "F\(n)"
    case .resize: return "resize"
    }
  }

  /// Decodes a control character (0x00-0x1F, 0x7F) or printable scalar read from a terminal.
  package static func fromScalar(_ value: UInt32) -> Key? {
    switch value {
    case 0x09: return .tab
    case 0x0A, 0x0D: return .enter
    case 0x1B: return .escape
    case 0x08, 0x7F: return .backspace
    case 0x01...0x1A:
      guard let scalar = Unicode.Scalar(value - 1 + 0x61) else { return nil }
      return .ctrl(Character(scalar))
    case 0x00, 0x1C...0x1F: return nil
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      return .char(Character(scalar))
    }
  }
}
