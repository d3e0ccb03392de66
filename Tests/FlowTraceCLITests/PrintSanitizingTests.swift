import FlowTraceText
import FlowTraceWire
import Foundation
import Testing

/// Strings from a trace never reach the terminal raw: `flowtrace print` (both its fast path and
/// the general printer) and the runtime's tree text show control characters escaped.
@Suite struct PrintSanitizingTests {
  /// A name, an argument, a result and an error description carrying an OSC 52 clipboard write,
  /// a title change, a screen clear, a bell and a C1 CSI.
  static let events: [TraceEvent] = [
    .callSite(
      CallSite(
        id: 1, qualifiedName: "evil\u{1B}]0;owned\u{07}", labels: ["_"], file: "e.swift", line: 1)),
    .thread(ThreadInfo(id: 1, name: "main")),
    .call(
      CallStart(
        id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [.args, .result],
        timestamp: nil, args: ["\u{1B}]52;c;aGk=\u{07}"])),
    .call(
      CallStart(
        id: 2, parent: 1, site: 1, thread: 1, task: 0, flags: [.args, .result],
        timestamp: nil, args: ["\u{9B}2J"])),
    .error(CallError(id: 2, type: "E", description: "E(\u{1B}[2J)", disposition: .propagated)),
    .return(CallEnd(id: 2, timestamp: nil, result: nil)),
    .error(CallError(id: 1, type: "E", description: "E(\u{1B}[2J)", disposition: .caught)),
    .return(CallEnd(id: 1, timestamp: nil, result: "ok\u{1B}[H")),
    .end,
  ]

  static let expected = """
    → evil\\e]0;owned\\x07(\\e]52;c;aGk=\\x07)
      → evil\\e]0;owned\\x07(\\u{9b}2J) ↯ E(\\e[2J) [propagated]
      ↯ evil\\e]0;owned\\x07(\\e]52;c;aGk=\\x07) E(\\e[2J) [caught]
    ← evil\\e]0;owned\\x07(\\e]52;c;aGk=\\x07) → ok\\e[H

    """

  @Test func treeTextEscapesControlCharacters() {
    #expect(TreeTextPrinter.render(Self.events) == Self.expected)
  }

  @Test func printCommandEscapesControlCharacters() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = try CLITraces.write(try CLITraces.binary(Self.events), "evil.ftrace", in: dir)
    for options in [[], ["--depth", "5"], ["--color", "always"]] {
      let result = try CLIRunner.run(["print", trace] + options)
      #expect(result.status == 0, "\(result.stderr)")
      let raw = result.stdout.unicodeScalars.filter {
        $0.value == 0x07 || (0x80...0x9F).contains($0.value)
      }
      #expect(raw.isEmpty, "raw control characters with \(options)")
      if options.first != "--color" {
        #expect(!result.stdoutBytes.contains(0x1B), "raw ESC with \(options)")
        #expect(result.stdout == Self.expected)
      }
    }
  }
}
