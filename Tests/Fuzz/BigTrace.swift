// Writes a large binary trace for the scale checks of RELIABILITY.md: EVENTS call+return
// records over SITES distinct functions, nested 1-8 deep, with Int arguments and results.
//
//   swiftc -O -parse-as-library Sources/FlowTraceWire/**/*.swift Tests/Fuzz/BigTrace.swift \
//     -module-name BigTrace -o .build/big-trace && .build/big-trace OUT [EVENTS] [SITES]
#if canImport(Glibc)
  import Glibc
#endif

@main
enum BigTrace {
  static func main() throws {
    let args = CommandLine.arguments
    guard args.count >= 2 else {
      print("usage: big-trace OUT [EVENTS=20000000] [SITES=100000]")
      exit(2)
    }
    let events = args.count > 2 ? Int(args[2]) ?? 20_000_000 : 20_000_000
    let sites = args.count > 3 ? UInt32(args[3]) ?? 100_000 : 100_000
    guard let file = fopen(args[1], "wb") else { exit(1) }
    defer { fclose(file) }
    var encoder = TraceEncoder(capacity: 1 << 22)
    encoder.header(
      TraceHeader(pid: 1, program: "big-trace", arguments: [], startWallNanos: 0))
    for id in 1...sites {
      encoder.callSite(
        CallSite(id: id, qualifiedName: "Module\(id % 97).function\(id)", labels: ["_"],
          file: "Generated\(id % 1000).swift", line: id))
    }
    encoder.thread(id: 1, name: "main")
    var written = 0
    var next: UInt64 = 1
    var stack: [UInt64] = []
    var clock: UInt64 = 0
    var site: UInt32 = 0
    while written < events {
      clock += 7
      // Open calls until a depth derived from the id, then close one.
      if stack.count < Int(next % 8) + 1 {
        site = site % sites + 1
        try encoder.call(
          id: next, parent: stack.last, site: site, thread: 1, task: 0,
          flags: [.args, .result, .timing], timestamp: clock, args: ["\(next % 1000)"])
        stack.append(next)
        next += 1
      } else if let id = stack.popLast() {
        try encoder.return(id: id, timestamp: clock, result: "\(id % 10)")
      }
      written += 1
      if encoder.bytes.count > 1 << 21 {
        encoder.drain { raw in _ = fwrite(raw.baseAddress, 1, raw.count, file) }
      }
    }
    while let id = stack.popLast() { try encoder.return(id: id, timestamp: clock, result: nil) }
    encoder.end()
    encoder.drain { raw in _ = fwrite(raw.baseAddress, 1, raw.count, file) }
  }
}
