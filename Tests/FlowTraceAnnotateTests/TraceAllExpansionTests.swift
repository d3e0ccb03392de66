import FlowTraceAnnotate
import Testing

/// `flowtrace annotate`'s rewrite of `@TraceAll` into `@Trace` per member.
struct TraceAllExpansionTests {
  private func expand(
    _ source: String, _ selection: ExpansionSelection = .cycleShapes, protocols: Set<String> = []
  ) throws -> FileExpansion {
    try TraceAllExpansion.expand(
      source: source, fileName: "F.swift", selection: selection, protocols: protocols)
  }

  @Test func constrainedExtensionGetsTraceOnEachEligibleMember() throws {
    let source = """
      @TraceAll(showArgs: false) extension Array where Element == Int {
        func total() -> Int { reduce(0, +) }
        init(ones count: Int) { self.init(repeating: 1, count: count) }
        @NoTrace func quiet() {}
        @Trace(showTiming: true) func timed() {}
        var doubled: [Int] { map { $0 * 2 } }
        subscript(safe i: Int) -> Int? { indices.contains(i) ? self[i] : nil }
        func undeclared()
        struct Nested { func inner() {} }
        #if DEBUG
        @inlinable public func debugOnly() {}
        #endif
      }
      """
    let result = try expand(source)
    #expect(
      result.rewritten == """
        /* flowtrace annotate: @TraceAll(showArgs: false) */ extension Array where Element == Int {
          @Trace(showArgs: false) func total() -> Int { reduce(0, +) }
          @Trace(showArgs: false) init(ones count: Int) { self.init(repeating: 1, count: count) }
          @NoTrace func quiet() {}
          @Trace(showTiming: true) func timed() {}
          var doubled: [Int] { map { $0 * 2 } }
          subscript(safe i: Int) -> Int? { indices.contains(i) ? self[i] : nil }
          func undeclared()
          struct Nested { func inner() {} }
          #if DEBUG
          @Trace(showArgs: false) @inlinable public func debugOnly() {}
          #endif
        }
        """)
    #expect(
      result.changes == [
        "1: extension Array where Element == Int: @TraceAll(showArgs: false) -> @Trace on 3 members"
      ])
  }

  @Test func runningAgainChangesNothingAndPicksUpNewMembers() throws {
    let first = try expand(
      "@TraceAll extension Set where Element == Character {\n  func a() {}\n}\n")
    let again = try expand(first.rewritten)
    #expect(again.rewritten == first.rewritten)
    #expect(again.changes.isEmpty)
    let grown = first.rewritten.replacingOccurrences(of: "}\n}", with: "}\n  func b() {}\n}")
    let refreshed = try expand(grown)
    #expect(refreshed.rewritten.contains("  @Trace func b() {}"))
    #expect(
      refreshed.changes == ["1: extension Set where Element == Character: @Trace on 1 new member"])
  }

  @Test func onlyTheShapesThatCanHitTheCycleByDefault() throws {
    let source = """
      @TraceAll struct Plain { func f() {} }
      @TraceAll extension Plain { func g() {} }
      @TraceAll extension Graph { func h() {} }
      @TraceAll class Store<V>: Graph { func i() {} }
      @TraceAll class Concrete: Graph { func j() {} }
      @TraceAll extension Pair: Equatable where A: Equatable { func k() {} }
      """
    let result = try expand(source, protocols: ["Graph"])
    let expanded = result.changes.map { $0.split(separator: ":")[0] }
    #expect(expanded == ["3", "4", "6"])
    #expect(try expand(source, .all).changes.count == 6)
  }

  @Test func aLineExpandsTheInnermostMarkedDeclarationHoldingIt() throws {
    let source = """
      @TraceAll struct Outer {
        @TraceAll struct Inner {
          func f() {}
        }
        func g() {}
      }
      """
    let result = try expand(source, .lines([3]))
    #expect(result.changes == ["2: struct Inner: @TraceAll -> @Trace on 1 member"])
    #expect(result.rewritten.hasPrefix("@TraceAll struct Outer {\n  /* flowtrace annotate"))
  }

  @Test func linesNeverMove() throws {
    let source = "@TraceAll(\n  showResult: false\n) extension Box where T: P {\n  func f() {}\n}\n"
    let result = try expand(source)
    let lines = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false) }
    #expect(lines(result.rewritten).count == lines(source).count)
    #expect(result.rewritten.contains("  @Trace(showResult: false) func f() {}"))
  }

  @Test func aFileThatDoesNotParseIsRefused() {
    #expect(throws: AnnotateError.parseErrors(line: 1)) {
      try expand("@TraceAll extension A where B: C { func f( }")
    }
  }

  @Test func unifiedDiffShowsEachChangedLineWithContext() {
    let diff = LineDiff.unified(
      old: "a\nb\nc\nd\n", new: "a\nB\nc\nd\n", path: "F.swift", context: 1)
    #expect(diff == "--- a/F.swift\n+++ b/F.swift\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")
  }
}
