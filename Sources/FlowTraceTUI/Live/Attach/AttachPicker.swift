import CNcursesw
import FlowTraceSystem
import Foundation

/// `flowtrace-tui --attach` without a pid: lists this user's running traced programs
/// (program, pid, uptime, calls so far; refreshed every 2 s), then attaches to the chosen one.
package enum AttachPicker {
  /// Runs the picker, then the live explorer on the chosen program; the exit status.
  package static func run(theme: String, ascii: Bool, filter: String?) -> Int32 {
    setlocale(LC_ALL, "")
    let directory = AttachDirectory.current()
    var model = AttachPickerModel(
      candidates: AttachCandidate.scan(directory: directory), directory: directory)
    guard !model.candidates.isEmpty else {
      Launcher.complain("--attach: no traced program of yours offers attaching (in \(directory))")
      return 1
    }
    let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
    let terminal: CursesTerminal
    do {
      terminal = try CursesTerminal(colors: !noColor)
    } catch {
      Launcher.complain("\(error)")
      return 1
    }
    let chosen = choose(&model, on: terminal) {
      AttachCandidate.scan(directory: directory)
    }
    terminal.close()
    guard let chosen else { return 0 }
    return LiveLauncher.run(
      LiveLaunchOptions(theme: theme, ascii: ascii, filter: filter, attach: chosen))
  }

  /// The picker's loop on `terminal`: the chosen pid, or nil when the user quit.
  package static func choose(
    _ model: inout AttachPickerModel, on terminal: Terminal,
    refreshEveryMs: Int = 2000, rescan: () -> [AttachCandidate]
  ) -> Int32? {
    model.draw(on: terminal)
    while !terminal.inputEnded {
      guard let key = terminal.readKey(timeoutMs: refreshEveryMs) else {
        model.update(rescan())
        model.draw(on: terminal)
        continue
      }
      switch model.handle(key) {
      case .choose(let pid): return pid
      case .quit: return nil
      case .stay: model.draw(on: terminal)
      }
    }
    return nil
  }
}
