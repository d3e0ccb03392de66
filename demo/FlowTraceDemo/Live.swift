import FlowTrace
import Foundation

// The live demo (issue 5): a burst of every kind of call, then a steady trickle.

/// A deliberately slow call, so the viewer's timing columns have something to show.
@Trace func slowQuery(_ table: String) -> Int {
  Thread.sleep(forTimeInterval: 0.25)
  return table.count * 100
}

@Trace func parseRecord(_ line: String) throws -> Int {
  guard let value = Int(line) else { throw BadInput(value: line.count) }
  return value
}

/// Parses every line; bad lines are caught and counted.
@Trace func importBatch(_ lines: [String]) -> Int {
  var total = 0
  for line in lines {
    do { total += try parseRecord(line) } catch { total -= 1 }
  }
  return total
}

/// One tick of the trickle: a small tree, sometimes with a propagated error.
@Trace func tick(_ index: Int) throws -> Int {
  let value = square(index % 10) + fib(index % 6)
  if index % 7 == 6 { _ = try parseRecord("tick-\(index)") }
  return value
}

/// Runs the live demo: recursion, caught and propagated errors, threads, a task group,
/// a slow function, then one small call tree every 100 ms for `seconds`.
///
/// When `FLOWTRACE_SOCKET` is set the trees go to that listener and nothing is printed.
public func runLive(seconds: Double) {
  FlowTrace.resetConfig()
  if ProcessInfo.processInfo.environment["FLOWTRACE_SOCKET"] != nil {
    FlowTrace.config(autoPrint: false)
  }
  _ = fib(6)
  _ = importBatch(["1", "2", "x", "4", "five"])
  _ = catcher(3)
  _ = try? outer(4)
  onThreads(4) { _ = work($0) }
  blocking { _ = await fanOut(5) }
  var calc = Calc()
  _ = calc.multiply(4, by: 3)
  calc.store(12)
  _ = slowQuery("orders")
  let end = Date().addingTimeInterval(max(0, seconds))
  var index = 0
  while Date() < end {
    _ = try? tick(index)
    index += 1
    Thread.sleep(forTimeInterval: 0.1)
  }
}
