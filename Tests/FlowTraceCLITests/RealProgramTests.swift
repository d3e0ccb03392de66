import FlowTraceWire
import Foundation
import Testing

/// `flowtrace record` and `flowtrace print` on the real demo program: the tree printed from
/// the recorded file is the tree the program printed itself.
@Suite struct RealProgramTests {
  static var demo: URL { CLIRunner.productsDirectory.appendingPathComponent("flowtrace-demo") }

  /// The tree lines of the demo's own output (its `# section` titles, blank lines and
  /// program output are not tree lines).
  static func treeLines(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { line in
      let body = line.drop { $0 == " " }
      return body.hasPrefix("→ ") || body.hasPrefix("← ") || body.hasPrefix("↯ ")
        || body.hasPrefix("⋯ ")
    }
  }

  @Test func printOfARecordedDemoEqualsWhatTheDemoPrinted() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = dir.appendingPathComponent("demo.ftrace").path
    let recorded = try CLIRunner.run(["record", "-o", trace, "--", Self.demo.path, "examples"])
    #expect(recorded.status == 0, "\(recorded.stderr)")
    #expect(recorded.stderr.hasPrefix("flowtrace: trace written to \(trace): "))
    let own = Self.treeLines(recorded.stdout)
    #expect(own.count > 40)

    let printed = try CLIRunner.run(["print", trace])
    #expect(printed.status == 0, "\(printed.stderr)")
    let fromFile = Self.treeLines(printed.stdout)
    // Roots of different threads may come in another order; every line is there.
    #expect(fromFile.sorted() == own.sorted())
    // The single-threaded opening examples come first and in order.
    #expect(Array(fromFile.prefix(7)) == Array(own.prefix(7)))

    let decoded = DecodedTrace(binary: Array(try Data(contentsOf: URL(fileURLWithPath: trace))))
    #expect(decoded.error == nil)
    #expect(decoded.isEnded)
    #expect(decoded.header?.program.hasSuffix("flowtrace-demo") == true)
  }

  @Test func everyTruncationOfARealRecordingKeepsItsPrefix() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = dir.appendingPathComponent("demo.ftrace").path
    let recorded = try CLIRunner.run(
      ["record", "-o", trace, "--", Self.demo.path, "examples"],
      environment: ["FLOWTRACE_PRINT": "0"])
    #expect(recorded.status == 0, "\(recorded.stderr)")
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: trace)))
    let full = DecodedTrace(binary: bytes)
    #expect(full.error == nil)
    #expect(full.events.count > 50)
    var errors = 0
    for length in 0..<bytes.count {
      let cut = DecodedTrace(binary: Array(bytes[..<length]))
      #expect(Array(full.events.prefix(cut.events.count)) == cut.events, "cut at \(length)")
      if let error = cut.error {
        errors += 1
        #expect(error.offset <= length)
      }
    }
    #expect(errors > bytes.count / 2)
  }
}
