import FlowTraceExplorer
import FlowTraceWire
import Foundation
import Testing

@testable import FlowTraceTUI

@Suite struct ProgressiveLoadTests {
  /// A binary trace of `roots` × fib(10) calls (177 each) under one main call.
  static func bigTrace(roots: Int) throws -> [UInt8] {
    var encoder = TraceEncoder()
    encoder.header(SampleTrace.header)
    encoder.callSite(CallSite(id: 1, qualifiedName: "main", labels: [], file: "m.swift", line: 1))
    encoder.callSite(CallSite(id: 2, qualifiedName: "fib", labels: ["_"], file: "f.swift", line: 1))
    encoder.thread(id: 1, name: "main")
    var id: UInt64 = 1
    let flags: CollectFlags = [.args, .result, .timing]
    try encoder.call(
      id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: flags, timestamp: 0, args: [])
    func fib(_ n: Int, _ parent: UInt64) throws -> Int {
      id += 1
      let me = id
      try encoder.call(
        id: me, parent: parent, site: 2, thread: 1, task: 0, flags: flags, timestamp: me * 10,
        args: [String(n)])
      let v = n < 2 ? n : try fib(n - 1, me) + fib(n - 2, me)
      try encoder.return(id: me, timestamp: me * 10 + 5, result: String(v))
      return v
    }
    for _ in 0..<roots { _ = try fib(10, 1) }
    try encoder.return(id: 1, timestamp: id * 10 + 100, result: nil)
    encoder.end()
    return encoder.takeBytes()
  }

  func write(_ bytes: [UInt8], _ name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("ft-progressive-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func firstSliceShowsThenTheRestStreamsIn() throws {
    let bytes = try Self.bigTrace(roots: 250)  // 44,251 calls
    #expect(bytes.count > 2 * ProgressiveLoad.sliceBytes)
    let path = try write(bytes, "big.ftrace")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try TraceFile.open(path)
    let loader = ProgressiveLoad(file: file)
    var tree = CallTree()
    loader.step(into: &tree, budgetNanos: 0)  // exactly one slice
    #expect(!loader.isDone)
    #expect(tree.callCount > 0 && tree.callCount < 44_251)
    let theme = try ThemeLoader.load("mono", directories: [themesDirectory])
    let app = ExplorerApp(
      document: TraceDocument(source: path, header: nil, tree: tree, problem: nil),
      context: RenderContext(theme: theme, ascii: false))
    app.loading = loader
    #expect(app.pollMs == 0)
    let first = app.screen(rows: 10, cols: 80, keys: [.char("j"), .char("j")])
    #expect(first.line(0).hasSuffix("loading \(Int(loader.progress * 100))%"))
    let node = app.state.currentNode
    while app.loading != nil { _ = app.tick() }
    #expect(app.document.tree.callCount == 44_251)
    #expect(app.state.currentNode == node)  // the cursor stayed on its call
    #expect(app.pollMs == 200)
    let done = app.screen(rows: 10, cols: 120)
    #expect(done.line(0).contains("44,251 calls"))
    #expect(!done.line(0).contains("loading"))
    #expect(app.document.problem == nil)
  }

  @Test func truncatedBigFileReportsWhereItStoppedAfterLoading() throws {
    let bytes = try Self.bigTrace(roots: 100)
    let path = try write(Array(bytes.dropLast(1)), "cut.ftrace")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (document, loader) = try TraceDocument.open(path: path)
    let theme = try ThemeLoader.load("mono", directories: [themesDirectory])
    let app = ExplorerApp(document: document, context: RenderContext(theme: theme, ascii: false))
    app.loading = loader
    app.finishLoading()
    #expect(app.document.tree.callCount == 17_701)
    #expect(app.document.problem?.hasPrefix("trace stopped early: \(path): byte ") == true)
    #expect(app.screen(rows: 10, cols: 200).line(9).hasPrefix("trace stopped early"))
  }
}

extension ProgressiveLoadTests {
  /// JSON Lines with `calls` root calls, one call and one return line each.
  static func bigJSONLines(calls: Int) -> String {
    var text = """
      {"type":"header","version":1,"pid":9,"program":"jl"}
      {"type":"site","id":1,"name":"step","labels":["_"]}
      {"type":"thread","id":1,"name":"main"}

      """
    for id in 1...calls {
      text += "{\"type\":\"call\",\"id\":\(id),\"site\":1,\"thread\":1,"
      text += "\"collect\":[\"args\"],\"args\":[\"\(id)\"]}\n"
      text += "{\"type\":\"return\",\"id\":\(id)}\n"
    }
    return text
  }

