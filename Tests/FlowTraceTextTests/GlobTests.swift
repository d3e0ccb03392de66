import FlowTraceText
import FlowTraceWire
import Testing

@Suite struct GlobTests {
  @Test(arguments: [
    ("Parser.*", "Parser.parse", true),
    ("Parser.*", "Lexer.next", false),
    ("*fib*", "fibonacci", true),
    ("*fib*", "fi", false),
    ("a*b*c", "aXXbYYbZc", true),
    ("a*b*c", "aXXbYYbZ", false),
    ("Calc.?dd", "Calc.add", true),
    ("Calc.?dd", "Calc.dd", false),
    ("?本", "日本", true),
    ("?", "日", true),
    ("??", "日", false),
    ("*", "", true),
    ("", "x", false),
  ])
  func matchesWholeNames(pattern: String, name: String, expected: Bool) {
    #expect(Glob(pattern).matches(name) == expected)
  }

  @Test func qualifiedNamesMatchByTheirLastComponentToo() {
    #expect(Glob("parse").matchesQualifiedName("Parser.parse"))
    #expect(Glob("Parser.parse").matchesQualifiedName("Parser.parse"))
    #expect(!Glob("Parser").matchesQualifiedName("Parser.parse"))
  }
}
