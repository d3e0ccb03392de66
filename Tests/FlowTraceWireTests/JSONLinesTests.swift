import FlowTraceTestSupport
import FlowTraceWire
import Testing

@Suite struct JSONLinesTests {
  private func jsonl(_ events: [TraceEvent]) -> [UInt8] {
    var encoder = JSONLinesEncoder()
    encoder.header(SampleTraces.header)
    for event in events { encoder.encode(event) }
    return encoder.takeBytes()
  }

  @Test func everyEventKindRoundTrips() throws {
    let bytes = jsonl(SampleTraces.everyKind)
    let (header, events) = try JSONLinesDecoder.decode(bytes, source: "t.jsonl")
    #expect(header == SampleTraces.header)
    #expect(events == SampleTraces.everyKind)
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == SampleTraces.everyKind.count + 1)
  }

  @Test func linesFollowTheDocumentedSchema() {
    let text = String(decoding: jsonl(Array(SampleTraces.everyKind.prefix(6))), as: UTF8.self)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(
      lines[1]
        == #"{"type":"site","id":1,"name":"main","labels":[],"file":"App/main.swift","line":1}"#)
    #expect(lines[4] == #"{"type":"thread","id":1,"name":"main"}"#)
    #expect(
      lines[5] == #"{"type":"call","id":1,"site":1,"thread":1,"collect":["timing"],"ts":100}"#)
    #expect(
      lines[0].hasPrefix(#"{"type":"header","version":1,"pid":4242,"program":"/usr/bin/démo""#))
  }

  /// A task's or loss's parent (and a loss's thread) of 0 means none, as in the binary format,
  /// so a JSON Lines trace reads the same before and after conversion (found by fuzz-jsonl).
  @Test func zeroParentsAndThreadsMeanNone() throws {
    let text = """
      {"type":"header","version":1,"pid":1}
      {"type":"task","id":8,"parent":0,"name":"child"}
      {"type":"loss","count":3,"thread":0,"parent":0}
      {"type":"task","id":9,"parent":4,"name":"other"}
      """
    let (_, events) = try JSONLinesDecoder.decode(Array(text.utf8))
    #expect(
      events == [
        .task(TaskInfo(id: 8, parent: nil, name: "child")),
        .loss(Loss(count: 3, thread: nil, parent: nil)),
        .task(TaskInfo(id: 9, parent: 4, name: "other")),
      ])
  }

  @Test func escapesSurviveAndUnknownKeysAreSkipped() throws {
    let text = """
      {"type":"header","version":1,"pid":-1,"future":{"a":[1,2.5e3,true,null,"x"]}}

      {"type":"thread","id":1,"name":"tab\\there \\"q\\" \\u00e9\\ud83d\\ude00"}
      {"type":"site","id":3,"name":"f","labels":["_"],"extra":null}
      {"type":"call","id":4,"parent":null,"site":3,"thread":1,"collect":["args"],"args":["a\\nb"]}
      {"type":"return","id":4}
      """
    let (header, events) = try JSONLinesDecoder.decode(Array(text.utf8))
    #expect(header.pid == -1)
    #expect(events[0] == .thread(ThreadInfo(id: 1, name: "tab\there \"q\" é😀")))
    #expect(
      events[2]
        == .call(
          CallStart(
            id: 4, parent: nil, site: 3, thread: 1, task: 0, flags: [.args], timestamp: nil,
            args: ["a\nb"])))
  }

  /// Decodes `lines` after a valid header and site/thread definitions; returns the error.
  private let prologue = [
    #"{"type":"header","version":1}"#, #"{"type":"site","id":1,"name":"f"}"#,
    #"{"type":"thread","id":1,"name":"main"}"#,
  ]

  private func error(_ lines: [String]) -> TraceFormatError? {
    let text = (prologue + lines).joined(separator: "\n") + "\n"
    do {
      _ = try JSONLinesDecoder.decode(Array(text.utf8), source: "in.jsonl")
      return nil
    } catch {
      return error
    }
  }

  @Test func syntaxErrorsNameTheLineAndByte() {
    let e = error([#"{"type":"call","id":1,"site":1,"thread":1 "collect":[]}"#])
    #expect(e?.line == 4)
    let lineStart = prologue.joined(separator: "\n").utf8.count + 1
    #expect(e?.offset == lineStart + 42)
    #expect(
      e?.description == "in.jsonl: line 4, byte \(lineStart + 42): expected , or } in an object")
  }

  @Test func schemaAndReferenceErrorsAreNamed() {
    #expect(error([#"{"type":"call","id":1,"thread":1}"#])?.message == #"missing "site""#)
    #expect(
      error([#"{"type":"call","id":1,"site":2,"thread":1}"#])?.message
        == "call site 2 is not defined")
    #expect(error([#"{"type":"return","id":1}"#])?.message == "return of call 1, which is not open")
    #expect(error([#"{"type":"bogus"}"#])?.message == #"unknown event type "bogus""#)
    #expect(
      error([#"{"type":"call","id":1.5,"site":1,"thread":1}"#])?.message == "id must be an integer")
    #expect(error([#"{"type":"end"}"#, #"{"type":"end"}"#])?.line == 5)
    #expect(
      error([#"{"type":"thread","id":1,"name":"a"} x"#])?.message
        == "unexpected text after the object")
    #expect(
      error([#"{"type":"call","id":1,"site":1,"thread":1,"task":4}"#])?.message
        == "task 4 is not defined")
    let nested = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect(error([#"{"type":"end","x":"# + nested + "}"])?.message == "value nested too deeply")
  }

  @Test func nonLIFOReturnsAreRefused() {
    let e = error([
      #"{"type":"call","id":1,"site":1,"thread":1}"#,
      #"{"type":"call","id":2,"parent":1,"site":1,"thread":1}"#,
      #"{"type":"return","id":1}"#,
    ])
    #expect(e?.message == "return of call 1 while a call inside it is still open")
    #expect(e?.line == 6)
  }

  @Test func aMissingHeaderIsAnError() {
    let text = #"{"type":"end"}"#
    #expect(throws: TraceFormatError.self) { try JSONLinesDecoder.decode(Array(text.utf8)) }
    #expect(throws: TraceFormatError.self) { try JSONLinesDecoder.decode([]) }
  }
}

@Suite struct JSONLinesRobustnessTests {
  @Test func mutatedLinesNeverCrashAndNameALine() {
    var encoder = JSONLinesEncoder()
    encoder.header(SampleTraces.header)
    for event in SampleTraces.everyKind { encoder.encode(event) }
    let bytes = encoder.takeBytes()
    let lineCount = bytes.filter { $0 == 0x0A }.count
    var rng = SplitMix(state: 11)
    let alphabet = Array(#"{}[]":,\0123456789 -.eE"nultrufas"#.utf8) + [0x0A, 0xFF, 0x00]
    var failures = 0
    for _ in 0..<1500 {
      var mutated = bytes
      for _ in 0..<Int.random(in: 1...3, using: &rng) {
        let i = Int.random(in: 0..<mutated.count, using: &rng)
        mutated[i] = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
      }
      do {
        _ = try JSONLinesDecoder.decode(mutated, source: "m.jsonl")
      } catch {
        failures += 1
        #expect(error.line.map { $0 >= 1 && $0 <= lineCount + 2 } == true)
        #expect(error.offset >= 0 && error.offset <= mutated.count)
        #expect(!error.description.contains("\n"))
      }
    }
    #expect(failures > 500)
  }
}
