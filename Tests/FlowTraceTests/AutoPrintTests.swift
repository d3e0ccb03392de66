import FlowTrace
import Testing

extension RuntimeSuite {
  /// autoPrint: each outermost call prints as it ends, in order with the program's own output.
  /// (The exact outputs of issue 2 are checked with real `@Trace` functions in ExactOutputTests.)
  @Suite struct AutoPrintTests {
    init() { Run.reset() }

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
