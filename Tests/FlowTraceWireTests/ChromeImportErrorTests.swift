import FlowTraceWire
import Testing

/// Bad Chrome traces: one error naming the byte offset of the bad event; never a wrong tree.
@Suite struct ChromeImportErrorTests {
  /// The error of importing `json`, which must fail.
  static func error(_ json: String, window: Int = 1 << 20) throws -> TraceFormatError {
    do {
      _ = try ChromeImportRun(json, window: window)
    } catch {
      return error
    }
    Issue.record("no error for \(json)")
    return TraceFormatError(offset: -1, message: "")
  }

  static let good = #"[{"ph":"X","ts":0,"dur":9,"name":"a"},"#

  static let badEvents: [(String, String)] = [
    (#"{"ph":"X","dur":1,"name":"b"}"#, "an event of phase X without \"ts\""),
    (#"{"ph":"X","ts":1,"name":"b"}"#, "an X event without \"dur\""),
    (#"{"ph":"X","ts":1,"dur":-1,"name":"b"}"#, "negative \"dur\""),
    (#"{"ph":"E","ts":1,"tid":3}"#, "no open B event on thread 3"),
    (#"{"ph":"X","ts":"soon","dur":1}"#, "event: expected a number"),
    (#"{"ph":"X","ts":1,"dur":1,"name":"b",}"#, "event: expected a string"),
    (#"{"ph":"X" "ts":1}"#, "event: expected , or } in an event"),
    (#"{"ph":"X","ts":1,"dur":1,"args":{"a":tru}}"#, "event: expected a value"),
    (#"{"ph":"X","ts":5,"dur":10,"name":"over"}"#, "starts inside the one at byte 1"),
  ]

  @Test func badEventIsReportedAtItsOffset() throws {
    for (event, message) in Self.badEvents {
      let json = Self.good + "\n  " + event + "]"
      let error = try Self.error(json)
      #expect(error.offset == Self.good.utf8.count + 3, "\(error)")
      #expect(error.message.contains(message), "\(error)")
      #expect(error.description.hasPrefix("t.json: byte \(Self.good.utf8.count + 3): "))
    }
  }

  @Test(arguments: [1 << 20, 48])
  func truncatedEventIsAnErrorAfterTheEventsBefore(window: Int) throws {
    let json = Self.good + #"{"ph":"X","ts":1,"dur":2,"na"#
    do {
      _ = try ChromeImportRun(json, window: window)
      Issue.record("a cut event must fail")
    } catch {
      #expect(error.offset == Self.good.utf8.count)
      #expect(error.message.contains("the file ends early"))
    }
  }

  @Test func notJSONAtAll() throws {
    let error = try Self.error("FLOWTRC garbage")
    #expect(error.offset == 0)
    #expect(error.message.contains("not a Chrome trace"))
  }

  @Test func objectWithoutCommaBetweenKeys() throws {
    let error = try Self.error(#"{"traceEvents": [] "x": 1}"#)
    #expect(error.offset == 19)
  }
}
