/// The `?` overlay: every binding of `KeyMap`, grouped by section, in a centred box.
struct HelpOverlay {
  /// First line shown (the overlay scrolls with j/k when it does not fit).
  var scroll: Int

  /// The help text lines, section headers included.
  static func lines() -> [[Segment]] {
    var out: [[Segment]] = []
    var section = ""
    for binding in KeyMap.bindings {
      if case .expandToDepth(let n) = binding.action {
        // One line for 1-9.
        if n == 1 {
          out.append([
            Segment("  " + TextFit.pad("1-9", width: 12), .helpKey),
            Segment("expand to depth N", .help),
          ])
        }
        continue
      }
      if binding.section != section {
        if !section.isEmpty { out.append([]) }
        section = binding.section
        out.append([Segment(section, .label)])
      }
      let keys = binding.keys.map(\.label).joined(separator: " ")
      out.append([
        Segment("  " + TextFit.pad(keys, width: 12), .helpKey), Segment(binding.help, .help),
      ])
    }
    return out
  }

  /// Lines the overlay can show at once on a screen of `size`.
  static func visibleLines(size: TerminalSize) -> Int { max(1, size.rows - 4) }

  func draw(into screen: ScreenBuffer, context: RenderContext) {
    let size = screen.size
    let lines = Self.lines()
    let width = min(size.cols, 60)
    let height = min(size.rows, lines.count + 2)
    guard width >= 4, height >= 3 else { return }
    let top = (size.rows - height) / 2
    let left = (size.cols - width) / 2
    let border = context.style(.border)
    let fillStyle = context.style(.help)
    let g = context.glyphs
    let inner = width - 2
    let title = " Keys (q/Esc closes) "
    let horizontal = String(repeating: g.horizontal, count: inner)
    screen.draw(
      g.horizontal == "─" ? "┌" + horizontal + "┐" : "+" + horizontal + "+",
      row: top, col: left, style: border)
    screen.draw(
      TextFit.truncate(title, width: inner), row: top, col: left + 2, style: context.style(.label))
    screen.draw(
      g.horizontal == "─" ? "└" + horizontal + "┘" : "+" + horizontal + "+",
      row: top + height - 1, col: left, style: border)
    let shown = height - 2
    let first = max(0, min(scroll, lines.count - shown))
    for i in 0..<shown {
      let row = top + 1 + i
      screen.draw(g.vertical, row: row, col: left, style: border)
      screen.fill(row: row, col: left + 1, width: inner, style: fillStyle)
      screen.draw(g.vertical, row: row, col: left + width - 1, style: border)
      let index = first + i
      if index < lines.count {
        screen.drawSegments(
          lines[index], row: row, col: left + 2, width: inner - 2, context: context)
      }
    }
  }
}
