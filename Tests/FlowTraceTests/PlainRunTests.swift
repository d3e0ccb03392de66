import FlowTraceTestSupport
import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

extension RuntimeSuite {
  /// The fast paths of recording: plain runs written straight into the encoder, and the
  /// socket sink's direct encoding.
  @Suite struct PlainRunTests {
    /// A random structure-only tree, as the call and return events of one thread: deep
    /// enough to overflow a run's stack and with sites past 127 (two-byte varints).
    static func randomTree(seed: UInt64, calls: Int) -> [TraceEvent] {
      var generator = SplitMix(state: seed)
      var events: [TraceEvent] = []
      var open: [UInt64] = []
      var next: UInt64 = 1
      while next <= UInt64(calls) || !open.isEmpty {
        let deeper = open.count < 1500 && Int.random(in: 0..<10, using: &generator) < 6
        if next <= UInt64(calls), open.isEmpty || deeper {
          let site = UInt32.random(in: 1...300, using: &generator)
          events.append(
            .call(
              CallStart(
                id: next, parent: open.last, site: site, thread: 1, task: 0, flags: [],
                timestamp: nil, args: nil)))
          open.append(next)
          next += 1
        } else {
          events.append(.return(CallEnd(id: open.removeLast(), timestamp: nil, result: nil)))
        }
      }
      return events
    }

    static func start() -> TraceEncoder {
      var encoder = TraceEncoder()
      encoder.header(TraceHeader(pid: 1, program: "t", arguments: [], startWallNanos: 0))
      for site in 1...300 {
        encoder.callSite(
          CallSite(id: UInt32(site), qualifiedName: "f\(site)", labels: [], file: "f", line: 1))
      }
      encoder.thread(id: 1, name: "main")
      return encoder
    }

    /// Encodes `events` (of one thread) through plain runs wherever they take them, as the
    /// collector does, and the general methods elsewhere; `open` is the caller's nesting.
    /// Returns how many events went through plain runs.
    @discardableResult
    static func encodeWithPlainRuns(
      _ events: ArraySlice<TraceEvent>, into encoder: inout TraceEncoder, open: inout [UInt64]
    ) throws -> Int {
      var index = events.startIndex
      var plain = 0
      while index < events.endIndex {
        let reached =
          encoder.plainRun(thread: 1, task: 0) { run -> Int in
            var at = index
            var inRun = 0
            loop: while at < events.endIndex, run.used < run.limit {
              switch events[at] {
              case .call(let c):
                guard c.id == run.nextID, let parent = c.parent, parent == open.last,
                  inRun < run.pushedCapacity
                else { break loop }
                if inRun == 0, run.baseTop != parent { break loop }
                run.writeCall(site: c.site)
                open.append(c.id)
                inRun += 1
              case .return(let r):
                guard r.id == open.last else { break loop }
                if inRun > 0 {
                  inRun -= 1
                } else {
                  guard run.baseTop == r.id else { break loop }
                  run.popped += 1
                }
                run.writeReturn()
                open.removeLast()
              default: break loop
              }
              at += 1
            }
            for offset in 0..<inRun { run.pushed[offset] = open[open.count - inRun + offset] }
            run.pushedCount = inRun
            return at
          } ?? index
        if reached == index {
          try encoder.encode(events[index])
          switch events[index] {
          case .call(let c): open.append(c.id)
          case .return: open.removeLast()
          default: break
          }
          index += 1
        } else {
          plain += reached - index
          index = reached
        }
      }
      return plain
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func plainRunsWriteTheBytesOfTheGeneralForm(seed: UInt64) throws {
      let events = Self.randomTree(seed: seed, calls: 20_000)
      var general = Self.start()
      for event in events { try general.encode(event) }
      // The same events through plain runs wherever they take them, as the collector does.
      var fast = Self.start()
      var open: [UInt64] = []  // the caller's view of the nesting, as the collector keeps it
      let plain = try Self.encodeWithPlainRuns(events[...], into: &fast, open: &open)
      general.end()
      fast.end()
      #expect(plain > events.count / 2)
      #expect(fast.bytes == general.bytes)
      let decoded = DecodedTrace(binary: fast.bytes)
      #expect(decoded.error == nil)
      #expect(decoded.events.filter { if case .call = $0 { true } else { false } }.count == 20_000)
    }

    @Test func aViewerConnectingAgainGetsTheDefinitionsAgain() throws {
      let path = temporaryPath("again.sock")
      var first: Listener? = Listener(path: path)
      let child = try ChildProcess(
        ["forever"], environment: ["FLOWTRACE_SOCKET": path, "FLOWTRACE_PRINT": "0"])
      defer { child.kill() }
      #expect(child.wait(for: "progress 2000"))
      let before = first?.readAll(limit: 1 << 16) ?? []
      #expect(DecodedTrace(binary: before).header != nil)
      first = nil  // the viewer goes away
      let second = Listener(path: path)
      let bytes = second.readAll(limit: 1 << 16)
      let trace = DecodedTrace(binary: bytes, source: path)
      #expect(trace.header != nil)
      // Calls decode only when their sites were defined again in the new stream.
      #expect(SinkTests.calls(trace.events) > 0)
      #expect(trace.events.contains { if case .callSite = $0 { true } else { false } })
    }
  }
}

extension RuntimeSuite.PlainRunTests {
  /// Calls of every thread, checked as trees: each root `fib(n)` holds `fibCalls(n)` calls.
  static func checkFibForest(_ events: [TraceEvent], roots expected: Int, n: Int) {
    var children: [UInt64: Int] = [:]
    var parents: [UInt64: UInt64] = [:]
    var roots: [UInt64] = []
    for case .call(let call) in events where call.site != 0 {
      if let parent = call.parent {
        parents[call.id] = parent
        children[parent, default: 0] += 1
      } else {
        roots.append(call.id)
      }
    }
    #expect(roots.count == expected)
    // Subtree sizes, children before parents (ids grow with call order).
    var size: [UInt64: Int] = [:]
    for (id, parent) in parents.sorted(by: { $0.key > $1.key }) {
      size[parent, default: 1] += size[id, default: 1]
    }
    func fibCalls(_ n: Int) -> Int { n < 2 ? 1 : 1 + fibCalls(n - 1) + fibCalls(n - 2) }
    #expect(roots.allSatisfy { size[$0, default: 1] == fibCalls(n) })
  }

