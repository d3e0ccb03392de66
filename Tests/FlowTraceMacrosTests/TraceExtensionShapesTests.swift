import FlowTraceMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// Where a traced method lives (protocol extensions, constrained and parameterized extensions
/// of other modules' types, local types) and the qualified name it gets.
final class TraceExtensionShapesTests: XCTestCase {
  func testProtocolExtensionWithSelf() {
    assertMacroExpansion(
      #"""
      extension Scalable {
        @Trace func doubled() -> Self where Self: Equatable { scaled(by: 2) }
      }
      """#,
      expandedSource: #"""
        extension Scalable {
          func doubled() -> Self where Self: Equatable {
            let __ftCall = FlowTrace._TraceCall(site: "Scalable.doubled\t\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Self in
              scaled(by: 2)
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testConstrainedAndParameterizedExtensions() {
    assertMacroExpansion(
      #"""
      extension Array where Element == Int {
        @Trace func total() -> Int { reduce(0, +) }
      }
      @TraceAll extension Array<String> {
        func joinedAll() -> String { joined() }
      }
      extension [String: Int] {
        @Trace func sum() -> Int { values.reduce(0, +) }
      }
      """#,
      expandedSource: #"""
        extension Array where Element == Int {
          func total() -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Array.total\t\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Int in
              reduce(0, +)
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        extension Array<String> {
          func joinedAll() -> String {
            let __ftCall = FlowTrace._TraceCall(site: "Array.joinedAll\t\t?\t0", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> String in
              joined()
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        extension [String: Int] {
          func sum() -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Dictionary.sum\t\tTestModule/test.swift\t8", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Int in
              values.reduce(0, +)
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testLocalTypeMethod() {
    assertMacroExpansion(
      #"""
      func run() -> Int {
        struct Local {
          @Trace func step() -> Int { 1 }
        }
        return Local().step()
      }
      """#,
      expandedSource: #"""
        func run() -> Int {
          struct Local {
            func step() -> Int {
              let __ftCall = FlowTrace._TraceCall(site: "Local.step\t\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
              __ftCall.entered()
              let __ftResult = { () -> Int in
                1
              }()
              return __ftCall.returning(__ftResult)
            }
          }
          return Local().step()
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }
}
