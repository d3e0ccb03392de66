import FlowTraceMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// Result-builder functions and initializers that record what they made (issue 10).
final class TraceBuilderAndInitTests: XCTestCase {
  func testResultBuilderBodyRunsInALocalFunctionWithTheBuilder() {
    assertMacroExpansion(
      #"""
      @Lines @Trace func poem(_ rhyme: Bool) -> [String] {
        "roses"
        if rhyme { "violets" }
      }
      """#,
      expandedSource: #"""
        @Lines func poem(_ rhyme: Bool) -> [String] {
          let __ftCall = FlowTrace._TraceCall(site: "poem\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(rhyme)
          }
          __ftCall.entered()
          @Lines func __ftBody() -> [String] {
            "roses"
            if rhyme {
              "violets"
            }
          }
          let __ftResult = __ftBody()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testThrowingAsyncBuilderKeepsItsEffects() {
    assertMacroExpansion(
      #"""
      struct Screen {
        @ViewBuilder @MainActor @Trace func body() async throws(LoadError) -> some View {
          Text("a")
        }
      }
      """#,
      expandedSource: #"""
        struct Screen {
          @ViewBuilder @MainActor func body() async throws(LoadError) -> some View {
            let __ftCall = FlowTrace._TraceCall(site: "Screen.body\t\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            __ftCall.entered()
            @ViewBuilder func __ftBody() async throws(LoadError) -> some View {
              Text("a")
            }
            do throws(LoadError) {
              let __ftResult = try await __ftCall.withTaskScope(isolation: #isolation) { () async throws(LoadError) in
                try await __ftBody()
              }
              return __ftCall.returning(__ftResult)
            } catch {
              __ftCall.throwing(error)
              throw error
            }
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testAttributesThatAreNotBuildersKeepTheClosure() {
    assertMacroExpansion(
      #"""
      @inlinable @discardableResult @_disfavoredOverload @MainActor @Trace
      public func bump(_ x: Int) -> Int { x + 1 }
      """#,
      expandedSource: #"""
        @inlinable @discardableResult @_disfavoredOverload @MainActor
        public func bump(_ x: Int) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "bump\t_\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(x)
          }
          __ftCall.entered()
          let __ftResult = { () -> Int in
            x + 1
          }()
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testInitializerRecordsSelfAtEveryExit() {
    assertMacroExpansion(
      #"""
      struct Money {
        var cents: Int
        @Trace init(cents: Int) {
          if cents == 0 {
            self.cents = 0
            return
          }
          let closure = { () -> Int in return 1 }
          self.cents = cents * closure()
        }
      }
      """#,
      expandedSource: #"""
        struct Money {
          var cents: Int
          init(cents: Int) {
            let __ftCall = FlowTrace._TraceCall(site: "Money.init\tcents\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(cents)
            }
            __ftCall.entered()
            if cents == 0 {
              self.cents = 0
              __ftCall.initialized(self)
              return
            }
            let closure = { () -> Int in
              return 1
            }
            self.cents = cents * closure()
            __ftCall.initialized(self)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testFailableInitializerRecordsNilWhenItFails() {
    assertMacroExpansion(
      #"""
      struct Money {
        var cents: Int
        @Trace init?(text: String) {
          guard let cents = Int(text) else { return nil }
          self.cents = cents
        }
      }
      """#,
      expandedSource: #"""
        struct Money {
          var cents: Int
          init?(text: String) {
            let __ftCall = FlowTrace._TraceCall(site: "Money.init\ttext\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(text)
            }
            __ftCall.entered()
            var __ftSucceeded = false
            defer {
              if !__ftSucceeded {
                __ftCall.initializerFailed()
              }
            }
            guard let cents = Int(text) else {
              return nil
            }
            self.cents = cents
            __ftSucceeded = true
            __ftCall.initialized(self)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testThrowingFailableInitializer() {
    assertMacroExpansion(
      #"""
      final class Wallet {
        let cents: Int
        @Trace init!(text: String) throws {
          if text.isEmpty { throw WalletError.empty }
          guard let cents = Int(text) else { return nil }
          self.cents = cents
        }
      }
      """#,
      expandedSource: #"""
        final class Wallet {
          let cents: Int
          init!(text: String) throws {
            let __ftCall = FlowTrace._TraceCall(site: "Wallet.init\ttext\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(text)
            }
            __ftCall.entered()
            var __ftSucceeded = false
            defer {
              if !__ftSucceeded {
                __ftCall.initializerFailed()
              }
            }
            do {
              if text.isEmpty {
                throw WalletError.empty
              }
              guard let cents = Int(text) else {
                return nil
              }
              self.cents = cents
            } catch {
              __ftSucceeded = true
              __ftCall.throwing(error)
              throw error
            }
            __ftSucceeded = true
            __ftCall.initialized(self)
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testInitializerEndingInAReturnAddsNoUnreachableCode() {
    assertMacroExpansion(
      #"""
      struct Flag {
        var on: Bool
        @Trace init(on: Bool) {
          self.on = on
          return
        }
      }
      """#,
      expandedSource: #"""
        struct Flag {
          var on: Bool
          init(on: Bool) {
            let __ftCall = FlowTrace._TraceCall(site: "Flag.init\ton\tTestModule/test.swift\t3", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(on)
            }
            __ftCall.entered()
            self.on = on
            __ftCall.initialized(self)
            return
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testInitializerThatAlwaysFailsNeedsNoFlag() {
    assertMacroExpansion(
      #"""
      struct Never0 {
        @Trace init?(reason: String) { return nil }
      }
      """#,
      expandedSource: #"""
        struct Never0 {
          init?(reason: String) {
            let __ftCall = FlowTrace._TraceCall(site: "Never0.init\treason\tTestModule/test.swift\t2", flags: FlowTrace._TraceFlags())
            if __ftCall.recordsArguments {
              __ftCall.argument(reason)
            }
            __ftCall.entered()
            defer {
              __ftCall.initializerFailed()
            }
            return nil
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }
}
