import FlowTrace

// The async functions the concurrency, sink and ThreadSanitizer runs trace: real `@Trace`
// expansions (`withTaskScope(isolation:)`), so the sanitizers see what users compile.

@Trace func leaf(_ n: Int) async -> Int {
  await Task.yield()
  return fib(n % 5) + n * 0
}

@Trace func fanOut(_ count: Int) async -> Int {
  await withTaskGroup(of: Int.self) { group in
    for index in 0..<count {
      group.addTask { await leaf(index) }
    }
    var total = 0
    for await value in group { total += value }
    return total
  }
}

@Trace func asyncBoom(_ x: Int) async throws -> Int {
  await Task.yield()
  return try boom(x)
}

@Trace func asyncCatcher(_ x: Int) async -> String {
  do { return String(try await asyncBoom(x)) } catch { return "recovered" }
}

@Trace func spawnTask() async -> Int {
  await Task { await leaf(3) }.value
}
