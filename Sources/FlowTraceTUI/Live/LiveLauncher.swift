import CNcursesw
import FlowTraceExplorer
import FlowTraceSystem
import Foundation

/// What `flowtrace-tui --listen [PATH]` or `--demo` was asked to do.
package struct LiveLaunchOptions: Sendable {
  /// The socket path; nil for the default (`$XDG_RUNTIME_DIR/flowtrace.sock`, else
  /// `/tmp/flowtrace-$UID/flowtrace.sock`).
  package var listen: String?
  /// Start a private listener and the bundled demo program streaming to it.
  package var demo: Bool
  /// How long the demo program keeps its trickle of calls going.
  package var demoSeconds: Double
  package var theme: String
  package var ascii: Bool
  package var filter: String?
  /// Attach to this running program instead of listening (`--attach PID`).
  package var attach: Int32?

  package init(
    listen: String? = nil, demo: Bool = false, demoSeconds: Double = 15,
    theme: String = "default", ascii: Bool = false, filter: String? = nil, attach: Int32? = nil
  ) {
    self.listen = listen
    self.attach = attach
    self.demo = demo
    self.demoSeconds = demoSeconds
    self.theme = theme
    self.ascii = ascii
    self.filter = filter
  }
}

/// Starts live mode: everything that can fail (theme, socket, demo) is checked before curses
/// takes the terminal, so problems are one line on stderr with a non-zero exit.
package enum LiveLauncher {
  /// Runs the live explorer and returns the process exit status.
  package static func run(_ options: LiveLaunchOptions) -> Int32 {
    setlocale(LC_ALL, "")
    signal(SIGPIPE, SIG_IGN)
    let environment = ProcessInfo.processInfo.environment
    let theme: Theme
    do {
      theme = try ThemeLoader.load(options.theme)
    } catch {
      Launcher.complain("theme \(error.description)")
      return 2
    }
    if let filter = options.filter,
      case .failure(let error) = Result(catching: {
        try FilterQuery(parsing: filter)
      })
    {
      Launcher.complain("--filter: \(error)")
      return 2
    }
    let session: LiveSession
    var demo: LiveDemo?
    if let pid = options.attach {
      do throws(AttachError) {
        session = LiveSession(attached: try AttachClient.attach(pid: pid), pid: pid)
      } catch {
        Launcher.complain("--attach: \(error)")
        return 1
      }
    } else {
      do throws(LiveListenError) {
        session = try listeningSession(options, environment, demo: &demo)
      } catch {
        Launcher.complain(error.description)
        return 1
      }
    }
    let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
    let terminal: CursesTerminal
    do {
      terminal = try CursesTerminal(colors: !noColor)
    } catch {
      demo?.stop()
      session.shutdown()
      Launcher.complain("\(error)")
      return 1
    }
    var context = RenderContext(theme: theme, ascii: options.ascii || ft_locale_is_utf8() == 0)
    if !terminal.colorsEnabled { context.theme = context.theme.attributesOnly() }
    let app = LiveApp(session: session, context: context, demo: demo)
    if let filter = options.filter { app.explorer.applyFilter(filter) }
    LiveRunner(app: app, terminal: terminal, inputFD: STDIN_FILENO).run()
    terminal.close()
    demo?.stop()
    session.shutdown()
    return 0
  }

  /// The session of `--demo` or `--listen [PATH]`.
  static func listeningSession(
    _ options: LiveLaunchOptions, _ environment: [String: String], demo: inout LiveDemo?
  ) throws(LiveListenError) -> LiveSession {
    if options.demo {
      let started = try LiveDemo(seconds: options.demoSeconds, environment: environment)
      demo = started
      return started.session
    }
    return LiveSession(listener: try listener(for: options.listen, environment))
  }

  /// The listener for `--listen [PATH]`; the default path's private directory is created.
  static func listener(
    for path: String?, _ environment: [String: String]
  ) throws(LiveListenError) -> LiveListener {
    if let path, !path.isEmpty { return try LiveListener(path: path) }
    let path = LiveSocketPath.defaultPath(environment: environment)
    let fallback = LiveSocketPath.privateDirectory(uid: getuid())
    if path.hasPrefix(fallback + "/") { try LiveSocketPath.preparePrivateDirectory(fallback) }
    return try LiveListener(path: path)
  }
}
