import FlowTrace
import Testing

extension RuntimeSuite {
  /// The exact outputs of issue 2, through sessions that inherit the configuration.
  @Suite struct ExactTextTests {
    init() { Run.reset() }

    @Test func fibOfThree() {
      let text = Run.tree { _ = fib(3) }
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

    @Test func timedLeafIsOneLine() {
      let text = Run.tree { _ = compute(6, 7) }
      #expect(Run.untimed(text) == "→ compute(6, 7) [T] → 42\n")
      #expect(text.contains("[0.0000"))
    }

    @Test func sessionWithDefaultFlagsHidesArguments() {
      startTracing()
      _ = fib2(3)
      let text = treeText(Run.own(stopTracing()))
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

    @Test func explicitFlagsBeatTheConfiguration() {
      FlowTrace.config(showArgs: false, showResult: true, showTiming: true)
      defer { Run.reset() }
      let text = Run.tree { _ = a(10) }
      #expect(
        Run.untimed(text) == """
          → a()
            → b(y: 10) [T] → 20
          ← a() [T] → 21

          """)
    }

    @Test func caughtAndPropagatedErrors() {
      let text = Run.tree {
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

    @Test func autoPrintWritesEachOutermostCallAsItEnds() {
      FlowTrace.config(autoPrint: true, color: .never)
      defer { Run.reset() }
      let output = Run.standardOutput {
        print("before")
        _ = fib(2)
        print("between")
        _ = catcher(1)
        print("after")
      }
      #expect(
        output == """
          before
          → fib(2)
            → fib(1) → 1
            → fib(0) → 0
          ← fib(2) → 1
          between
          → catcher(1)
            → boom(1) ↯ BadInput(value: 1) [propagated]
            ↯ catcher(1) BadInput(value: 1) [caught]
          ← catcher(1) → "recovered"
          after

          """)
    }

    @Test func nothingIsPrintedWithAutoPrintOff() {
      FlowTrace.config(autoPrint: false)
      defer { Run.reset() }
      let output = Run.standardOutput {
        _ = fib(4)
        print("only this")
      }
      #expect(output == "only this\n")
    }
  }
}
