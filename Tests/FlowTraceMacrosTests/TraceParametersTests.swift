import FlowTraceMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// How each kind of parameter is recorded: labels, inout, variadic, closures, ownership.
final class TraceParametersTests: XCTestCase {
  func testLabelsOfEveryKind() {
    assertMacroExpansion(
      #"""
      @Trace func move(_ dx: Int, by dy: Int, to target: String, z: Int) {}
      """#,
      expandedSource: #"""
        func move(_ dx: Int, by dy: Int, to target: String, z: Int) {
          let __ftCall = FlowTrace._TraceCall(site: "move\t_,by,to,z\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(dx)
            __ftCall.argument(dy)
            __ftCall.argument(target)
            __ftCall.argument(z)
          }
          __ftCall.entered()
          let _: Void = { () -> Void in
          }()
          __ftCall.returningVoid()
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testInoutIsRecordedAtEntry() {
    assertMacroExpansion(
      #"""
      @Trace func bump(_ value: inout Int) {
        value += 1
      }
      """#,
      expandedSource: #"""
        func bump(_ value: inout Int) {
          let __ftCall = FlowTrace._TraceCall(site: "bump\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(value)
          }
          __ftCall.entered()
          let _: Void = { () -> Void in
            value += 1
          }()
          __ftCall.returningVoid()
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testVariadic() {
    assertMacroExpansion(
      #"""
      @Trace func sum(_ values: Int...) -> Int { values.reduce(0, +) }
      """#,
      expandedSource: #"""
        func sum(_ values: Int...) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "sum\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(values)
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            values.reduce(0, +)
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testClosuresArePlaceholders() {
    assertMacroExpansion(
      #"""
      @Trace func apply(_ f: (Int) -> Int, later: @escaping () -> Void, maybe: (() -> Int)?, _ n: Int) -> Int {
        f(n)
      }
      """#,
      expandedSource: #"""
        func apply(_ f: (Int) -> Int, later: @escaping () -> Void, maybe: (() -> Int)?, _ n: Int) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "apply\t_,later,maybe,_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argumentPlaceholder("<closure>")
            __ftCall.argumentPlaceholder("<closure>")
            __ftCall.argumentPlaceholder("<closure>")
            __ftCall.argument(n)
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            f(n)
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testAutoclosureIsNeverEvaluated() {
    assertMacroExpansion(
      #"""
      @Trace func pick(_ flag: Bool, _ fallback: @autoclosure () -> Int) -> Int {
        flag ? 1 : fallback()
      }
      """#,
      expandedSource: #"""
        func pick(_ flag: Bool, _ fallback: @autoclosure () -> Int) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "pick\t_,_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(flag)
            __ftCall.argumentPlaceholder("<closure>")
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            flag ? 1 : fallback()
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testUnnamedParameterIsAPlaceholder() {
    assertMacroExpansion(
      #"""
      @Trace func ignore(_: Int, kept: Int) -> Int { kept }
      """#,
      expandedSource: #"""
        func ignore(_: Int, kept: Int) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "ignore\t_,kept\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argumentPlaceholder("_")
            __ftCall.argument(kept)
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            kept
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testBorrowingIsAPlaceholder() {
    assertMacroExpansion(
      #"""
      @Trace func peek(_ ticket: borrowing Ticket) -> Int { ticket.number }
      """#,
      expandedSource: #"""
        func peek(_ ticket: borrowing Ticket) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "peek\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argumentPlaceholder("<borrowed>")
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            ticket.number
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testConsumingRunsTheBodyInline() {
    assertMacroExpansion(
      #"""
      @Trace func redeem(_ ticket: consuming Ticket) -> Int {
        let owned = ticket
        return owned.number
      }
      """#,
      expandedSource: #"""
        func redeem(_ ticket: consuming Ticket) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "redeem\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argumentPlaceholder("<consumed>")
          }
          __ftCall.entered()
          defer {
            __ftCall.returningVoid()
          }
          let owned = ticket
          return owned.number
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testGenericNoncopyable() {
    assertMacroExpansion(
      #"""
      @Trace func inspect<T: ~Copyable>(_ value: borrowing T) -> Int { 0 }
      """#,
      expandedSource: #"""
        func inspect<T: ~Copyable>(_ value: borrowing T) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "inspect\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argumentPlaceholder("<borrowed>")
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            0
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testParameterPackIsAPlaceholder() {
    assertMacroExpansion(
      #"""
      @Trace func count<each T>(_ values: repeat each T) -> Int { 0 }
      """#,
      expandedSource: #"""
        func count<each T>(_ values: repeat each T) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "count\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argumentPlaceholder("<pack>")
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            0
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }
}
