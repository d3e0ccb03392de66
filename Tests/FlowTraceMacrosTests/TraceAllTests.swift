import FlowTraceMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// `@TraceAll` and `@NoTrace`. The test host cannot locate a declaration whose `@Trace` was
/// added by `@TraceAll`, so those sites read `?` and `0`; the compiler gives the real file and line.
final class TraceAllTests: XCTestCase {
  func testTraceAllMarksMethodsAndInitializers() {
    assertMacroExpansion(
      #"""
      @TraceAll
      struct Calc {
        var base = 0
        var doubled: Int { base * 2 }
        init(base: Int) { self.base = base }
        func add(_ a: Int, _ b: Int) -> Int { a + b }
        static func zero() -> Calc { Calc(base: 0) }
        subscript(i: Int) -> Int { i }
        @NoTrace func secret() -> Int { 42 }
        @Trace(showTiming: true) func timed() -> Int { base }
      }
      """#,
      expandedSource: #"""

        struct Calc {
          var base = 0
          var doubled: Int { base * 2 }
          init(base: Int) {
            let __ftCall = FlowTrace._TraceCall(site: "Calc.init\tbase\t?\t0", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(base)
            }
            __ftCall.entered()
            self.base = base
            __ftCall.initialized(self)
          }
          func add(_ a: Int, _ b: Int) -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Calc.add\t_,_\t?\t0", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(a)
              __ftCall.argument(b)
            }
            __ftCall.entered()
            let __ftResult = { () -> Int in
              a + b
            }()
            return __ftCall.returning(__ftResult)
          }
          static func zero() -> Calc {
            let __ftCall = FlowTrace._TraceCall(site: "Calc.zero\t\t?\t0", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Calc in
              Calc(base: 0)
            }()
            return __ftCall.returning(__ftResult)
          }
          subscript(i: Int) -> Int { i }
          func secret() -> Int { 42 }
          func timed() -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Calc.timed\t\tTestModule/test.swift\t10", flags: FlowTrace._TraceFlags(showTiming: true))
            __ftCall.entered()
            let __ftResult = { () -> Int in
              base
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testTraceAllFlagsOnAnExtension() {
    assertMacroExpansion(
      #"""
      @TraceAll(showArgs: false)
      extension Calc {
        func label(_ text: String) -> String { text }
      }
      """#,
      expandedSource: #"""

        extension Calc {
          func label(_ text: String) -> String {
            let __ftCall = FlowTrace._TraceCall(site: "Calc.label\t_\t?\t0", flags: FlowTrace._TraceFlags(showArgs: false))
            if __ftCall.recordsArguments {
              __ftCall.argument(text)
            }
            __ftCall.entered()
            let __ftResult = { () -> String in
              text
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testTraceAllSkipsDeinitAndRequirements() {
    assertMacroExpansion(
      #"""
      @TraceAll
      final class Handle {
        func open() {}
        deinit {}
      }
      """#,
      expandedSource: #"""

        final class Handle {
          func open() {
            let __ftCall = FlowTrace._TraceCall(site: "Handle.open\t\t?\t0", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let _: Void = { () -> Void in
            }()
            __ftCall.returningVoid()
          }
          deinit {}
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testNoTraceExpandsToNothing() {
    assertMacroExpansion(
      #"""
      @NoTrace func plain() -> Int { 1 }
      """#,
      expandedSource: #"""
        func plain() -> Int { 1 }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }
}
