import FlowTrace
import Foundation

/// Runs issue 2's example programs, then threads, a task group and a `@TraceAll` type.
///
/// Trees are printed by `autoPrint` as each outermost call ends; sessions print with
/// `printTree`. Sections start with a `# title` line.
public func runExamples() {
  // Start from the defaults (the environment's FLOWTRACE_PRINT included). This also arms
  // autoPrint before the first traced call: the runtime only publishes its mode once its
  // configuration is first touched.
  FlowTrace.resetConfig()
  section("fib(3)", first: true)
  _ = fib(3)

  section("compute(6, 7) with its own showTiming")
  _ = compute(6, 7)

  section("a session over fib2(3)")
  startTracing()
  _ = fib2(3)
  printTree(stopTracing())

  section("config(showArgs: false, showResult: true, showTiming: true), then a(10)")
  FlowTrace.config(showArgs: false, showResult: true, showTiming: true)
  _ = a(10)
  FlowTrace.resetConfig()

  section("errors: catcher(1), then try? outer(2)")
  _ = catcher(1)
  _ = try? outer(2)

  section("4 threads, each its own tree")
  onThreads(4) { _ = work($0) }

  section("a task group of 5 children")
  blocking { _ = await fanOut(5) }

  section("@TraceAll struct Calc")
  var calc = Calc()
  _ = calc.multiply(3, by: 3)
  _ = try? calc.divide(1, by: 0)
  calc.store(9)
  print(calc.describe())
}

/// Prints a section title and flushes it so it lands before the next tree.
func section(_ title: String, first: Bool = false) {
  print(first ? "# \(title)" : "\n# \(title)")
  fflush(nil)
}
