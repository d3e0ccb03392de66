import FlowTraceWire

/// Traces the tests encode and decode.
enum SampleTraces {
  static let header = TraceHeader(
    pid: 4242, program: "/usr/bin/démo", arguments: ["--n", "3", "ünïcode ✓"],
    startWallNanos: 1_764_230_400_123_456_789, clock: .monotonic, clockResolutionNanos: 1)

  /// Every record kind and every compact/explicit form: two threads, tasks, id gaps, explicit
  /// parents, a return on another stack, both error dispositions, a loss, long strings.
  static let everyKind: [TraceEvent] = [
    .callSite(CallSite(id: 1, qualifiedName: "main", labels: [], file: "App/main.swift", line: 1)),
    .callSite(CallSite(id: 2, qualifiedName: "fib", labels: ["_"], file: "App/Fib.swift", line: 3)),
    .callSite(
      CallSite(
        id: 70000, qualifiedName: "Parser.Token.init", labels: ["kind", "_"], file: "P.swift",
        line: 99_999)
    ),
    .thread(ThreadInfo(id: 1, name: "main")),
    .call(
      CallStart(
        id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [.timing], timestamp: 100, args: nil
      )),
    .call(
      CallStart(
        id: 2, parent: 1, site: 2, thread: 1, task: 0, flags: [.args, .result, .timing],
        timestamp: 150, args: ["3"])),
    .return(CallEnd(id: 2, timestamp: 140, result: "2")),  // a clock that went backwards
    .thread(ThreadInfo(id: 2, name: "worker \"2\"\n")),
    .task(TaskInfo(id: 7, parent: nil, name: "root task")),
    .task(TaskInfo(id: 8, parent: 7, name: "child ✓")),
    .call(
      CallStart(
        id: 5, parent: 1, site: 70000, thread: 2, task: 7, flags: [.args], timestamp: nil,
        args: ["\u{1}", String(repeating: "x", count: 300)])),
    .call(
      CallStart(id: 6, parent: 5, site: 2, thread: 2, task: 8, flags: [], timestamp: nil, args: nil)
    ),
    .call(
      CallStart(id: 7, parent: 6, site: 2, thread: 1, task: 8, flags: [], timestamp: nil, args: nil)
    ),
    .error(
      CallError(
        id: 7, type: "BadInput", description: "BadInput(value: 1)", disposition: .propagated)),
    .return(CallEnd(id: 7, timestamp: nil, result: nil)),
    .error(
      CallError(id: 6, type: "BadInput", description: "BadInput(value: 1)", disposition: .caught)),
    .error(CallError(id: 1, type: "Other", description: "", disposition: .caught)),
    .loss(Loss(count: 12345, thread: 2, parent: 5)),
    .loss(Loss(count: 1, thread: nil, parent: nil)),
    .return(CallEnd(id: 6, timestamp: nil, result: "")),
    .return(CallEnd(id: 5, timestamp: UInt64.max, result: String(repeating: "é", count: 100))),
    .call(
      CallStart(
        id: 8, parent: nil, site: 1, thread: 1, task: 0, flags: [.timing], timestamp: 0, args: [])),
    .return(CallEnd(id: 8, timestamp: 1, result: nil)),
    .return(CallEnd(id: 1, timestamp: 1_000_000_000_000, result: nil)),
    .end,
  ]

  /// The events of a traced recursive fib(n) on one thread (structure only, or with timing).
  static func fib(_ n: Int, timing: Bool = false) -> [TraceEvent] {
    var events: [TraceEvent] = [
      .callSite(CallSite(id: 1, qualifiedName: "fib", labels: ["_"], file: "Fib.swift", line: 1)),
      .thread(ThreadInfo(id: 1, name: "main")),
    ]
    var nextID: UInt64 = 1
    var clock: UInt64 = 0
    func visit(_ k: Int, parent: UInt64?) {
      let id = nextID
      nextID += 1
      clock += 37
      events.append(
        .call(
          CallStart(
            id: id, parent: parent, site: 1, thread: 1, task: 0, flags: timing ? [.timing] : [],
            timestamp: timing ? clock : nil, args: nil)))
      if k >= 2 {
        visit(k - 1, parent: id)
        visit(k - 2, parent: id)
      }
      clock += 41
      events.append(.return(CallEnd(id: id, timestamp: timing ? clock : nil, result: nil)))
    }
    visit(n, parent: nil)
    events.append(.end)
    return events
  }

  /// Encodes `events` after `header`.
  static func encode(_ events: [TraceEvent], header: TraceHeader = header) throws -> [UInt8] {
    var encoder = TraceEncoder()
    encoder.header(header)
    for event in events { try encoder.encode(event) }
    return encoder.takeBytes()
  }

  /// Offsets where each record of an encoded trace starts, and the end (record boundaries).
  static func recordBoundaries(_ bytes: [UInt8]) -> [Int] {
    let headerLength =
      Int(bytes[10]) | Int(bytes[11]) << 8 | Int(bytes[12]) << 16 | Int(bytes[13]) << 24
    var position = 14 + headerLength
    var boundaries = [position]
    while position < bytes.count {
      var length = 0
      var shift = 0
      var i = position + 1
      while true {
        length |= Int(bytes[i] & 0x7F) << shift
        i += 1
        if bytes[i - 1] < 0x80 { break }
        shift += 7
      }
      position = i + length
      boundaries.append(position)
    }
    return boundaries
  }
}
