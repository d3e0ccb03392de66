import FlowTraceWire
import Synchronization
import Testing

@testable import FlowTraceTUI

/// The explorer reads sources and opens a second trace only through its effects.
@Suite struct ExplorerEffectsTests {
  /// The Source tab of Parser.parse (App/Parser.swift:10) shows what the effect returned.
  @Test func sourceTabReadsThroughTheEffect() throws {
    let app = try SampleTrace.app()
    let asked = Mutex<[String]>([])
    app.effects.readSource = { path in
      asked.withLock { $0.append(path) }
      let lines = (1...20).map { "let line\($0) = \($0)" }
      return Array(lines.joined(separator: "\n").utf8)
    }
    var keys: [Key] = Array(repeating: .char("j"), count: 7)
    keys += Array(repeating: .char("]"), count: DetailTab.source.rawValue)
    let screen = app.screen(rows: 20, cols: 120, keys: keys)
    let text = (0..<screen.size.rows).map { screen.line($0) }.joined(separator: "\n")
    #expect(asked.withLock { $0 } == ["App/Parser.swift"])
    #expect(text.contains("let line10 = 10"))
    #expect(text.contains("let line7 = 7"))
    #expect(!text.contains("let line6 = 6"))
  }

  /// `compare(with:)` opens B through the effect; its error is the message.
  @Test func compareOpensTheSecondTraceThroughTheEffect() throws {
    let app = try SampleTrace.app()
    app.effects.openTrace = { path throws(TraceFileError) in
      throw TraceFileError(path: path, message: "test effect")
    }
    let problem = app.compare(with: "/nowhere/b.ftrace")
    #expect(problem?.contains("test effect") == true)
    #expect(app.state.diff == nil)
  }
}