  @Test func threadsRecordedToAFileAreWholeTrees() throws {
    let path = temporaryPath("threads.ftrace")
    defer { unlink(path) }
    FlowTrace.config(showArgs: false, showResult: false, autoPrint: false)
    try FlowTrace.recordTrace(to: path)
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      for _ in 0..<3 { _ = fib(16) }
    }
    FlowTrace.flushTrace()
    // The lone file took the records straight (no printer left from earlier autoPrint).
    #expect(Runtime.shared.consumers.withLock { $0.printer == nil && $0.session == nil })
    FlowTrace.closeTraceSinks()
    let trace = DecodedTrace(binary: readFile(path), source: path)
    #expect(trace.error == nil)
    #expect(trace.isEnded)
    Self.checkFibForest(trace.events, roots: 12, n: 16)
  }

  @Test func threadsStreamedToAViewerAreWholeTreesOrCountedLosses() throws {
    let listener = Listener()
    FlowTrace.config(showArgs: false, showResult: false, autoPrint: false)
    FlowTrace.streamTrace(to: listener.path)
    let received = Received()
    let reader = Thread { received.bytes = listener.readAll() }
    reader.start()
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
      for _ in 0..<3 { _ = fib(16) }
    }
    FlowTrace.closeTraceSinks()
    while !reader.isFinished { usleep(10_000) }
    let trace = DecodedTrace(binary: received.bytes, source: listener.path)
    #expect(trace.error == nil)
    #expect(trace.isEnded)
    let calls = RuntimeSuite.SinkTests.calls(trace.events)
    let lost = trace.events.reduce(UInt64(0)) { total, event in
      if case .loss(let loss) = event { return total + loss.count }
      return total
    }
    #expect(UInt64(calls) + lost == 12 * 3193)
    if lost == 0 { Self.checkFibForest(trace.events, roots: 12, n: 16) }
  }
}
