import FlowTrace
import Foundation
import Testing

extension RuntimeSuite {
  /// Threads and tasks: every event kept, each subtree nested under the call that made it.
  @Suite struct ConcurrencyTests {
    init() { Run.reset() }

    /// Expected tree text of one `fib(n)` root.
    static func fibText(_ n: Int) -> String {
      Run.tree { _ = fib(n) }
    }

    @Test func eightThreadsOfTenThousandCalls() {
      let rootsPerThread = 1111  // fib(4) makes 9 calls: 9,999 calls per thread
      startTracing(showArgs: true, showResult: true)
      let done = DispatchSemaphore(value: 0)
      for _ in 0..<8 {
        let thread = Thread {
          for _ in 0..<rootsPerThread { _ = fib(4) }
          done.signal()
        }
        thread.start()
      }
      for _ in 0..<8 { done.wait() }
      let events = Run.own(stopTracing())

      let calls = events.filter { $0.kind == .call }
      let returns = events.filter { $0.kind == .return }
      #expect(calls.count == 8 * rootsPerThread * 9)
      #expect(returns.count == calls.count)
      #expect(Set(calls.map(\.id)).count == calls.count)
      let threads = Dictionary(grouping: calls, by: \.thread)
      #expect(threads.count == 8)
      #expect(threads.values.allSatisfy { $0.count == rootsPerThread * 9 })
      // Every child runs on its parent's thread, with n - 1 or n - 2.
      var byID: [Int: CallEvent] = [:]
      for call in calls { byID[call.id] = call }
      var nestedRight = true
      for call in calls {
        guard let parentID = call.parentID else {
          nestedRight = nestedRight && call.arguments == ["4"]
          continue
        }
        guard let parent = byID[parentID], let n = Int(parent.arguments?[0] ?? ""),
          let m = Int(call.arguments?[0] ?? "")
        else {
          nestedRight = false
          continue
        }
        nestedRight = nestedRight && parent.thread == call.thread && (m == n - 1 || m == n - 2)
      }
      #expect(nestedRight)
      // Printed, each root's tree is contiguous: the text is the fib(4) tree, repeated.
      let one = ConcurrencyTests.fibText(4)
      #expect(treeText(events) == String(repeating: one, count: 8 * rootsPerThread))
    }

    @Test func taskGroupChildrenNestUnderTheirSpawner() async {
      let events = await Run.ownAsync(showArgs: nil, showResult: nil) {
        _ = await fanOut(10)
      }
      let calls = events.filter { $0.kind == .call }
      let root = calls.first { $0.qualifiedName == "fanOut" }
      #expect(root?.parentID == nil)
      let leaves = calls.filter { $0.qualifiedName == "leaf" }
      #expect(leaves.count == 10)
      #expect(leaves.allSatisfy { $0.parentID == root?.id })
      #expect(Set(leaves.compactMap(\.task)).count == 10)
      // Each leaf's fib calls hang under that leaf, with the leaf's argument.
      for leafCall in leaves {
        let n = Int(leafCall.arguments?[0] ?? "") ?? -1
        let fibRoots = calls.filter { $0.parentID == leafCall.id }
        #expect(fibRoots.count == 1)
        #expect(fibRoots.first?.arguments == ["\(n % 5)"])
        #expect(fibRoots.first?.task == leafCall.task)
      }
      // The printed tree shows the ten leaves as siblings, each subtree whole.
      let text = treeText(events)
      var expected: [String] = []
      for index in 0..<10 {
        let inner = ConcurrencyTests.fibText(index % 5)
          .split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        let result = fibValue(index % 5)
        expected.append("  → leaf(\(index))\n\(inner)\n  ← leaf(\(index)) → \(result)\n")
      }
      let total = (0..<10).map { fibValue($0 % 5) }.reduce(0, +)
      #expect(text.hasPrefix("→ fanOut(10)\n"))
      #expect(text.hasSuffix("← fanOut(10) → \(total)\n"))
      let middle = text.dropFirst("→ fanOut(10)\n".count).dropLast(
        "← fanOut(10) → \(total)\n".count)
      let blocks = middle.split(separator: "  → leaf(").map { "  → leaf(" + $0 }
      #expect(blocks.sorted() == expected.sorted())
    }

    @Test func unstructuredTaskNestsUnderItsCreator() async {
      let events = await Run.ownAsync(showArgs: nil, showResult: nil) {
        _ = await spawnTask()
      }
      let calls = events.filter { $0.kind == .call }
      let spawner = calls.first { $0.qualifiedName == "spawnTask" }
      let child = calls.first { $0.qualifiedName == "leaf" }
      #expect(spawner != nil)
      #expect(child?.parentID == spawner?.id)
    }

    @Test func tasksRunOneAfterAnotherHaveTheirOwnIDs() async {
      // A finished task's memory is reused by the next: ids must not follow addresses.
      let events = await Run.ownAsync(showArgs: nil, showResult: nil) {
        for _ in 0..<50 { _ = await Task.detached { await leaf(1) }.value }
      }
      let leaves = events.filter { $0.kind == .call && $0.qualifiedName == "leaf" }
      #expect(leaves.count == 50)
      #expect(leaves.allSatisfy { $0.task != nil && $0.parentID == nil })
      #expect(Set(leaves.compactMap(\.task)).count == 50)
    }

    func fibValue(_ n: Int) -> Int { n < 2 ? n : fibValue(n - 1) + fibValue(n - 2) }
  }
}
