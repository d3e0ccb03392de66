import FlowTrace
import Testing

extension RuntimeSuite {
  /// Effective flags: the call's own `@Trace(...)` ?? the session's ?? the configuration's.
  @Suite struct FlagsTests {
    init() { Run.reset() }

    @Test func sessionFlagsOverrideTheConfiguration() {
      FlowTrace.config(showArgs: true, showResult: true)
      defer { Run.reset() }
      let events = Run.own(withTracing(showArgs: false, showResult: false) { _ = fib(1) })
      #expect(treeText(events) == "→ fib()\n")
      #expect(events.map(\.collectsArguments) == [false, false])
      #expect(events.map(\.collectsResult) == [false, false])
    }

    @Test func nilSessionFlagsInheritTheConfiguration() {
      FlowTrace.config(showArgs: false, showResult: false)
      defer { Run.reset() }
      let events = Run.own(withTracing(showArgs: nil, showResult: nil) { _ = fib(1) })
      #expect(treeText(events) == "→ fib()\n")
      FlowTrace.config(showArgs: true, showResult: true)
      let again = Run.own(withTracing(showArgs: nil, showResult: nil) { _ = fib(1) })
      #expect(treeText(again) == "→ fib(1) → 1\n")
    }

    @Test func explicitFlagsBeatTheSessionAndNeverCascade() {
      let events = Run.own(withTracing(showArgs: false, showResult: true) { _ = a(10) })
      #expect(
        treeText(events) == """
          → a()
            → b(y: 10) → 20
          ← a() → 21

          """)
      let calls = events.filter { $0.kind == .call }
      #expect(calls.map(\.qualifiedName) == ["a", "b"])
      #expect(calls.map(\.collectsArguments) == [false, true])
      #expect(calls[1].argumentText == "y: 10")
      #expect(calls[1].parentID == calls[0].id)
    }

    @Test func timingIsOffByDefaultAndOnWhenAsked() {
      let plain = Run.own(
        withTracing(showArgs: nil, showResult: nil, showTiming: nil) { _ = fib(2) })
      #expect(plain.allSatisfy { $0.duration == nil && $0.timestamp == nil })
      let timed = Run.own(withTracing(showTiming: true) { _ = fib(2) })
      let returns = timed.filter { $0.kind == .return }
      #expect(returns.count == 3)
      #expect(returns.allSatisfy { ($0.duration ?? .seconds(-1)) >= .zero })
      // The root lasts at least as long as each child.
      let root = returns.first { $0.parentID == nil }
      #expect(returns.allSatisfy { $0.duration! <= root!.duration! })
    }

    @Test func eventsCarryIdsParentsNamesAndSources() {
      let events = Run.own(withTracing(showArgs: true) { _ = fib(2) })
      #expect(events.map(\.kind) == [.call, .call, .return, .call, .return, .return])
      let base = events[0].id - 1
      #expect(events.map { $0.id - base } == [1, 2, 2, 3, 3, 1])
      #expect(events.map { $0.parentID.map { $0 - base } } == [nil, 1, 1, 1, 1, nil])
      #expect(events[0].functionName == "fib")
      #expect(events[0].file == "FlowTraceTests/Fib.swift")
      #expect(events[0].line == 3)
      #expect(events[0].threadName == "main" || events[0].thread >= 1)
      #expect(events[5].result == "1")
      #expect(Run.own(traceData()) == events)
    }

    @Test func tracingOffRecordsNothing() {
      FlowTrace.config(autoPrint: false)
      defer { Run.reset() }
      _ = fib(5)
      startTracing()
      let events = Run.own(stopTracing())
      #expect(events.isEmpty)
    }
  }
}
