import FlowTraceTestSupport
import Foundation
import Testing

/// Runs the real `flowtrace-demo` binary (built next to the test bundle) and checks its text.
@Suite struct DemoOutputTests {
  /// The demo's output split at its `# title` lines, timings masked as `[T]`.
  struct Sections {
    var titles: [String] = []
    var bodies: [String: String] = [:]

    init(_ text: String) {
      var title = ""
      for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("# ") {
          title = String(line.dropFirst(2))
          titles.append(title)
          bodies[title] = ""
        } else if !line.isEmpty {
          bodies[title, default: ""] += Run.untimed(String(line)) + "\n"
        }
      }
    }

    subscript(_ title: String) -> String { bodies[title] ?? "<no section \(title)>" }
  }

  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs the demo binary with `arguments`; FLOWTRACE_* variables are cleared unless given.
  /// A status other than `expectedStatus`, a death by signal or a sanitizer report on its
  /// stderr is recorded as a failure of the calling test.
  static func demo(
    _ arguments: [String], environment: [String: String] = [:], expectedStatus: Int32 = 0,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Output {
    let process = Process()
    process.executableURL = try binary()
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FLOWTRACE_") }
    env["NO_COLOR"] = "1"
    env.merge(environment) { _, new in new }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes drained at once, so a child filling one never blocks on it.
    let errors = DataBox()
    let group = DispatchGroup()
    let errHandle = err.fileHandleForReading
    DispatchQueue.global().async(group: group) { errors.data = errHandle.readDataToEndOfFile() }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    group.wait()
    let stderr = String(decoding: errors.data, as: UTF8.self)
    let outcome = ChildOutcome(
      status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
      stderr: stderr)
    for problem in outcome.problems(expecting: expectedStatus) {
      Issue.record(
        "flowtrace-demo \(arguments.joined(separator: " ")): \(problem)\n\(stderr)",
        sourceLocation: sourceLocation)
    }
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: stderr)
  }

  /// The stderr bytes, written by the reading queue before `group.wait()` returns.
  private final class DataBox: @unchecked Sendable {
    var data = Data()
  }

  /// `flowtrace-demo` in the build directory that holds this test binary.
  static func binary() throws -> URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("flowtrace-demo")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory.deleteLastPathComponent()
    }
    throw DemoNotBuilt(searchedFrom: CommandLine.arguments[0])
  }

  struct DemoNotBuilt: Error { var searchedFrom: String }

  @Test func issueExamplesPrintExactly() throws {
    let output = try Self.demo(["examples"])
    #expect(output.status == 0)
    let sections = Sections(output.stdout)
    #expect(
      sections.titles == [
        "fib(3)", "compute(6, 7) with its own showTiming", "a session over fib2(3)",
        "config(showArgs: false, showResult: true, showTiming: true), then a(10)",
        "errors: catcher(1), then try? outer(2)", "4 threads, each its own tree",
        "a task group of 5 children", "@TraceAll struct Calc",
      ])
    #expect(
      sections["fib(3)"] == """
        → fib(3)
          → fib(2)
            → fib(1) → 1
            → fib(0) → 0
          ← fib(2) → 1
          → fib(1) → 1
        ← fib(3) → 2

        """)
    #expect(sections["compute(6, 7) with its own showTiming"] == "→ compute(6, 7) [T] → 42\n")
    #expect(
      sections["a session over fib2(3)"] == """
        → fib2()
          → fib2()
            → fib2() → 1
            → fib2() → 0
          ← fib2() → 1
          → fib2() → 1
        ← fib2() → 2

        """)
    #expect(
      sections["config(showArgs: false, showResult: true, showTiming: true), then a(10)"] == """
        → a()
          → b(y: 10) [T] → 20
        ← a() [T] → 21

        """)
    #expect(
      sections["errors: catcher(1), then try? outer(2)"] == """
        → catcher(1)
          → boom(1) ↯ BadInput(value: 1) [propagated]
          ↯ catcher(1) BadInput(value: 1) [caught]
        ← catcher(1) → "recovered"
        → outer(2)
          → boom(2) ↯ BadInput(value: 2) [propagated]
        ↯ outer(2) BadInput(value: 2) [propagated]

        """)
    #expect(
      sections["@TraceAll struct Calc"] == """
        → Calc.multiply(3, by: 3)
          → Calc.add(0, 3) → 3
          → Calc.add(3, 3) → 6
          → Calc.add(6, 3) → 9
        ← Calc.multiply(3, by: 3) → 9
        → Calc.divide(1, by: 0) ↯ divisionByZero [propagated]
        → Calc.store(9)
        Calc(memory: 9)

        """)
  }

  @Test func eachThreadPrintsItsOwnWholeTree() throws {
    let output = try Self.demo(["examples"])
    let text = Sections(output.stdout)["4 threads, each its own tree"]
    // Threads finish in any order; each tree must arrive whole.
    let trees = text.split(separator: "\n").map(String.init).chunks(startingWith: "→ work(")
    let expected = (1...4).map { id in
      let (a, b) = (id * id, (id + 1) * (id + 1))
      return [
        "→ work(\(id))", "  → square(\(id)) → \(a)", "  → square(\(id + 1)) → \(b)",
        "← work(\(id)) → \(a + b)",
      ]
    }
    #expect(trees.sorted { $0[0] < $1[0] } == expected)
  }

  @Test func taskGroupChildrenAreSiblingsUnderTheirParent() throws {
    let output = try Self.demo(["examples"])
    let lines = Sections(output.stdout)["a task group of 5 children"].split(separator: "\n")
      .map(String.init)
    let children = (1...5).map { index in
      [
        "  → child(\(index))", "    → square(\(index)) → \(index * index)",
        "  ← child(\(index)) → \(index * index)",
      ]
    }
    #expect(lines.first == "→ fanOut(5)")
    #expect(lines.last == "← fanOut(5) → 55")
    let inner = Array(lines.dropFirst().dropLast()).chunks(startingWith: "  → child(")
    #expect(inner.sorted { $0[0] < $1[0] } == children)
  }

  @Test func theIssuesFirstProgramPrintsWithoutAnyConfiguration() throws {
    let output = try Self.demo(["fib"])
    #expect(output.status == 0)
    #expect(
      output.stdout == """
        → fib(3)
          → fib(2)
            → fib(1) → 1
            → fib(0) → 0
          ← fib(2) → 1
          → fib(1) → 1
        ← fib(3) → 2

        """)
  }

  @Test func flowtracePrintZeroSilencesAutoPrintButNotPrintTree() throws {
    let output = try Self.demo(["examples"], environment: ["FLOWTRACE_PRINT": "0"])
    let sections = Sections(output.stdout)
    #expect(sections["fib(3)"] == "")
    #expect(sections["errors: catcher(1), then try? outer(2)"] == "")
    #expect(sections["a session over fib2(3)"].hasPrefix("→ fib2()\n"))
    #expect(sections["@TraceAll struct Calc"] == "Calc(memory: 9)\n")
  }

  @Test func liveRunsEveryKindOfCallThenTrickles() throws {
    let output = try Self.demo(["live", "--seconds", "0.35"])
    #expect(output.status == 0)
    let roots = output.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
      .map { $0.prefix { $0 != "(" } }
    for name in ["→ fib", "→ importBatch", "→ catcher", "→ outer", "→ work", "→ fanOut"] {
      #expect(roots.contains { $0 == name }, "\(name) is printed")
    }
    #expect(output.stdout.contains("→ slowQuery(\"orders\") → 600"))
    #expect(output.stdout.contains("→ tick(0)"))
    #expect(output.stdout.contains("[caught]") && output.stdout.contains("[propagated]"))
  }

  @Test func badArgumentsPrintUsageAndFail() throws {
    let output = try Self.demo(["live", "--seconds"], expectedStatus: 2)
    #expect(output.status == 2)
    #expect(output.stderr.contains("usage: flowtrace-demo"))
  }
}

extension Array where Element == String {
  /// Groups lines into chunks, each starting at a line with `prefix`.
  func chunks(startingWith prefix: String) -> [[String]] {
    var chunks: [[String]] = []
    for line in self {
      if line.hasPrefix(prefix) || chunks.isEmpty {
        chunks.append([line])
      } else {
        chunks[chunks.count - 1].append(line)
      }
    }
    return chunks
  }
}
