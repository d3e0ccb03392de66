// libFuzzer target: the binary trace decoder feeding the explorer's call tree.
//
// The input is cut in three at points taken from its first two bytes, so the incremental
// path (records split across `feed` calls) is exercised as well as the whole-buffer one.
import FlowTraceExplorer
import FlowTraceWire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard bytes.count >= 2 else { return 0 }
  let body = Array(bytes[2...])
  let first = body.isEmpty ? 0 : Int(bytes[0]) % (body.count + 1)
  let second = first + (body.count - first == 0 ? 0 : Int(bytes[1]) % (body.count - first + 1))
  var tree = CallTree()
  var decoder = TraceDecoder(source: "fuzz")
  do {
    try decoder.feed(Array(body[..<first]), into: &tree)
    try decoder.feed(Array(body[first..<second]), into: &tree)
    try decoder.feed(Array(body[second...]), into: &tree)
    try decoder.finish()
  } catch {
    _ = error.description
  }
  // Whatever was decoded must be readable by the explorer.
  for node in 0..<min(tree.count, 2_000) {
    _ = tree.rowText(of: node)
    _ = tree.breadcrumb(of: node)
    _ = tree.timing(of: node)
    _ = tree.exceptionChain(of: node)
    _ = tree.slowestChild(of: node)
  }
  if let query = try? FilterQuery(parsing: "err >1us depth:3 thread:1 -x*") {
    _ = FilterMask(query, tree: tree).visibleCalls
  }
  _ = try? Search("a", in: tree).count
  return 0
}
