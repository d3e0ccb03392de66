import FlowTraceAnnotate
import Testing

/// The real-code corpus's annotator: `@TraceAll` on every type and extension.
struct MarkAllTests {
  @Test func marksEveryTypeAndExtensionAndKeepsLines() throws {
    let source = "struct A {\n  enum B {}\n}\nextension A {}\nprotocol P {}\n"
    let (text, declarations) = try MarkAll.mark(source: source, fileName: "F.swift", skipping: [4])
    #expect(
      text == "@TraceAll struct A {\n  @TraceAll enum B {}\n}\nextension A {}\nprotocol P {}\n"
        + "import FlowTrace\n")
    #expect(declarations.map(\.state) == ["yes", "yes", "skip", "no"])
  }

  /// Under `InternalImportsByDefault` a plain import keeps FlowTrace internal, and the traced
  /// body of an `@inlinable` function cannot name it (swift-parsing).
  @Test func aFileWithInlinableCodeImportsFlowTracePublicly() throws {
    let source = "public struct A {\n  @inlinable public func f() {}\n}\n"
    let (text, _) = try MarkAll.mark(source: source, fileName: "F.swift", skipping: [])
    #expect(text?.hasSuffix("\npublic import FlowTrace\n") == true)
  }
}
