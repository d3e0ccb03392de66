import Testing
import FlowTraceText
import FlowTraceWire

@testable import FlowTraceTUI

@Suite struct TextTests {
  @Test func widthOfWideAndCombiningCharacters() {
    #expect(DisplayWidth.of("fib(3)") == 6)
    #expect(DisplayWidth.of("日本") == 4)
    #expect(DisplayWidth.of("e\u{301}") == 1)  // e + combining acute: one cell
    #expect(DisplayWidth.of("🙂") == 2)
    #expect(DisplayWidth.of("\u{200B}") == 0)
  }

  @Test func fallbackWidthWithoutLocale() {
    #expect(DisplayWidth.fallback("日") == 2)
    #expect(DisplayWidth.fallback("\u{301}") == 0)
    #expect(DisplayWidth.fallback("é") == 1)
  }

  @Test func sanitiserEscapesControlAndBidiCharacters() {
    #expect(Sanitizer.clean("plain") == "plain")
    #expect(Sanitizer.clean("a\u{1B}[31mred") == "a\\e[31mred")
    #expect(Sanitizer.clean("bell\u{07}") == "bell\\x07")
    #expect(Sanitizer.clean("l1\nl2\tx\r") == "l1\\nl2\\tx\\r")
    #expect(Sanitizer.clean("\u{7F}\u{9B}") == "\\x7f\\u{9b}")
    #expect(Sanitizer.clean("abc\u{202E}def") == "abc\\u{202e}def")
    #expect(Sanitizer.clean("日本") == "日本")
  }

  @Test func asciiModeEscapesNonAscii() {
    #expect(Sanitizer.clean("日x", ascii: true) == "\\u{65e5}x")
    #expect(Sanitizer.clean("fib(3)", ascii: true) == "fib(3)")
  }

  @Test func truncationByDisplayWidth() {
    #expect(TextFit.truncate("abcdef", width: 6) == "abcdef")
    #expect(TextFit.truncate("abcdefg", width: 6) == "abcde…")
    #expect(TextFit.truncate("日本語テキスト", width: 7) == "日本語…")
    #expect(TextFit.truncate("abcdefg", width: 4, ellipsis: "~") == "abc~")
    #expect(TextFit.truncate("abc", width: 0) == "")
    #expect(TextFit.pad("日本", width: 6) == "日本  ")
    #expect(TextFit.padLeft("12ms", width: 6) == "  12ms")
  }

  @Test func wrapBreaksAtSpacesAndHard() {
    #expect(TextFit.wrap("alpha beta gamma", width: 10) == ["alpha beta", "gamma"])
    #expect(TextFit.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    #expect(TextFit.wrap("a\nb", width: 4) == ["a", "b"])
    #expect(TextFit.wrap("日本語", width: 4) == ["日本", "語"])
  }
}
