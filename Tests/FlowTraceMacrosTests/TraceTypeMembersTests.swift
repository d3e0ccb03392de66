import FlowTraceMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// Qualified names and shapes of methods, initializers and deinitializers.
final class TraceTypeMembersTests: XCTestCase {
  func testStructMethodsMutatingAndStatic() {
    assertMacroExpansion(
      #"""
      struct Calc {
        var total = 0
        @Trace mutating func add(_ n: Int) -> Int {
          total += n
          return total
        }
        @Trace static func zero() -> Calc { Calc() }
      }
      """#,
      expandedSource: #"""
        struct Calc {
          var total = 0
          mutating func add(_ n: Int) -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Calc.add\t_\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(n)
            }
            __ftCall.entered()
            let __ftResult = { () -> Int in
              total += n
              return total
            }()
            return __ftCall.returning(__ftResult)
          }
          static func zero() -> Calc {
            let __ftCall = FlowTrace._TraceCall(site: "Calc.zero\t\tTestModule/test.swift\t7", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Calc in
              Calc()
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testClassEnumAndActorMethods() {
    assertMacroExpansion(
      #"""
      final class Account {
        @Trace func balance() -> Int { 0 }
      }
      enum Light {
        case red
        @Trace func next() -> Light { .red }
      }
      actor Box {
        @Trace func count() async -> Int { 0 }
      }
      """#,
      expandedSource: #"""
        final class Account {
          func balance() -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Account.balance\t\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Int in
              0
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        enum Light {
          case red
          func next() -> Light {
            let __ftCall = FlowTrace._TraceCall(site: "Light.next\t\tTestModule/test.swift\t6", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Light in
              .red
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        actor Box {
          func count() async -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Box.count\t\tTestModule/test.swift\t9", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = await __ftCall.withTaskScope(isolation: #isolation) { () async -> Int in
              0
            }
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testNestedTypesAndExtensions() {
    assertMacroExpansion(
      #"""
      struct Outer {
        struct Inner {
          @Trace func depth() -> Int { 2 }
        }
      }
      extension Outer.Inner {
        @Trace func more() -> Int { 3 }
      }
      """#,
      expandedSource: #"""
        struct Outer {
          struct Inner {
            func depth() -> Int {
              let __ftCall = FlowTrace._TraceCall(site: "Outer.Inner.depth\t\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
              __ftCall.entered()
              let __ftResult = { () -> Int in
                2
              }()
              return __ftCall.returning(__ftResult)
            }
          }
        }
        extension Outer.Inner {
          func more() -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Outer.Inner.more\t\tTestModule/test.swift\t7", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Int in
              3
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testInitializerRecordsWhatItMade() {
    assertMacroExpansion(
      #"""
      struct Point {
        let x: Int
        @Trace init(x: Int) {
          self.x = x
        }
      }
      """#,
      expandedSource: #"""
        struct Point {
          let x: Int
          init(x: Int) {
            let __ftCall = FlowTrace._TraceCall(site: "Point.init\tx\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(x)
            }
            __ftCall.entered()
            self.x = x
            __ftCall.initialized(self)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testThrowingInitializer() {
    assertMacroExpansion(
      #"""
      struct Port {
        let number: Int
        @Trace init(_ text: String) throws(ParseError) {
          guard let number = Int(text) else { throw .notANumber }
          self.number = number
        }
      }
      """#,
      expandedSource: #"""
        struct Port {
          let number: Int
          init(_ text: String) throws(ParseError) {
            let __ftCall = FlowTrace._TraceCall(site: "Port.init\t_\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(text)
            }
            __ftCall.entered()
            do throws(ParseError) {
              guard let number = Int(text) else {
                throw .notANumber
              }
              self.number = number
            } catch {
              __ftCall.throwing(error)
              throw error
            }
            __ftCall.initialized(self)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testOperatorsHaveNoLabels() {
    assertMacroExpansion(
      #"""
      struct Money {
        @Trace static func + (lhs: Money, rhs: Money) -> Money { lhs }
      }
      """#,
      expandedSource: #"""
        struct Money {
          static func + (lhs: Money, rhs: Money) -> Money {
            let __ftCall = FlowTrace._TraceCall(site: "Money.+\t_,_\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(lhs)
              __ftCall.argument(rhs)
            }
            __ftCall.entered()
            let __ftResult = { () -> Money in
              lhs
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testLocalFunctionsAndLocalTypesInAMethod() {
    assertMacroExpansion(
      #"""
      struct Calc {
        @Trace func run() -> Int {
          struct Local {
            @Trace func step() -> Int { 1 }
          }
          @Trace func helper() -> Int { 2 }
          return Local().step() + helper()
        }
      }
      """#,
      expandedSource: #"""
        struct Calc {
          func run() -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Calc.run\t\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Int in
              struct Local {
                func step() -> Int {
                  let __ftCall = FlowTrace._TraceCall(site: "Local.step\t\tTestModule/test.swift\t4", flags: FlowTrace._TraceFlags())
                  __ftCall.entered()
                  let __ftResult = { () -> Int in
                    1
                  }()
                  return __ftCall.returning(__ftResult)
                }
              }
              func helper() -> Int {
                let __ftCall = FlowTrace._TraceCall(site: "helper\t\tTestModule/test.swift\t6", flags: FlowTrace._TraceFlags())
                __ftCall.entered()
                let __ftResult = { () -> Int in
                  2
                }()
                return __ftCall.returning(__ftResult)
              }
              return Local().step() + helper()
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
