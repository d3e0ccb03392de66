import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

// The encoder side of a viewer restarting: random trees cut at several points, continued.

extension RuntimeSuite.ReconnectTests {
  /// Plain runs keep the open calls' records too: a stream cut anywhere and continued in a
  /// new one decodes whole, its first calls being exactly the ones open at the cut.
  @Test(arguments: [(1, 3_000), (2, 11_111), (3, 30_000)] as [(UInt64, Int)])
  func aStreamContinuedAfterAnyCutDecodesWhole(seed: UInt64, cut: Int) throws {
    let events = RuntimeSuite.PlainRunTests.randomTree(seed: seed, calls: 20_000)
    var old = RuntimeSuite.PlainRunTests.start()
    old.keepsOpenCalls = true
    var open: [UInt64] = []
    try RuntimeSuite.PlainRunTests.encodeWithPlainRuns(events[..<cut], into: &old, open: &open)
    var starts: [UInt64: CallStart] = [:]
    for case .call(let c) in events[..<cut] { starts[c.id] = c }
    #expect(old.openCalls == open.compactMap { starts[$0] })
    #expect(open.count > 10)
    // Keeping the open calls changes no byte of the stream.
    var untracked = RuntimeSuite.PlainRunTests.start()
    var untrackedOpen: [UInt64] = []
    try RuntimeSuite.PlainRunTests.encodeWithPlainRuns(
      events[..<cut], into: &untracked, open: &untrackedOpen)
    #expect(untracked.bytes == old.bytes)

    var new = RuntimeSuite.PlainRunTests.start()
    new.keepsOpenCalls = true
    #expect(new.continueStream(from: old) == 0)
    try RuntimeSuite.PlainRunTests.encodeWithPlainRuns(events[cut...], into: &new, open: &open)
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
