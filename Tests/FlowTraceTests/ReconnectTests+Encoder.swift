import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

// The encoder side of a viewer restarting: random trees cut at several points, continued.

extension RuntimeSuite.ReconnectTests {
  /// Encodes `events` (of one thread) through plain runs wherever they take them, as the
  /// collector does, and the general methods elsewhere; `open` is the caller's nesting.
  static func encodeWithPlainRuns(
    _ events: ArraySlice<TraceEvent>, into encoder: inout TraceEncoder, open: inout [UInt64]
  ) throws {
    var index = events.startIndex
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
        index = reached
      }
    }
  }

  /// Plain runs keep the open calls' records too: a stream cut anywhere and continued in a
  /// new one decodes whole, its first calls being exactly the ones open at the cut.
  @Test(arguments: [(1, 3_000), (2, 11_111), (3, 30_000)] as [(UInt64, Int)])
  func aStreamContinuedAfterAnyCutDecodesWhole(seed: UInt64, cut: Int) throws {
    let events = RuntimeSuite.PlainRunTests.randomTree(seed: seed, calls: 20_000)
    var old = RuntimeSuite.PlainRunTests.start()
    old.keepsOpenCalls = true
    var open: [UInt64] = []
    try Self.encodeWithPlainRuns(events[..<cut], into: &old, open: &open)
    var starts: [UInt64: CallStart] = [:]
    for case .call(let c) in events[..<cut] { starts[c.id] = c }
    #expect(old.openCalls == open.compactMap { starts[$0] })
    #expect(open.count > 10)
    // Keeping the open calls changes no byte of the stream.
    var untracked = RuntimeSuite.PlainRunTests.start()
    var untrackedOpen: [UInt64] = []
    try Self.encodeWithPlainRuns(events[..<cut], into: &untracked, open: &untrackedOpen)
    #expect(untracked.bytes == old.bytes)

    var new = RuntimeSuite.PlainRunTests.start()
    new.keepsOpenCalls = true
    #expect(new.continueStream(from: old) == 0)
    try Self.encodeWithPlainRuns(events[cut...], into: &new, open: &open)
    new.end()
    let trace = DecodedTrace(binary: new.takeBytes())
    #expect(trace.error == nil)
    #expect(trace.isEnded)
    let calls = trace.events.compactMap { event -> CallStart? in
      if case .call(let call) = event { return call }
      return nil
    }
    let reopened = old.openCalls
    #expect(Array(calls.prefix(reopened.count)) == reopened)
    let later = events[cut...].filter { if case .call = $0 { true } else { false } }.count
    #expect(calls.count == reopened.count + later)
    // Every return in the new stream belongs to one of its calls: as many as calls.
    #expect(
      trace.events.filter { if case .return = $0 { true } else { false } }.count == calls.count)
  }
}
