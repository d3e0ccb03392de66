@preconcurrency import CNcursesw
import Glibc

/// Why the curses terminal could not start.
package struct TerminalError: Error, CustomStringConvertible {
  package var description: String
}

/// The real terminal, through ncursesw: wide characters, colours when allowed, raw keys.
package final class CursesTerminal: Terminal {
  package let colorsEnabled: Bool
  private var pairs: [TextStyle: Int16] = [:]
  private var nextPair: Int16 = 1
  private var screen: OpaquePointer?

  /// Starts curses on the controlling terminal. Call `setlocale(LC_ALL, "")` first.
  /// `colors == false` keeps attributes only (NO_COLOR, mono).
  package init(colors: Bool) throws {
    guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
      throw TerminalError(description: "not a terminal: flowtrace-tui needs an interactive tty")
    }
    let term = getenv("TERM").map { String(cString: $0) } ?? ""
    guard !term.isEmpty, let screen = newterm(nil, stdout, stdin) else {
      throw TerminalError(description: "cannot start curses for TERM='\(term)'")
    }
    self.screen = screen
    set_term(screen)
    raw()
    noecho()
    nonl()
    keypad(ft_stdscr(), true)
    ft_set_escdelay(25)
    curs_set(0)
    var useColors = false
    if colors && has_colors() {
      start_color()
      use_default_colors()
      useColors = true
    }
    colorsEnabled = useColors
  }

  /// Ends curses and restores the terminal.
  package func close() {
    guard let screen else { return }
    endwin()
    delscreen(screen)
    self.screen = nil
  }

  deinit { close() }

  package var size: TerminalSize {
    let win = ft_stdscr()
    return TerminalSize(rows: Int(getmaxy(win)), cols: Int(getmaxx(win)))
  }

  package func write(_ text: String, row: Int, col: Int, style: TextStyle) {
    var wide: [wchar_t] = []
    wide.reserveCapacity(text.unicodeScalars.count + 1)
    for scalar in text.unicodeScalars { wide.append(wchar_t(bitPattern: scalar.value)) }
    wide.append(0)
    let pair = colorsEnabled ? pairNumber(for: style) : 0
    _ = wide.withUnsafeBufferPointer { buffer in
      ft_put_wstr(
        Int32(row), Int32(col), buffer.baseAddress, Int32(buffer.count - 1),
        attributes(style.attrs), pair)
    }
  }

  package func clearAll() {
    wclear(ft_stdscr())
  }

  package func flush() {
    wrefresh(ft_stdscr())
  }

  package func readKey(timeoutMs: Int) -> Key? {
    wtimeout(ft_stdscr(), Int32(timeoutMs))
    var value: wint_t = 0
    let rc = ft_get_wch(&value)
    if rc == ERR { return nil }
    if rc == KEY_CODE_YES { return Self.functionKey(Int32(value)) }
    return Key.fromScalar(UInt32(value))
  }

  package var inputEnded: Bool { false }

  package func suspend() {
    endwin()
    raise(SIGTSTP)
    // Resumed: curses restores the screen modes on the next refresh.
    wrefresh(ft_stdscr())
  }

  static func functionKey(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP: return .up
    case KEY_DOWN: return .down
    case KEY_LEFT: return .left
    case KEY_RIGHT: return .right
    case KEY_PPAGE: return .pageUp
    case KEY_NPAGE: return .pageDown
    case KEY_HOME: return .home
    case KEY_END, KEY_LL: return .end
    case KEY_ENTER: return .enter
    case KEY_BACKSPACE: return .backspace
    case KEY_DC: return .delete
    case KEY_BTAB: return .backTab
    case KEY_RESIZE: return .resize
    default:
      for n in 1...24 where code == ft_key_f(Int32(n)) { return .function(n) }
      return nil
    }
  }

  private func attributes(_ attrs: TextAttributes) -> attr_t {
    var out = ft_a_normal()
    if attrs.contains(.bold) { out |= ft_a_bold() }
    if attrs.contains(.dim) { out |= ft_a_dim() }
    if attrs.contains(.reverse) { out |= ft_a_reverse() }
    if attrs.contains(.underline) { out |= ft_a_underline() }
    if attrs.contains(.italic) { out |= ft_a_italic() }
    if attrs.contains(.standout) { out |= ft_a_standout() }
    if attrs.contains(.blink) { out |= ft_a_blink() }
    return out
  }

  private func pairNumber(for style: TextStyle) -> Int16 {
    let key = TextStyle(fg: style.fg, bg: style.bg)
    if key.fg == .default && key.bg == .default { return 0 }
    if let pair = pairs[key] { return pair }
    guard Int32(nextPair) < ft_color_pairs() else { return 0 }
    let pair = nextPair
    nextPair += 1
    init_pair(pair, color(key.fg), color(key.bg))
    pairs[key] = pair
    return pair
  }

  private func color(_ c: TermColor) -> Int16 {
    switch c {
    case .default: return -1
    case .index(let i): return Int32(i) < ft_colors() ? Int16(i) : Int16(i % 8)
    }
  }
}
