// libFuzzer target: the explorer's filter language (`fib -parse* >1ms err depth:5`), and
// the parsed query applied to a small tree (nested timed calls, an error, two threads).
import FlowTraceExplorer
import FlowTraceWire

let sampleTree: CallTree = {
  var encoder = TraceEncoder()
  encoder.header(TraceHeader(pid: 1, program: "fuzz", arguments: [], startWallNanos: 0))
  var events: [TraceEvent] = [
    .callSite(CallSite(id: 1, qualifiedName: "main", labels: [], file: "m.swift", line: 1)),
    .callSite(
      CallSite(id: 2, qualifiedName: "Parser.parse", labels: ["_"], file: "p.swift", line: 2)),
    .thread(ThreadInfo(id: 1, name: "main")), .thread(ThreadInfo(id: 3, name: "worker")),
    .call(
      CallStart(
        id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [.timing], timestamp: 0, args: nil)),
  ]
  for id in UInt64(2)...40 {
    events.append(
      .call(
        CallStart(
          id: id, parent: id - 1, site: 2, thread: id % 2 == 0 ? 1 : 3, task: 0,
          flags: [.timing, .args, .result], timestamp: id * 1_000, args: ["\(id)"])))
  }
  events.append(
    .error(CallError(id: 40, type: "E", description: "E.bad", disposition: .propagated)))
  for id in (UInt64(2)...40).reversed() {
    events.append(
      .return(CallEnd(id: id, timestamp: id * 1_000 + id * id * 10_000, result: "\(id)")))
  }
  events += [.return(CallEnd(id: 1, timestamp: 100_000_000, result: nil)), .end]
  var tree = CallTree()
  do {
    for event in events { try encoder.encode(event) }
    var decoder = TraceDecoder(source: "sample")
    try decoder.feed(encoder.takeBytes(), into: &tree)
  } catch {
    fatalError("sample tree: \(error)")
  }
  return tree
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  do {
    let query = try FilterQuery(parsing: text)
    _ = query.description
    _ = FilterMask(query, tree: sampleTree).visibleCalls
  } catch {
    _ = error.description
  }
  _ = try? Search(text, in: sampleTree).count
  return 0
}
