import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

extension RuntimeSuite {
  /// A viewer that restarts while traced calls are open gets a stream it can decode whole:
  /// the calls still open are announced again before anything else.
  @Suite struct ReconnectTests {
    @Test func aViewerRestartingInsideALongCallGetsAWholeTree() throws {
      let path = temporaryPath("restart.sock")
      var first: Listener? = Listener(path: path)
      let child = try ChildProcess(
        ["serve", "500"], environment: ["FLOWTRACE_SOCKET": path, "FLOWTRACE_PRINT": "0"])
      defer { child.kill() }
      #expect(child.wait(for: "round 30"))
      let before = DecodedTrace(binary: first?.readAll(limit: 4096) ?? [], source: path)
      #expect(before.header != nil)
      first = nil  // the viewer quits while serve() runs
      let second = Listener(path: path)
      let bytes = second.readAll()
      _ = child.finish()
      let trace = DecodedTrace(binary: bytes, source: path)
      #expect(trace.error == nil)
      #expect(trace.isEnded)
      Self.checkWhole(trace)
    }

    /// Every call hangs under a call of this stream, serve() is the one root, and every call
    /// returns (the program ended normally).
    static func checkWhole(_ trace: DecodedTrace) {
      var names: [UInt32: String] = [:]
      var calls: [UInt64: CallStart] = [:]
      var returned: Set<UInt64> = []
      var firstCall: CallStart?
      for event in trace.events {
        switch event {
        case .callSite(let site): names[site.id] = site.qualifiedName
        case .call(let call):
          calls[call.id] = call
          if firstCall == nil { firstCall = call }
        case .return(let end): returned.insert(end.id)
        default: break
        }
      }
      let roots = calls.values.filter { $0.parent == nil }
      #expect(roots.count == 1)
      #expect(roots.first.map { names[$0.site] } == "serve")
      #expect(firstCall?.parent == nil)
      #expect(firstCall.map { names[$0.site] } == "serve")
      #expect(calls.values.allSatisfy { call in call.parent.map { calls[$0] != nil } ?? true })
      #expect(calls.count > 10)
      #expect(returned == Set(calls.keys))
      // serve()'s sessions after the restart hang under it.
      let serve = roots.first?.id
      #expect(calls.values.filter { $0.parent == serve && names[$0.site] == "session" }.count > 5)
    }
  }
}

extension RuntimeSuite.ReconnectTests {
  static let sites = (1...3).map {
    CallSite(id: UInt32($0), qualifiedName: "f\($0)", labels: ["_"], file: "f.swift", line: $0)
  }

  static func call(
    _ id: UInt64, parent: UInt64?, site: UInt32 = 1, thread: UInt32 = 1, task: UInt64 = 0,
    timestamp: UInt64? = nil, args: [String]? = nil
  ) -> TraceEvent {
    .call(
      CallStart(
        id: id, parent: parent, site: site, thread: thread, task: task,
        flags: args == nil ? [] : [.args], timestamp: timestamp, args: args))
  }

  static func end(_ id: UInt64) -> TraceEvent {
    .return(CallEnd(id: id, timestamp: nil, result: nil))
  }

  /// Calls open on two threads and a task when the viewer restarts: the new stream announces
  /// them again (ids, parents, sites, start times; no arguments), a late child of a call
  /// that ended before the restart becomes a root, and nothing counts as lost.
  @Test func theSocketSinkAnnouncesOpenCallsToANewViewer() {
    let path = temporaryPath("again.sock")
    let header = TraceHeader(pid: 1, program: "test", arguments: [], startWallNanos: 0)
    var first: Listener? = Listener(path: path)
    let sink = SocketSink(
      path: path, header: header,
      definitions: Self.sites.map { .callSite($0) } + [
        .thread(ThreadInfo(id: 1, name: "main")), .thread(ThreadInfo(id: 2, name: "worker")),
        .task(TaskInfo(id: 7, parent: nil, name: "task 7")),
      ])
    sink.write([
      Self.call(1, parent: nil, timestamp: 100, args: ["a"]),
      Self.call(2, parent: nil, site: 2, thread: 2),
      Self.call(3, parent: 1),
      Self.call(4, parent: 1, site: 3, thread: 2, task: 7),
      Self.end(3),
      Self.call(5, parent: 1), Self.end(5),
    ])
    let before = DecodedTrace(binary: first?.readAll(limit: 1) ?? [], source: path)
    #expect(before.header != nil)
    first = nil  // the viewer quits
    // The sink finds out when it sends next; this call is lost with that stream.
    sink.write([Self.call(6, parent: 1), Self.end(6)])
    for _ in 0..<10 { sink.pump() }
    let second = Listener(path: path)
    let received = Received()
    let reader = Thread { received.bytes = second.readAll() }
    reader.start()
    sink.write([
      Self.call(8, parent: 5, site: 2, thread: 1, task: 7), Self.end(8),
      .error(CallError(id: 4, type: "E", description: "e", disposition: .propagated)),
      Self.end(4), Self.end(2),
      Self.call(9, parent: 1, site: 2), Self.end(9), Self.end(1),
    ])
    for _ in 0..<100 where sink.pendingBytes > 0 {
      usleep(20_000)
      sink.pump()
    }
    sink.close()
    while !reader.isFinished { usleep(10_000) }
    let trace = DecodedTrace(binary: received.bytes, source: path)
    #expect(trace.error == nil)
    #expect(trace.isEnded)
    let calls = trace.events.compactMap { event -> CallStart? in
      if case .call(let call) = event { return call }
      return nil
    }
    #expect(
      calls == [
        CallStart(
          id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [], timestamp: 100,
          args: nil),
        CallStart(
          id: 2, parent: nil, site: 2, thread: 2, task: 0, flags: [], timestamp: nil, args: nil),
        CallStart(
          id: 4, parent: 1, site: 3, thread: 2, task: 7, flags: [], timestamp: nil, args: nil),
        CallStart(
          id: 8, parent: nil, site: 2, thread: 1, task: 7, flags: [], timestamp: nil, args: nil),
        CallStart(
          id: 9, parent: 1, site: 2, thread: 1, task: 0, flags: [], timestamp: nil, args: nil),
      ])
    let returns = trace.events.compactMap { event -> UInt64? in
      if case .return(let end) = event { return end.id }
      return nil
    }
    #expect(returns == [8, 4, 2, 9, 1])
    #expect(trace.events.contains { if case .error(let e) = $0 { e.id == 4 } else { false } })
    #expect(!trace.events.contains { if case .loss = $0 { true } else { false } })
    #expect(sink.dropped == 0)
  }
}

