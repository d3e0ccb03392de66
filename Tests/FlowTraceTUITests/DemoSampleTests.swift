import FlowTraceExplorer
import FlowTraceWire
import Foundation
import Testing

@testable import FlowTraceTUI

/// `demo/samples/`: traces the demo program recorded through its file sink
/// (`demo/make-samples.sh`), opened as flowtrace-tui opens them.
let samplesDirectory = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("demo/samples").path

@Suite struct DemoSampleTests {
  static let formats = ["examples.ftrace", "examples.jsonl"]

  /// Opens a sample through the launcher (first slice, then the rest streamed in).
  func open(_ name: String) throws -> ExplorerApp {
    let path = samplesDirectory + "/" + name
    switch Launcher.prepare(
      LaunchOptions(path: path), utf8Locale: true, themeDirectories: [themesDirectory])
    {
    case .success(let app):
      app.finishLoading()
      return app
    case .failure(let failure):
      Issue.record("\(name): \(failure.message)")
      throw failure
    }
  }

  /// A subtree as indented row texts, one call a line.
  func outline(_ node: Int, in tree: CallTree, indent: String = "") -> String {
    var lines = [indent + tree.rowText(of: node)]
    for child in tree.children(of: node) {
      lines.append(outline(child, in: tree, indent: indent + "  "))
    }
    return lines.joined(separator: "\n")
  }

  /// The call nodes under the root of thread `id`.
  func calls(onThread id: UInt32, in tree: CallTree) -> [Int] {
    guard let root = tree.roots.first(where: { tree.threadID(of: $0) == id }) else { return [] }
    return tree.children(of: root)
  }

  func firstCall(named name: String, in tree: CallTree) -> Int? {
    (0..<tree.count).first { tree.kind(of: $0) == .call && tree.name(of: $0) == name }
  }

  @Test(arguments: formats) func opensWholeWithoutProblems(_ name: String) throws {
    let app = try open(name)
    let tree = app.document.tree
    #expect(app.document.problem == nil)
    #expect(tree.anomalies == 0)
    #expect(tree.callCount == 46)
    #expect(app.document.header?.arguments == ["examples"])
  }

  @Test(arguments: formats) func mainThreadHoldsTheSequentialExamples(_ name: String) throws {
    let tree = try open(name).document.tree
    let roots = calls(onThread: 1, in: tree).map { tree.callText(of: $0) }
    #expect(
      roots == [
        "fib(3)", "compute(6, 7)", "fib2()", "a()", "catcher(1)", "outer(2)",
        "Calc.multiply(3, by: 3)", "Calc.divide(1, by: 0)", "Calc.store(9)",
      ])
    let fib = try #require(calls(onThread: 1, in: tree).first)
    #expect(
      outline(fib, in: tree) == """
        fib(3) → 2
          fib(2) → 1
            fib(1) → 1
            fib(0) → 0
          fib(1) → 1
        """)
  }

  @Test(arguments: formats) func errorsAreCaughtOrPropagated(_ name: String) throws {
    let tree = try open(name).document.tree
    let catcher = try #require(firstCall(named: "catcher", in: tree))
    let boom1 = try #require(tree.children(of: catcher).first)
    #expect(tree.error(of: catcher)?.disposition == .caught)
    #expect(tree.error(of: boom1)?.description == "BadInput(value: 1)")
    #expect(tree.state(of: boom1) == .threw)
    #expect(tree.state(of: catcher) == .returned)
    #expect(tree.result(of: catcher) == "\"recovered\"")
    #expect(tree.exceptionChain(of: catcher).map(\.node) == [boom1, catcher])

    let outer = try #require(firstCall(named: "outer", in: tree))
    let boom2 = try #require(tree.children(of: outer).first)
    #expect(tree.state(of: outer) == .threw)
    #expect(
      tree.exceptionChain(of: outer).map(\.role) == [.thrownIn, .propagatedThrough])
    #expect(tree.exceptionChain(of: outer).map(\.node) == [boom2, outer])

    let divide = try #require(firstCall(named: "Calc.divide", in: tree))
    #expect(tree.error(of: divide)?.disposition == .propagated)
    #expect(tree.error(of: divide)?.description == "divisionByZero")
  }

  @Test(arguments: formats) func eachWorkerThreadIsItsOwnRoot(_ name: String) throws {
    let tree = try open(name).document.tree
    let threads = tree.roots.filter { tree.kind(of: $0) == .thread }
    var works: [String] = []
    for root in threads where tree.threadID(of: root) != 1 {
      let children = tree.children(of: root)
      guard children.count == 1, tree.name(of: children[0]) == "work" else { continue }
      let n = try #require(tree.arguments(of: children[0])?.first.flatMap { Int($0) })
      let thread = try #require(tree.threadID(of: root))
      // The demo names its worker threads in the kernel, where the runtime reads the name.
      #expect(tree.threadName(program: tree.program(of: root), thread: thread) == "worker-\(n)")
      works.append(outline(children[0], in: tree))
      #expect(
        outline(children[0], in: tree) == """
          work(\(n)) → \(n * n + (n + 1) * (n + 1))
            square(\(n)) → \(n * n)
            square(\(n + 1)) → \((n + 1) * (n + 1))
          """)
    }
    #expect(works.count == 4)
    #expect(Set(works.map { $0.prefix(7) }) == ["work(1)", "work(2)", "work(3)", "work(4)"])
  }

  @Test(arguments: formats) func taskGroupChildrenSitUnderTheirSpawner(_ name: String) throws {
    let tree = try open(name).document.tree
    let fanOut = try #require(firstCall(named: "fanOut", in: tree))
    #expect(tree.result(of: fanOut) == "55")
    let children = tree.children(of: fanOut)
    #expect(children.map { tree.name(of: $0) } == Array(repeating: "child", count: 5))
    #expect(
      Set(children.compactMap { tree.arguments(of: $0)?.first }) == ["1", "2", "3", "4", "5"])
    let spawner = tree.taskID(of: fanOut)
    #expect(spawner != 0)
    var tasks = Set<UInt64>()
    for child in children {
      let task = tree.taskID(of: child)
      tasks.insert(task)
      #expect(tree.task(task, program: 0)?.parent == spawner)
      // Each child's square runs in its task, under it, whatever thread resumed it.
      let n = try #require(tree.arguments(of: child)?.first.flatMap { Int($0) })
      #expect(outline(child, in: tree) == "child(\(n)) → \(n * n)\n  square(\(n)) → \(n * n)")
      #expect(tree.children(of: child).allSatisfy { tree.taskID(of: $0) == task })
    }
    #expect(tasks.count == 5)
    #expect(!tasks.contains(spawner))
  }

  @Test func explorerWalksTheErrorsInOrder() throws {
    let app = try open("examples.ftrace")
    var seen: [String] = []
    for _ in 0..<6 {
      app.handle(.char("x"))
      if let node = app.state.currentNode { seen.append(app.state.tree.callText(of: node)) }
    }
    #expect(
      seen == [
        "catcher(1)", "boom(1)", "outer(2)", "boom(2)", "Calc.divide(1, by: 0)", "catcher(1)",
      ])
  }

  @Test func fibSampleIsOneTree() throws {
    let tree = try open("fib.ftrace").document.tree
    let roots = calls(onThread: 1, in: tree)
    #expect(roots.count == 1)
    let fib = try #require(roots.first)
    #expect(tree.callCount == 5)
    #expect(outline(fib, in: tree).hasPrefix("fib(3) → 2\n  fib(2) → 1"))
  }
}
