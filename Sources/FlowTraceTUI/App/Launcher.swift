import CNcursesw
import Foundation

/// What `flowtrace-tui` was asked to do.
package struct LaunchOptions: Sendable {
  package var path: String
  package var theme: String
  package var ascii: Bool
  package var filter: String?
  /// A second trace: show the diff view of `path` (A) and it (B).
  package var diff: String?

  package init(
    path: String, theme: String = "default", ascii: Bool = false, filter: String? = nil,
    diff: String? = nil
  ) {
    self.path = path
    self.theme = theme
    self.ascii = ascii
    self.filter = filter
    self.diff = diff
  }
}

/// Starts the explorer: everything that can fail (theme, trace, filter) is checked before
/// curses takes the terminal, so errors are one line on stderr with a non-zero exit.
package enum Launcher {
  /// Runs the explorer and returns the process exit status.
  package static func run(_ options: LaunchOptions) -> Int32 {
    setlocale(LC_ALL, "")
    let app: ExplorerApp
    switch prepare(options, utf8Locale: ft_locale_is_utf8() != 0) {
    case .success(let prepared): app = prepared
    case .failure(let failure):
      complain(failure.message)
      return failure.status
    }
    let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    let terminal: CursesTerminal
    do {
      terminal = try CursesTerminal(colors: !noColor)
    } catch {
      complain("\(error)")
      return 1
    }
    if !terminal.colorsEnabled {
      app.state.context.theme = app.state.context.theme.attributesOnly()
    }
    Runner.run(app, on: terminal)
    terminal.close()
    return 0
  }

  /// A startup failure: the message for stderr and the exit status.
  package struct Failure: Error {
    package var message: String
    package var status: Int32
  }

  /// Loads theme, trace and filter; the app is ready to run on any terminal.
  package static func prepare(
    _ options: LaunchOptions, utf8Locale: Bool, themeDirectories: [String]? = nil
  ) -> Result<ExplorerApp, Failure> {
    let theme: Theme
    do {
      theme = try ThemeLoader.load(options.theme, directories: themeDirectories)
    } catch {
      return .failure(Failure(message: "theme \(error.description)", status: 2))
    }
    let document: TraceDocument
    let loader: ProgressiveLoad?
    do {
      // With --diff the view shows the merged tree: A's first slice is not shown.
      (document, loader) = try TraceDocument.open(
        path: options.path, budgetNanos: options.diff == nil ? 50_000_000 : 1_000_000)
    } catch {
      return .failure(Failure(message: error.description, status: 1))
    }
    let context = RenderContext(theme: theme, ascii: options.ascii || !utf8Locale)
    let app = ExplorerApp(document: document, context: context)
    app.loading = loader
    if let diff = options.diff, let problem = app.compare(with: diff) {
      return .failure(Failure(message: "--diff: " + problem, status: 1))
    }
    if let filter = options.filter, let problem = app.applyFilter(filter) {
      return .failure(Failure(message: "--filter: " + problem.dropPrefix("filter: "), status: 2))
    }
    if let problem = document.problem { app.send(.notice(problem, isProblem: true)) }
    return .success(app)
  }

  static func complain(_ message: String) {
    FileHandle.standardError.write(Data(("flowtrace-tui: " + message + "\n").utf8))
  }
}

extension String {
  func dropPrefix(_ prefix: String) -> String {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
  }
}
