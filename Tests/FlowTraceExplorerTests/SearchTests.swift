import FlowTraceExplorer
import FlowTraceWire
import Testing

@Suite struct SearchTests {
  func sample() -> CallTree {
    var s = TraceScript()
    let main = s.call("main")
    s.leaf("Parser.parse", ["\"Hello\""], "Token.word", parent: main)
    s.leaf("parseNumber", ["\"42\""], "42", parent: main)
    let bad = s.call("load", ["\"/tmp/x\""], parent: main)
    s.fail(bad, "FileError", "FileError.notFound(path: /tmp/x)")
    s.ret(bad)
    s.ret(main)
    return s.tree()
  }

  func hits(_ pattern: String, _ tree: CallTree) throws -> [String] {
    try Search(pattern, in: tree).matchingNodes.map { tree.callText(of: $0) }
  }

  @Test func smartCase() throws {
    let tree = sample()
    #expect(try hits("parse", tree) == ["Parser.parse(\"Hello\")", "parseNumber(\"42\")"])
    #expect(try hits("Parse", tree) == ["Parser.parse(\"Hello\")"])
    #expect(try hits("hello", tree) == ["Parser.parse(\"Hello\")"])
    #expect(try hits("HELLO", tree) == [])
  }

  @Test func argumentsResultsAndErrorText() throws {
    let tree = sample()
    #expect(try hits("42", tree) == ["parseNumber(\"42\")"])
    #expect(try hits("token.w", tree) == ["Parser.parse(\"Hello\")"])
    #expect(try hits("notfound", tree) == ["load(\"/tmp/x\")"])
    #expect(try hits("FileError", tree) == ["load(\"/tmp/x\")"])
    // Across the row's punctuation.
    #expect(try hits("number(\"4", tree) == ["parseNumber(\"42\")"])
    #expect(try hits("→ 42", tree) == ["parseNumber(\"42\")"])
  }

  @Test func regex() throws {
    let tree = sample()
    #expect(try hits("re:^parse[A-Z]", tree) == ["parseNumber(\"42\")"])
    #expect(try hits("re:\\d{2}", tree) == ["parseNumber(\"42\")"])
    #expect(try hits("re:^main\\(\\)$", tree) == ["main()"])
    #expect(throws: SearchError.self) { try Search("re:(unclosed", in: tree) }
  }

  @Test func nextPreviousWrapAndPosition() throws {
    let tree = sample()
    let search = try Search("parse", in: tree)
    let first = try #require(search.next(after: nil, in: tree))
    #expect(first.index == 1 && !first.wrapped)
    let second = try #require(search.next(after: first.node, in: tree))
    #expect(second.index == 2 && !second.wrapped)
    let wrapped = try #require(search.next(after: second.node, in: tree))
    #expect(wrapped == SearchHit(node: first.node, index: 1, wrapped: true))
    let back = try #require(search.previous(before: first.node, in: tree))
    #expect(back == SearchHit(node: second.node, index: 2, wrapped: true))
    #expect(search.position(of: second.node, in: tree) == 2)
    let main = try #require(tree.node("main()"))
    #expect(search.position(of: main, in: tree) == nil)
    #expect(search.next(after: main, in: tree)?.node == first.node)
  }

  @Test func matchesInFoldedSubtreesAreRevealed() throws {
    let tree = sample()
    var outline = Outline(tree: tree)
    outline.collapseAll(in: tree)
    let search = try Search("parseNumber", in: tree)
    let hit = try #require(search.next(after: nil, in: tree))
    #expect(outline.row(of: hit.node, in: tree) == nil)
    let revealed = outline.reveal(hit.node, in: tree)
    let row = try #require(revealed)
    #expect(outline.node(atRow: row) == hit.node)
  }

  @Test func incrementalAsCallsArriveAndEnd() throws {
    var s = TraceScript()
    let main = s.call("main")
    var tree = s.tree()
    var search = try Search("answer", in: tree)
    #expect(search.count == 0)
    var mark = s.events.count
    let f = s.call("compute", parent: main)
    tree.append(contentsOf: s.events[mark...])
    search.update(with: tree)
    #expect(search.count == 0)
    mark = s.events.count
    s.ret(f, "\"answer\"")
    s.leaf("answerQuickly", nil, nil, parent: main)
    tree.append(contentsOf: s.events[mark...])
    search.update(with: tree)
    #expect(search.matchingNodes.map { tree.callText(of: $0) } == ["compute()", "answerQuickly()"])
  }

  @Test func depthFirstOrderAcrossThreads() throws {
    var s = TraceScript()
    let a = s.call("a", thread: 1)
    s.leaf("hit", ["1"], nil, parent: nil, thread: 2)
    s.leaf("hit", ["2"], nil, parent: a, thread: 1)
    let tree = s.tree()
    let search = try Search("hit", in: tree)
    #expect(search.matchingNodes.map { tree.callText(of: $0) } == ["hit(2)", "hit(1)"])
  }

  @Test func rowTextPatternsWithPunctuationInsideValues() throws {
    var s = TraceScript()
    s.leaf("greet", ["\"a, b\""], "\"hi: a, b\"", parent: nil)
    s.leaf("greet", ["\"a\"", "\"b\""], nil, parent: nil)
    let tree = s.tree()
    #expect(try hits("(\"a, b\")", tree) == ["greet(\"a, b\")"])
    #expect(try hits("\"a\", \"b", tree) == ["greet(\"a\", \"b\")"])
    #expect(try hits("→ \"hi: a", tree) == ["greet(\"a, b\")"])
    #expect(try hits("greet(", tree).count == 2)
  }

  @Test func stepsOverMatchesTheFilterHides() throws {
    let tree = sample()
    var outline = Outline(tree: tree)
    outline.setFilter(try FilterQuery(parsing: "-Parser.*"), in: tree)
    let search = try Search("parse", in: tree)
    #expect(search.count == 2)
    let hit = try #require(search.next(after: nil, in: tree, visibleIn: outline))
    #expect(tree.callText(of: hit.node) == "parseNumber(\"42\")")
    #expect(hit.index == 2)
    let again = try #require(search.next(after: hit.node, in: tree, visibleIn: outline))
    #expect(again.node == hit.node && again.wrapped)
  }

  @Test func searchInSlicesFindsWhatOneScanFinds() throws {
    var s = TraceScript()
    let a = s.call("a", thread: 1)
    for i in 0..<20 {
      s.leaf("f", ["\(i)"], "\(i * 7)", parent: i % 2 == 0 ? a : nil, thread: 1 + UInt32(i % 3))
    }
    let tree = s.tree()
    for pattern in ["1", "f(1", "re:^f\\(1"] {
      let whole = try Search(pattern, in: tree)
      var sliced = try Search(pattern, in: tree, maxNodes: 4)
      #expect(!sliced.isComplete(in: tree))
      #expect(sliced.progress(in: tree) < 1)
      while !sliced.isComplete(in: tree) { sliced.update(with: tree, maxNodes: 4) }
      #expect(sliced.matchingNodes == whole.matchingNodes)
      #expect(whole.count > 2)
    }
  }
}
