import FlowTrace
import Testing

extension RuntimeSuite {
  /// Issue 2's exact outputs from real `@Trace` functions (local, so their names are the
  /// issue's own), printed by autoPrint or `printTree` and read back from standard output.
  @Suite struct ExactOutputTests {
    init() { FlowTrace.resetConfig() }

    @Test func fibOfThree() {
      @Trace func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }
      let text = Run.standardOutput { _ = fib(3) }
      #expect(
        text == """
          → fib(3)
            → fib(2)
              → fib(1) → 1
              → fib(0) → 0
            ← fib(2) → 1
            → fib(1) → 1
          ← fib(3) → 2

          """)
    }

    @Test func computeWithItsOwnTiming() {
      @Trace(showTiming: true) func compute(_ a: Int, _ b: Int) -> Int { a * b }
      let text = Run.standardOutput { _ = compute(6, 7) }
      #expect(Run.untimed(text) == "→ compute(6, 7) [T] → 42\n")
      #expect(text.contains("[0.0"), "the time is printed with six decimals")
    }

    @Test func sessionOverFib2() {
      @Trace func fib2(_ n: Int) -> Int { n < 2 ? n : fib2(n - 1) + fib2(n - 2) }
      let text = Run.standardOutput {
        startTracing()
        _ = fib2(3)
        printTree(stopTracing())
      }
      #expect(
        text == """
          → fib2()
            → fib2()
              → fib2() → 1
              → fib2() → 0
            ← fib2() → 1
            → fib2() → 1
          ← fib2() → 2

          """)
    }

    @Test func configAndOwnFlags() {
      @Trace(showArgs: true) func b(y: Int) -> Int { y * 2 }
      @Trace func a(_ x: Int) -> Int { b(y: x) + 1 }
      FlowTrace.config(showArgs: false, showResult: true, showTiming: true)
      defer { FlowTrace.resetConfig() }
      let text = Run.standardOutput { _ = a(10) }
      #expect(
        Run.untimed(text) == """
          → a()
            → b(y: 10) [T] → 20
          ← a() [T] → 21

          """)
    }

    @Test func caughtAndPropagatedErrors() {
      struct BadInput: Error { let value: Int }
      @Trace func boom(_ x: Int) throws -> Int { throw BadInput(value: x) }
      @Trace func catcher(_ x: Int) -> String {
        do { return String(try boom(x)) } catch { return "recovered" }
      }
      @Trace func outer(_ x: Int) throws -> Int { try boom(x) + 1 }
      let text = Run.standardOutput {
        _ = catcher(1)
        _ = try? outer(2)
      }
      #expect(
        text == """
          → catcher(1)
            → boom(1) ↯ BadInput(value: 1) [propagated]
            ↯ catcher(1) BadInput(value: 1) [caught]
          ← catcher(1) → "recovered"
          → outer(2)
            → boom(2) ↯ BadInput(value: 2) [propagated]
          ↯ outer(2) BadInput(value: 2) [propagated]

          """)
    }

    @Test func sitesNameTheSourceFileAndLine() {
      let line = #line + 1
      @Trace func located(_ x: Int) -> Int { x }
      let events = withTracing { _ = located(1) }
      let call = events.first { $0.kind == .call }
      #expect(call?.qualifiedName == "located")
      #expect(call?.file == "FlowTraceTests/ExactOutputTests.swift")
      #expect(call?.line == line)
    }
  }
}
