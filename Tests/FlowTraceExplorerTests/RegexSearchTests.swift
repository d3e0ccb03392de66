import FlowTraceWire
import Testing

@testable import FlowTraceExplorer

/// `re:` searches skip rows by a literal read from the pattern; they must find exactly what
/// running the regex on every row finds.
@Suite struct RegexSearchTests {
  func sample() -> CallTree {
    var s = TraceScript()
    let main = s.call("main")
    for i in 0..<40 {
      let f = s.call(i % 3 == 0 ? "Loader.load" : "fib", ["\(i)"], parent: main)
      if i % 7 == 0 { s.fail(f, "LoadError", "LoadError.color(\(i))") }
      s.ret(f, i % 2 == 0 ? "\"colour \(i)\"" : "\"color\"")
    }
    s.leaf("aab", nil, "aaab", parent: main)
    s.ret(main)
    return s.tree()
  }

  func bruteForce(_ source: String, _ tree: CallTree) throws -> [Int] {
    var regex = try Regex(source)
    if !source.contains(where: \.isUppercase) { regex = regex.ignoresCase() }
    return (0..<tree.count).filter { node in
      guard tree.kind(of: node) == .call else { return false }
      if (try? regex.firstMatch(in: tree.rowText(of: node))) != nil { return true }
      guard let error = tree.error(of: node) else { return false }
      return (try? regex.firstMatch(in: error.type + ": " + error.description)) != nil
    }
  }

  @Test(arguments: [
    "fib\\(1\\d", "colou?r", "colour \\d+", "a+b", "a{2}b", "(x)?load", "[lL]oad", "Load",
    "load\\(", "^main", "LoadError: LoadError\\.color\\(14", "error\\.color\\(2", "\"color\"$",
  ])
  func sameMatchesAsTheRegexOnEveryRow(_ source: String) throws {
    let tree = sample()
    let search = try Search("re:" + source, in: tree)
    #expect(search.matchingNodes.sorted() == (try bruteForce(source, tree)))
  }

  @Test func literalsReadFromPatterns() {
    #expect(
      RegexLiteral.required(in: "^Checker\\.validate\\(run: 4\\d\\)") == "Checker.validate(run: 4")
    #expect(RegexLiteral.required(in: "colou?r") == "colo")
    #expect(RegexLiteral.required(in: "ab+c") == "ab")
    #expect(RegexLiteral.required(in: "xab+cdef") == "cdef")
    #expect(RegexLiteral.required(in: "(long literal)?ab") == "ab")
    #expect(RegexLiteral.required(in: "fib|load") == nil)
    #expect(RegexLiteral.required(in: "(?i)fib") == nil)
    #expect(RegexLiteral.required(in: "[fib]ab") == "ab")
  }
}
