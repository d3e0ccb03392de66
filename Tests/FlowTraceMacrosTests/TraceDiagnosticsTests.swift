import FlowTraceMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// Compile errors for declarations `@Trace` cannot trace.
final class TraceDiagnosticsTests: XCTestCase {
  func testProtocolRequirementWithoutBody() {
    assertMacroExpansion(
      #"""
      protocol Store {
        @Trace func load() -> Int
      }
      """#,
      expandedSource: #"""
        protocol Store {
          func load() -> Int
        }
        """#,
      diagnostics: [
        DiagnosticSpec(
          message:
            "@Trace needs a function with a body; a protocol requirement or a declaration without a body cannot be traced",
          line: 2, column: 3, fixIts: [FixItSpec(message: "remove '@Trace'")])
      ],
      macros: testMacros,
      applyFixIts: ["remove '@Trace'"],
      fixedSource: #"""
        protocol Store {
          func load() -> Int
        }
        """#,
      indentationWidth: .spaces(2)
    )
  }

  func testAccessor() {
    assertMacroExpansion(
      #"""
      struct S {
        var x: Int {
          @Trace get { 1 }
        }
      }
      """#,
      expandedSource: #"""
        struct S {
          var x: Int {
            get { 1 }
          }
        }
        """#,
      diagnostics: [
        DiagnosticSpec(
          message:
            "@Trace cannot trace an accessor; put it on a method, or trace the function the accessor calls",
          line: 3, column: 5, fixIts: [FixItSpec(message: "remove '@Trace'")])
      ],
      macros: testMacros,
      applyFixIts: ["remove '@Trace'"],
      fixedSource: #"""
        struct S {
          var x: Int {
            get { 1 }
          }
        }
        """#,
      indentationWidth: .spaces(2)
    )
  }

  func testUnknownArgument() {
    assertMacroExpansion(
      #"""
      @Trace(verbose: true) func f() {}
      """#,
      expandedSource: #"""
        func f() {}
        """#,
      diagnostics: [
        DiagnosticSpec(
          message: "@Trace accepts only showArgs:, showResult: and showTiming:", line: 1, column: 8)
      ],
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testUnknownArgumentOnTraceAll() {
    assertMacroExpansion(
      #"""
      @TraceAll(colour: true)
      struct S {
        func f() {}
      }
      """#,
      expandedSource: #"""

        struct S {
          func f() {}
        }
        """#,
      diagnostics: [
        DiagnosticSpec(
          message: "@Trace accepts only showArgs:, showResult: and showTiming:", line: 1, column: 11
        )
      ],
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }
}
