import FlowTraceMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// Expansion shapes of free functions: results, Void, Never, opaque, generic, nested.
final class TraceFunctionShapesTests: XCTestCase {
  func testFreeFunctionSingleExpression() {
    assertMacroExpansion(
      #"""
      @Trace func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }
      """#,
      expandedSource: #"""
        func fib(_ n: Int) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "fib\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(n)
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            n < 2 ? n : fib(n - 1) + fib(n - 2)
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testFlagsArePassedThrough() {
    assertMacroExpansion(
      #"""
      @Trace(showArgs: true, showTiming: true) func b(y: Int) -> Int { y * 2 }
      """#,
      expandedSource: #"""
        func b(y: Int) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "b\ty\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags(showArgs: true, showTiming: true))
          if __ftCall.recordsArguments {
            __ftCall.argument(y)
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            y * 2
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testVoidWithoutParameters() {
    assertMacroExpansion(
      #"""
      @Trace func tick() {
        print("tick")
      }
      """#,
      expandedSource: #"""
        func tick() {
          let __ftCall = FlowTrace._TraceCall(site: "tick\t\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          __ftCall.entered()
          let _: Void = { () -> Void in
            print("tick")
          }()
          __ftCall.returningVoid()
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testExplicitVoidWithEarlyReturn() {
    assertMacroExpansion(
      #"""
      @Trace func log(_ text: String) -> Void {
        guard !text.isEmpty else { return }
        print(text)
      }
      """#,
      expandedSource: #"""
        func log(_ text: String) -> Void {
          let __ftCall = FlowTrace._TraceCall(site: "log\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(text)
          }
          __ftCall.entered()
          let _: Void = { () -> Void in
            guard !text.isEmpty else {
              return
            }
            print(text)
          }()
          __ftCall.returningVoid()
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testNeverRunsTheBodyInline() {
    assertMacroExpansion(
      #"""
      @Trace func fail(_ message: String) -> Never {
        fatalError(message)
      }
      """#,
      expandedSource: #"""
        func fail(_ message: String) -> Never {
          let __ftCall = FlowTrace._TraceCall(site: "fail\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(message)
          }
          __ftCall.entered()
          fatalError(message)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testOpaqueResultIsInferred() {
    assertMacroExpansion(
      #"""
      @Trace func shape() -> some Equatable {
        let side = 2
        return side * side
      }
      """#,
      expandedSource: #"""
        func shape() -> some Equatable {
          let __ftCall = FlowTrace._TraceCall(site: "shape\t\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          __ftCall.entered()
          let __ftResult = {
            let side = 2
            return side * side
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testGenericFunction() {
    assertMacroExpansion(
      #"""
      @Trace func largest<T: Comparable>(_ a: T, _ b: T) -> T where T: Sendable { max(a, b) }
      """#,
      expandedSource: #"""
        func largest<T: Comparable>(_ a: T, _ b: T) -> T where T: Sendable {
          let __ftCall = FlowTrace._TraceCall(site: "largest\t_,_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(a)
            __ftCall.argument(b)
          }
          __ftCall.entered()
          let __ftResult = { () -> T in
            max(a, b)
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testMainActorFunction() {
    assertMacroExpansion(
      #"""
      @MainActor @Trace func refresh(count: Int) -> Int { count + 1 }
      """#,
      expandedSource: #"""
        @MainActor func refresh(count: Int) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "refresh\tcount\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(count)
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            count + 1
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testNestedPlainFunctionIsLeftAlone() {
    assertMacroExpansion(
      #"""
      @Trace func outer(_ n: Int) -> Int {
        func helper(_ x: Int) -> Int { x * 2 }
        return helper(n)
      }
      """#,
      expandedSource: #"""
        func outer(_ n: Int) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "outer\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(n)
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            func helper(_ x: Int) -> Int {
              x * 2
            }
            return helper(n)
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testNestedTracedFunctionIsExpandedByTheOuterOne() {
    assertMacroExpansion(
      #"""
      @Trace func outer(_ n: Int) -> Int {
        @Trace(showResult: false) func inner(_ x: Int) -> Int { x * 2 }
        return inner(n)
      }
      """#,
      expandedSource: #"""
        func outer(_ n: Int) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "outer\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(n)
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            func inner(_ x: Int) -> Int {
              let __ftCall = FlowTrace._TraceCall(site: "inner\t_\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags(showResult: false))
              if __ftCall.recordsArguments {
                __ftCall.argument(x)
              }
              __ftCall.entered()
              let __ftResult = { () -> Int in
                x * 2
              }()
              return __ftCall.returning(__ftResult)
            }
            return inner(n)
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testBodyIndentationIsKept() {
    assertMacroExpansion(
      #"""
      struct Text {
        @Trace func banner() -> String {
          let lines = """
            a
              b
            """
          return lines
        }
      }
      """#,
      expandedSource: #"""
        struct Text {
          func banner() -> String {
            let __ftCall = FlowTrace._TraceCall(site: "Text.banner\t\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> String in
              let lines = """
                    a
                      b
                    """
              return lines
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }
}
