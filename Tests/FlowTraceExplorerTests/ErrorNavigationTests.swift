import FlowTraceExplorer
import FlowTraceWire
import Testing

/// `x`/`X` use the tree's sorted error nodes; these compare them with a plain walk over
/// every node in depth-first order, on trees whose index order is and is not depth-first.
@Suite struct ErrorNavigationTests {
  /// Errors on two threads whose calls interleave (so index order is not depth-first when
  /// `interleave`), some caught, some propagated, one hidden by a filter in a test.
  static func script(interleave: Bool) -> TraceScript {
    var s = TraceScript()
    let a = s.call("a", at: 0)
    let b = interleave ? s.call("b", thread: 2, at: 1) : 0
    for k in 0..<4 {
      let w = s.call("work", [String(k)], parent: a, at: 2)
      let x = s.call("step", [String(k)], parent: w, at: 3)
      if k % 2 == 0 { s.fail(x, "E", "E(\(k))") }
      s.ret(x, at: 4)
      if k % 2 == 0 { s.fail(w, "E", "E(\(k))", caught: true) }
      s.ret(w, at: 5)
      if interleave {
        let y = s.call("other", [String(k)], parent: b, thread: 2, at: 6)
        if k != 1 { s.fail(y, "F", "F(\(k))") }
        s.ret(y, at: 7)
      }
    }
    s.ret(a, at: 8)
    if interleave {
      s.fail(b, "F", "F()", caught: true)
      s.ret(b, at: 9)
    }
    return s
  }

  /// The reference: every node in depth-first order, the errors among them.
  func reference(_ outline: Outline, _ tree: CallTree) -> [Int] {
    var all = outline
    all.expandAll(in: tree)
    return all.visibleNodes.filter {
      tree.kind(of: $0) == .call && tree.hasError($0) && outline.passesFilter($0)
    }
  }

  func check(_ tree: CallTree, filter: String? = nil) throws {
    var outline = Outline(tree: tree)
    if let filter { outline.setFilter(try FilterQuery(parsing: filter), in: tree) }
    var full = outline
    full.expandAll(in: tree)
    let order = full.visibleNodes
    let errors = reference(outline, tree)
    #expect(!errors.isEmpty)
    #expect(
      outline.nextError(after: nil, in: tree) == NavigationHit(node: errors[0], wrapped: false))
    #expect(
      outline.previousError(before: nil, in: tree)
        == NavigationHit(node: errors[errors.count - 1], wrapped: false))
    for node in order {
      let position = order.firstIndex(of: node) ?? 0
      let after = errors.first { order.firstIndex(of: $0)! > position }
      let expectedNext =
        after.map { NavigationHit(node: $0, wrapped: false) }
        ?? NavigationHit(node: errors[0], wrapped: true)
      #expect(outline.nextError(after: node, in: tree) == expectedNext, "after \(node)")
      let before = errors.last { order.firstIndex(of: $0)! < position }
      let expectedPrevious =
        before.map { NavigationHit(node: $0, wrapped: false) }
        ?? NavigationHit(node: errors[errors.count - 1], wrapped: true)
      #expect(outline.previousError(before: node, in: tree) == expectedPrevious, "before \(node)")
    }
  }

  @Test func depthFirstIndexOrder() throws {
    let tree = Self.script(interleave: false).tree()
    #expect(tree.isPreorder)
    try check(tree)
    try check(tree, filter: "-step")
  }

  @Test func interleavedThreads() throws {
    let tree = Self.script(interleave: true).tree()
    #expect(!tree.isPreorder)
    try check(tree)
    try check(tree, filter: "-other")
  }

  @Test func noErrorsMeansNoHit() {
    let tree = fibScript().tree()
    let outline = Outline(tree: tree)
    #expect(outline.nextError(after: 0, in: tree) == nil)
    #expect(outline.previousError(before: nil, in: tree) == nil)
  }
}
