#if canImport(Glibc)
  import Glibc
#endif

/// The app loop of a live session: one `poll()` over the terminal's input, the listener and
/// the clients. Keys are handled first; data is ingested in batches under a time budget;
/// redraws are coalesced to at most `maxFramesPerSecond`.
package final class LiveRunner {
  let app: LiveApp
  let terminal: Terminal
  /// The terminal's input descriptor to poll (nil: keys come only from `readKey`).
  let inputFD: Int32?
  let presenter = Presenter()
  /// Time spent ingesting between two looks at the keyboard.
  package var ingestBudget = Duration.milliseconds(8)
  package var maxFramesPerSecond = 30
  var needsDraw = true
  var lastDraw: UInt64 = 0
  /// Keys handled so far.
  package private(set) var keysHandled = 0
  /// Frames drawn so far.
  package private(set) var framesDrawn = 0

  package init(app: LiveApp, terminal: Terminal, inputFD: Int32?) {
    self.app = app
    self.terminal = terminal
    self.inputFD = inputFD
  }

  /// Runs until the user quits.
  package func run() {
    while !app.shouldQuit { step(maxWaitMs: 250) }
  }

  /// Brings the view up to date and draws a frame now.
  package func drawNow() {
    let start = LiveSession.monotonicNanos()
    app.refreshView()
    let refreshed = LiveSession.monotonicNanos()
    Runner.draw(app, on: terminal, presenter: presenter)
    framesDrawn += 1
    lastDraw = LiveSession.monotonicNanos()
    needsDraw = false
    slowest.refresh = max(slowest.refresh, refreshed - start)
    slowest.draw = max(slowest.draw, lastDraw - refreshed)
  }

  /// The longest view refresh (outline sync, search update), frame render and ingest round
  /// so far, in ns; `ingestCPU` is the longest ingest round in the loop thread's CPU time
  /// (above the budget only by the last 32 KB decoded; the wall time also counts the time the
  /// thread waited for a core).
  package private(set) var slowest:
    (refresh: UInt64, draw: UInt64, ingest: UInt64, ingestCPU: UInt64) = (0, 0, 0, 0)

  /// One round: keys, a frame if due, wait for input or data (at most `maxWaitMs`), read,
  /// ingest.
  package func step(maxWaitMs: Int) {
    var keyed = false
    while !app.shouldQuit, let key = terminal.readKey(timeoutMs: 0) {
      // Keys act on an up-to-date view (the newest rows, the current matches).
      if !keyed {
        let start = LiveSession.monotonicNanos()
        app.refreshView()
        slowest.refresh = max(slowest.refresh, LiveSession.monotonicNanos() - start)
      }
      if key == .resize || key == .ctrl("l") { presenter.invalidate() }
      app.handle(key)
      keysHandled += 1
      keyed = true
    }
    if app.shouldQuit { return }
    let now = LiveSession.monotonicNanos()
    let frameGap = UInt64(1_000_000_000 / max(1, maxFramesPerSecond))
    if keyed || (needsDraw && now &- lastDraw >= frameGap) { drawNow() }
    var timeout = maxWaitMs
    if app.session.hasBacklog {
      timeout = 0
    } else if needsDraw {
      let wait = Int(
        (frameGap &- min(frameGap, LiveSession.monotonicNanos() &- lastDraw)) / 1_000_000)
      timeout = min(timeout, wait)
    } else if app.session.runningCount > 0 {
      timeout = min(timeout, 250)  // running calls' elapsed times tick
      needsDraw = true
    }
    var fds = app.session.pollDescriptors()
    let sessionCount = fds.count
    if let inputFD { fds.append(pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0)) }
    _ = poll(&fds, nfds_t(fds.count), Int32(timeout))
    app.session.handle(fds[..<sessionCount])
    let start = LiveSession.monotonicNanos()
    let startCPU = Self.threadCPUNanos()
    if app.ingest(budget: ingestBudget) > 0 { needsDraw = true }
    slowest.ingest = max(slowest.ingest, LiveSession.monotonicNanos() - start)
    slowest.ingestCPU = max(slowest.ingestCPU, Self.threadCPUNanos() &- startCPU)
  }

  static func threadCPUNanos() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
  }
}
