/// Something the event loop can drive: keys in, frames out.
package protocol InteractiveApp: AnyObject {
  /// Applies one key (or resize).
  func handle(_ key: Key)
  /// Draws the whole screen into `frame` (sized to the terminal).
  func render(into frame: ScreenBuffer)
  /// True once the user asked to quit.
  var shouldQuit: Bool { get }
  /// Called when no key came within the poll interval; true when the screen must be redrawn
  /// (live data arrived).
  func tick() -> Bool
  /// How long to wait for a key before `tick` (0 while work is pending).
  var pollMs: Int { get }
  /// Whether Ctrl-Z may suspend now (not while a prompt takes keys).
  var acceptsSuspend: Bool { get }
}

extension InteractiveApp {
  package var pollMs: Int { 200 }
  package var acceptsSuspend: Bool { true }
}

/// The event loop: read a key, update the app, draw the frame, send only what changed.
package enum Runner {
  /// Runs until the app quits or the terminal's input ends.
  package static func run(_ app: InteractiveApp, on terminal: Terminal) {
    let presenter = Presenter()
    var needsDraw = true
    while !app.shouldQuit {
      if needsDraw {
        draw(app, on: terminal, presenter: presenter)
        needsDraw = false
      }
      guard let key = terminal.readKey(timeoutMs: app.pollMs) else {
        if terminal.inputEnded { break }
        needsDraw = app.tick()
        continue
      }
      if key == .resize || key == .ctrl("l") { presenter.invalidate() }
      if key == .ctrl("z") && app.acceptsSuspend {
        terminal.suspend()
        presenter.invalidate()
        needsDraw = true
        continue
      }
      app.handle(key)
      needsDraw = true
    }
  }

  /// Renders one frame and presents it; returns the cells written to the terminal.
  @discardableResult
  static func draw(_ app: InteractiveApp, on terminal: Terminal, presenter: Presenter) -> Int {
    let size = terminal.size
    let frame = ScreenBuffer(
      rows: size.rows, cols: size.cols, colorsEnabled: terminal.colorsEnabled)
    app.render(into: frame)
    return presenter.present(frame, to: terminal)
  }
}
