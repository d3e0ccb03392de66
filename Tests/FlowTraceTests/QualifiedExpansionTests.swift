import FlowTrace
import Testing

// A module may declare its own `_TraceCall` and `_TraceFlags`: the expansion names the runtime's
// as `FlowTrace._TraceCall`, so these (found first by unqualified lookup in this file) are never
// picked. Were the expansion unqualified, this file would not compile.
private struct _TraceCall {}
private struct _TraceFlags {}

@Trace private func shadowed(_ x: Int) -> Int { x + 1 }

extension RuntimeSuite {
  @Suite struct QualifiedExpansionTests {
    init() {
      Run.reset()
      FlowTrace.config(include: Run.ours + ["shadowed"])
    }

    @Test func expansionNamesTheModuleNotTheCallersTypes() {
      let events = withTracing(showArgs: true) { _ = shadowed(41) }
        .filter { $0.qualifiedName == "shadowed" }
      #expect(events.map(\.kind) == [.call, .return])
      #expect(events.last?.arguments == ["41"])
      #expect(events.last?.result == "42")
    }
  }
}
