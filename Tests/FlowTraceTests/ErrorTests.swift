import FlowTrace
import Testing

extension RuntimeSuite {
  /// Errors: propagated, caught, typed, rethrown, and across `await`.
  @Suite struct ErrorTests {
    init() { Run.reset() }

    @Test func typedThrowsKeepsTheErrorValue() {
      var thrown: ParseError?
      let text = Run.tree {
        do throws(ParseError) { _ = try parse("") } catch { thrown = error }
        _ = try? parse("abc")
      }
      #expect(thrown == .empty)
      #expect(
        text == """
          → parse("") ↯ empty [propagated]
          → parse("abc") → 3

          """)
    }

    @Test func rethrowsWithAClosureArgument() {
      let text = Run.tree {
        _ = try? apply(3) { throw BadInput(value: $0) }
        _ = apply(4) { $0 * 2 }
      }
      #expect(
        text == """
          → apply(3, <closure>) ↯ BadInput(value: 3) [propagated]
          → apply(4, <closure>) → 8

          """)
    }

    @Test func errorEventsNameTypeDescriptionAndDisposition() {
      let events = Run.own(withTracing(showArgs: true) { _ = catcher(5) })
      let errors = events.filter { $0.kind == .exception }
      #expect(errors.map(\.qualifiedName) == ["boom", "catcher"])
      #expect(errors.map(\.errorType) == ["BadInput", "BadInput"])
      #expect(errors.map(\.errorDescription) == ["BadInput(value: 5)", "BadInput(value: 5)"])
      #expect(errors.map(\.disposition) == [.propagated, .caught])
    }

    @Test func asyncErrorsPropagateAndAreCaughtAcrossAwait() async {
      let events = await Run.ownAsync(showArgs: nil, showResult: nil) {
        _ = await asyncCatcher(1)
      }
      #expect(
        treeText(events) == """
          → asyncCatcher(1)
            → asyncBoom(1)
              → boom(1) ↯ BadInput(value: 1) [propagated]
            ↯ asyncBoom(1) BadInput(value: 1) [propagated]
            ↯ asyncCatcher(1) BadInput(value: 1) [caught]
          ← asyncCatcher(1) → "recovered"

          """)
    }
  }
}
