import Foundation

@testable import FlowTraceTUI

/// Colours as xterm draws them: its 16 standard colours, the 6×6×6 cube and the grey ramp of
/// the 256-colour palette, and a terminal's default foreground and background.
struct XtermPalette {
  /// An sRGB colour, 0…255 a channel.
  struct RGB: Equatable, CustomStringConvertible {
    var red: Int
    var green: Int
    var blue: Int

    var description: String {
      "#" + [red, green, blue].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    /// WCAG 2 relative luminance.
    var luminance: Double {
      func linear(_ channel: Int) -> Double {
        let value = Double(channel) / 255
        return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
      }
      return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG 2 contrast ratio with `other` (1…21).
    func contrast(with other: RGB) -> Double {
      let (a, b) = (luminance, other.luminance)
      return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }
  }

  /// xterm's 16 standard colours (its default resources: `color0` … `color15`).
  static let standard: [RGB] = [
    0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
    0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
  ].map { RGB(red: $0 >> 16, green: ($0 >> 8) & 0xff, blue: $0 & 0xff) }

  /// The terminal's own foreground and background, drawn for `default`.
  var defaultForeground: RGB
  var defaultBackground: RGB

  /// A dark terminal: xterm's white (colour 7) on black.
  static let dark = XtermPalette(defaultForeground: standard[7], defaultBackground: standard[0])
  /// A light terminal: black on bright white.
  static let light = XtermPalette(defaultForeground: standard[0], defaultBackground: standard[15])

  /// The colour of palette entry `index`.
  static func rgb(_ index: UInt8) -> RGB {
    let i = Int(index)
    if i < 16 { return standard[i] }
    if i < 232 {
      let levels = [0, 95, 135, 175, 215, 255]
      let cube = i - 16
      return RGB(red: levels[cube / 36], green: levels[cube / 6 % 6], blue: levels[cube % 6])
    }
    let grey = 8 + 10 * (i - 232)
    return RGB(red: grey, green: grey, blue: grey)
  }

  /// The foreground and background a cell in `style` shows (`reverse` swaps them).
  func colours(of style: TextStyle) -> (foreground: RGB, background: RGB) {
    func resolve(_ color: TermColor, _ fallback: RGB) -> RGB {
      switch color {
      case .default: return fallback
      case .index(let index): return XtermPalette.rgb(index)
      }
    }
    let fg = resolve(style.fg, defaultForeground)
    let bg = resolve(style.bg, defaultBackground)
    let swapped = style.attrs.contains(.reverse) || style.attrs.contains(.standout)
    return swapped ? (bg, fg) : (fg, bg)
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
