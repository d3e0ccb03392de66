import FlowTrace

// The example programs of issue 2, exactly as the issue writes them.

@Trace func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }

@Trace(showTiming: true) func compute(_ a: Int, _ b: Int) -> Int { a * b }

@Trace func fib2(_ n: Int) -> Int { n < 2 ? n : fib2(n - 1) + fib2(n - 2) }

@Trace func a(_ x: Int) -> Int { b(y: x) + 1 }

@Trace(showArgs: true) func b(y: Int) -> Int { y * 2 }

/// The error of the errors example.
struct BadInput: Error { let value: Int }

@Trace func boom(_ x: Int) throws -> Int { throw BadInput(value: x) }

@Trace func catcher(_ x: Int) -> String {
  do { return String(try boom(x)) } catch { return "recovered" }
}

@Trace func outer(_ x: Int) throws -> Int { try boom(x) + 1 }

/// The first program exactly as written: one traced call, no configuration touched.
public func runFib() {
  _ = fib(3)
}