extension RuntimeSuite.ReconnectTests {
  /// A call dropped (buffer full) before the viewer went away stays dropped for the next
  /// viewer: its return and error are left out and its later child hangs where it can.
  @Test func aCallDroppedBeforeTheRestartStaysDropped() {
    let path = temporaryPath("dropped.sock")
    let header = TraceHeader(pid: 1, program: "test", arguments: [], startWallNanos: 0)
    var first: Listener? = Listener(path: path)  // never accepts: the buffer fills
    let sink = SocketSink(
      path: path, header: header,
      definitions: Self.sites.map { .callSite($0) } + [.thread(ThreadInfo(id: 1, name: "main"))])
    let payload = String(repeating: "x", count: 200)
    var batch: [TraceEvent] = []
    for id in 1...40_000 as ClosedRange<UInt64> {
      batch += [Self.call(id, parent: nil, args: [payload]), Self.end(id)]
    }
    batch.append(Self.call(40_001, parent: nil, site: 2))
    sink.write(batch)
    let droppedBefore = sink.dropped
    #expect(droppedBefore > 0)
    first = nil  // the viewer goes away
    for _ in 0..<5 { sink.pump() }
    let second = Listener(path: path)
    let received = Received()
    let reader = Thread { received.bytes = second.readAll() }
    reader.start()
    for _ in 0..<30 {
      sink.pump()
      usleep(20_000)
    }
    sink.write([
      Self.call(40_002, parent: 40_001, site: 3), Self.end(40_002),
      .error(CallError(id: 40_001, type: "E", description: "e", disposition: .caught)),
      Self.end(40_001),
    ])
    sink.close()
    while !reader.isFinished { usleep(10_000) }
    let trace = DecodedTrace(binary: received.bytes, source: path)
    #expect(trace.error == nil)
    #expect(trace.isEnded)
    var calls: [UInt64: CallStart] = [:]
    var returns: [UInt64] = []
    var lost: UInt64 = 0
    for event in trace.events {
      switch event {
      case .call(let call): calls[call.id] = call
      case .return(let end): returns.append(end.id)
      case .loss(let loss): lost += loss.count
      case .error: Issue.record("the dropped call's error was sent")
      default: break
      }
    }
    #expect(calls[40_002]?.parent == nil)
    #expect(calls[40_001] == nil)
    #expect(returns == [40_002])
    #expect(lost >= 1)
    #expect(sink.dropped >= droppedBefore)
  }
}

extension RuntimeSuite.ReconnectTests {
  /// Runs fib(5) after starting a sink inside an open traced call (recorded by a file sink
  /// started first), with `start`, and returns the trace `read` gets once the sinks are
  /// closed.
  static func sinkStartedInsideACall(
    start: () throws -> Void, read: () -> [UInt8]
  ) throws -> DecodedTrace {
    FlowTrace.config(showArgs: false, showResult: false, autoPrint: false)
    let first = temporaryPath("first.ftrace")
    defer { unlink(first) }
    try FlowTrace.recordTrace(to: first)
    let caller = _TraceCall(site: "caller\t\tReconnectTests.swift\t1", flags: _TraceFlags())
    caller.entered()
    try start()
    _ = fib(5)
    caller.returningVoid()
    FlowTrace.closeTraceSinks()
    return DecodedTrace(binary: read())
  }

  /// The stream holds the 15 calls of fib(5), its root a root call: nothing refers to the
  /// caller that started before it, and nothing counts as lost.
  static func checkOnlyTheCallsAfter(_ trace: DecodedTrace) {
    #expect(trace.error == nil)
    #expect(trace.isEnded)
    var calls: [CallStart] = []
    var returns = 0
    for event in trace.events {
      switch event {
      case .call(let call): calls.append(call)
      case .return: returns += 1
      case .loss, .error: Issue.record("unexpected \(event)")
      default: break
      }
    }
    #expect(calls.count == 15)
    #expect(calls.first?.parent == nil)
    #expect(calls.dropFirst().allSatisfy { $0.parent != nil })
    #expect(returns == 15)
  }

  @Test func aFileStartedInsideACallHoldsTheCallsAfter() throws {
    let path = temporaryPath("inside.ftrace")
    defer { unlink(path) }
    let trace = try Self.sinkStartedInsideACall(
      start: { try FlowTrace.recordTrace(to: path) }, read: { readFile(path) })
    Self.checkOnlyTheCallsAfter(trace)
  }

  @Test func aStreamStartedInsideACallHoldsTheCallsAfter() throws {
    let listener = Listener()
    let received = Received()
    let reader = Thread { received.bytes = listener.readAll() }
    reader.start()
    let trace = try Self.sinkStartedInsideACall(
      start: { FlowTrace.streamTrace(to: listener.path) },
      read: {
        while !reader.isFinished { usleep(10_000) }
        return received.bytes
      })
    Self.checkOnlyTheCallsAfter(trace)
  }
}