  @Test func jsonLinesStreamInByLines() throws {
    let text = Self.bigJSONLines(calls: 6_000) + "{\"type\":\"end\"}\n"
    #expect(text.utf8.count > 2 * ProgressiveLoad.sliceBytes)
    let path = try write(Array(text.utf8), "big.jsonl")
    let (document, loader) = try TraceDocument.open(path: path)
    let theme = try ThemeLoader.load("mono", directories: [themesDirectory])
    let app = ExplorerApp(document: document, context: RenderContext(theme: theme, ascii: false))
    app.loading = loader
    app.finishLoading()
    #expect(app.document.tree.callCount == 6_000)
    #expect(app.document.problem == nil)
    #expect(app.document.header?.program == "jl")
  }

  @Test func jsonLinesErrorNamesTheLineInTheWholeFile() throws {
    // 3 + 2 × 5,000 good lines, then a bad one on line 10,004.
    let good = Self.bigJSONLines(calls: 5_000)
    let text = good + "{\"type\":\"return\",\"id\":99999}\n"
    let path = try write(Array(text.utf8), "bad.jsonl")
    let (document, loader) = try TraceDocument.open(path: path)
    let theme = try ThemeLoader.load("mono", directories: [themesDirectory])
    let app = ExplorerApp(document: document, context: RenderContext(theme: theme, ascii: false))
    app.loading = loader
    app.finishLoading()
    #expect(app.document.tree.callCount == 5_000)
    let problem = try #require(app.document.problem)
    #expect(
      problem.hasPrefix("trace stopped early: \(path): line 10004, byte \(good.utf8.count): "))
  }
}

extension ProgressiveLoadTests {
  /// Loads `bigTrace(roots:)` slice by slice, pressing `keys` after the first slice; returns
  /// the app once the whole file is in.
  func streamed(keys: [Key]) throws -> ExplorerApp {
    let path = try write(try Self.bigTrace(roots: 120), "rows.ftrace")
    let (document, loader) = try TraceDocument.open(path: path, budgetNanos: 0)
    #expect(loader != nil)
    let theme = try ThemeLoader.load("mono", directories: [themesDirectory])
    let app = ExplorerApp(document: document, context: RenderContext(theme: theme, ascii: false))
    app.loading = loader
    _ = app.screen(rows: 20, cols: 80, keys: keys)
    while app.loading != nil { app.continueLoading(budgetNanos: 0) }
    return app
  }

  @Test func rowsStreamedInAreTheRowsOfTheWholeTree() throws {
    // Nothing folded: new calls are appended to the rows in index order.
    let plain = try streamed(keys: [])
    #expect(plain.state.outline.rowCount == plain.document.tree.count)
    #expect(plain.state.outline.visibleNodes == Outline(tree: plain.document.tree).visibleNodes)
    // A fold during the load: the general merge keeps the folded subtree hidden.
    let folded = try streamed(keys: [.char("j"), .char("j"), .char("h")])
    let tree = folded.document.tree
    var expected = Outline(tree: tree)
    let fold = try #require(folded.state.currentNode)
    #expect(folded.state.outline.isCollapsed(fold))
    expected.collapse(fold, in: tree)
    #expect(folded.state.outline.visibleNodes == expected.visibleNodes)
    #expect(folded.state.outline.rowCount < tree.count)
  }
}
