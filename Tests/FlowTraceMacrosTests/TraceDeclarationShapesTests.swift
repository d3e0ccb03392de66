import FlowTraceMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// The declaration shapes of issue 10 (modifiers, isolation, operators, non-copyable types,
/// protocol extensions, `#if`, constrained extensions, local types): the closure shape and the
/// qualified names they expand to.
final class TraceDeclarationShapesTests: XCTestCase {
  func testModifiersAndClassMembers() {
    assertMacroExpansion(
      #"""
      class Node {
        @usableFromInline @Trace final func id() -> Int { 1 }
        @Trace class func make() -> Self { self.init() }
        @Trace required init() {}
      }
      final class Leaf: Node {
        @Trace override func id() -> Int { super.id() + 1 }
        @Trace convenience init(id: Int) { self.init() }
      }
      """#,
      expandedSource: #"""
        class Node {
          @usableFromInline final func id() -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Node.id\t\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Int in
              1
            }()
            return __ftCall.returning(__ftResult)
          }
          class func make() -> Self {
            let __ftCall = FlowTrace._TraceCall(site: "Node.make\t\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Self in
              self.init()
            }()
            return __ftCall.returning(__ftResult)
          }
          required init() {
            let __ftCall = FlowTrace._TraceCall(site: "Node.init\t\tTestModule/test.swift\t4", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            __ftCall.initialized(self)
          }
        }
        final class Leaf: Node {
          override func id() -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Leaf.id\t\tTestModule/test.swift\t7", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Int in
              super.id() + 1
            }()
            return __ftCall.returning(__ftResult)
          }
          convenience init(id: Int) {
            let __ftCall = FlowTrace._TraceCall(site: "Leaf.init\tid\tTestModule/test.swift\t8", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(id)
            }
            __ftCall.entered()
            self.init()
            __ftCall.initialized(self)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testIsolationExistentialsAndDefaults() {
    assertMacroExpansion(
      #"""
      actor Ledger {
        @Trace nonisolated func title() -> String { "ledger" }
      }
      @Trace func record(_ ledger: isolated Ledger, _ area: any Shape, scale: Double = 2) -> any Shape {
        area
      }
      """#,
      expandedSource: #"""
        actor Ledger {
          nonisolated func title() -> String {
            let __ftCall = FlowTrace._TraceCall(site: "Ledger.title\t\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> String in
              "ledger"
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        func record(_ ledger: isolated Ledger, _ area: any Shape, scale: Double = 2) -> any Shape {
          let __ftCall = FlowTrace._TraceCall(site: "record\t_,_,scale\tTestModule/test.swift\t4", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(ledger)
            __ftCall.argument(area)
            __ftCall.argument(scale)
          }
          __ftCall.entered()
          let __ftResult = { () -> any Shape in
            area
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testOperatorsTakeNoLabels() {
    assertMacroExpansion(
      #"""
      extension Money {
        @Trace static prefix func - (value: Money) -> Money { Money(cents: -value.cents) }
        @Trace static postfix func +++ (value: Money) -> Money { value }
      }
      """#,
      expandedSource: #"""
        extension Money {
          static prefix func - (value: Money) -> Money {
            let __ftCall = FlowTrace._TraceCall(site: "Money.-\t_\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(value)
            }
            __ftCall.entered()
            let __ftResult = { () -> Money in
              Money(cents: -value.cents)
            }()
            return __ftCall.returning(__ftResult)
          }
          static postfix func +++ (value: Money) -> Money {
            let __ftCall = FlowTrace._TraceCall(site: "Money.+++\t_\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(value)
            }
            __ftCall.entered()
            let __ftResult = { () -> Money in
              value
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testNonCopyableTypeMethods() {
    assertMacroExpansion(
      #"""
      struct Token: ~Copyable {
        var value: Int
        @Trace borrowing func peek() -> Int { value }
        @Trace consuming func redeem() -> Int { value }
      }
      """#,
      expandedSource: #"""
        struct Token: ~Copyable {
          var value: Int
          borrowing func peek() -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Token.peek\t\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Int in
              value
            }()
            return __ftCall.returning(__ftResult)
          }
          consuming func redeem() -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Token.redeem\t\tTestModule/test.swift\t4", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Int in
              value
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  /// swift-syntax's test expander leaves `#if` clauses alone; the compiler also marks the
  /// members of the active clause (MacroShapesMembersTests runs them).
  func testTraceAllInsideIfConfig() {
    assertMacroExpansion(
      #"""
      @TraceAll struct Conditional {
        #if DEBUG
        func debugOnly() -> Int { 1 }
        #endif
        func always() -> Int { 2 }
      }
      """#,
      expandedSource: #"""
        struct Conditional {
          #if DEBUG
          func debugOnly() -> Int { 1 }
          #endif
          func always() -> Int {
            let __ftCall = FlowTrace._TraceCall(site: "Conditional.always\t\t?\t0", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            let __ftResult = { () -> Int in
              2
            }()
            return __ftCall.returning(__ftResult)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testDeinitializer() {
    assertMacroExpansion(
      #"""
      final class Handle {
        @Trace deinit {
          close()
        }
      }
      """#,
      expandedSource: #"""
        final class Handle {
          deinit {
            let __ftCall = FlowTrace._TraceCall(site: "Handle.deinit\t\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            defer {
              __ftCall.returningVoid()
            }
            close()
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }
}
