import FlowTraceMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

/// Expansion shapes for throws, typed throws, rethrows and async bodies.
final class TraceEffectsTests: XCTestCase {
  func testThrowsRecordsAndRethrows() {
    assertMacroExpansion(
      #"""
      @Trace func boom(_ x: Int) throws -> Int {
        throw BadInput(value: x)
      }
      """#,
      expandedSource: #"""
        func boom(_ x: Int) throws -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "boom\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(x)
          }
          __ftCall.entered()
          do {
            let __ftResult = try { () throws -> Int in
              throw BadInput(value: x)
            }()
            return __ftCall.returning(__ftResult)
          } catch {
            __ftCall.throwing(error)
            throw error
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testThrowsVoid() {
    assertMacroExpansion(
      #"""
      @Trace func check(_ x: Int) throws {
        if x < 0 { throw BadInput(value: x) }
      }
      """#,
      expandedSource: #"""
        func check(_ x: Int) throws {
          let __ftCall = FlowTrace._TraceCall(site: "check\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(x)
          }
          __ftCall.entered()
          do {
            try { () throws -> Void in
              if x < 0 {
                throw BadInput(value: x)
              }
            }()
          } catch {
            __ftCall.throwing(error)
            throw error
          }
          __ftCall.returningVoid()
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testTypedThrowsKeepsTheType() {
    assertMacroExpansion(
      #"""
      @Trace func parse(_ text: String) throws(ParseError) -> Int {
        guard let value = Int(text) else { throw .notANumber }
        return value
      }
      """#,
      expandedSource: #"""
        func parse(_ text: String) throws(ParseError) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "parse\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(text)
          }
          __ftCall.entered()
          do throws(ParseError) {
            let __ftResult = try { () throws(ParseError) -> Int in
              guard let value = Int(text) else {
                throw .notANumber
              }
              return value
            }()
            return __ftCall.returning(__ftResult)
          } catch {
            __ftCall.throwing(error)
            throw error
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testRethrows() {
    assertMacroExpansion(
      #"""
      @Trace func count(_ values: [Int], _ check: (Int) throws -> Bool) rethrows -> Int {
        try values.filter(check).count
      }
      """#,
      expandedSource: #"""
        func count(_ values: [Int], _ check: (Int) throws -> Bool) rethrows -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "count\t_,_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(values)
            __ftCall.argumentPlaceholder("<closure>")
          }
          __ftCall.entered()
          do {
            let __ftResult = try { () throws -> Int in
              try values.filter(check).count
            }()
            return __ftCall.returning(__ftResult)
          } catch {
            __ftCall.throwing(error)
            throw error
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testAsyncRunsInTheTaskScope() {
    assertMacroExpansion(
      #"""
      @Trace func load(_ id: Int) async -> String {
        await fetch(id)
      }
      """#,
      expandedSource: #"""
        func load(_ id: Int) async -> String {
          let __ftCall = FlowTrace._TraceCall(site: "load\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(id)
          }
          __ftCall.entered()
          let __ftResult = await __ftCall.withTaskScope(isolation: #isolation) { () async -> String in
            await fetch(id)
          }
          return __ftCall.returning(__ftResult)
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testAsyncVoid() {
    assertMacroExpansion(
      #"""
      @Trace func save() async {
        await store.flush()
      }
      """#,
      expandedSource: #"""
        func save() async {
          let __ftCall = FlowTrace._TraceCall(site: "save\t\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          __ftCall.entered()
          await __ftCall.withTaskScope(isolation: #isolation) { () async -> Void in
            await store.flush()
          }
          __ftCall.returningVoid()
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testAsyncThrows() {
    assertMacroExpansion(
      #"""
      @Trace func download(from url: String) async throws -> Data {
        try await client.get(url)
      }
      """#,
      expandedSource: #"""
        func download(from url: String) async throws -> Data {
          let __ftCall = FlowTrace._TraceCall(site: "download\tfrom\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(url)
          }
          __ftCall.entered()
          do {
            let __ftResult = try await __ftCall.withTaskScope(isolation: #isolation) { () async throws -> Data in
              try await client.get(url)
            }
            return __ftCall.returning(__ftResult)
          } catch {
            __ftCall.throwing(error)
            throw error
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }

  func testAsyncTypedThrows() {
    assertMacroExpansion(
      #"""
      @Trace func decode(_ text: String) async throws(ParseError) -> Int {
        try await parser.decode(text)
      }
      """#,
      expandedSource: #"""
        func decode(_ text: String) async throws(ParseError) -> Int {
          let __ftCall = FlowTrace._TraceCall(site: "decode\t_\tTestModule/test.swift\t1", flags: FlowTrace._TraceFlags())
          if __ftCall.recordsArguments {
            __ftCall.argument(text)
          }
          __ftCall.entered()
          do throws(ParseError) {
            let __ftResult = try await __ftCall.withTaskScope(isolation: #isolation) { () async throws(ParseError) -> Int in
              try await parser.decode(text)
            }
            return __ftCall.returning(__ftResult)
          } catch {
            __ftCall.throwing(error)
            throw error
          }
        }
        """#,
      macros: testMacros,
      indentationWidth: .spaces(2)
    )
  }
}
