import FlowTraceTestSupport
import FlowTraceText
import FlowTraceWire
import Foundation
import Testing

/// `flowtrace print` (whose fast path renders simple traces itself) against the runtime's
/// `TreeTextPrinter` on random traces.
@Suite struct PrintDifferentialTests {

  /// A random single-thread trace; with `interleave`, a second thread's calls cut in.
  static func randomTrace(_ rng: inout SplitMix, interleave: Bool) -> [TraceEvent] {
    let values = ["1", "\"é✓\"", "", "x y", "[1, 2]", "nil", "\"\\n\""]
    var events: [TraceEvent] = [
      .callSite(CallSite(id: 1, qualifiedName: "f", labels: ["_"], file: "", line: 0)),
      .callSite(CallSite(id: 2, qualifiedName: "Type.g", labels: ["a", "_"], file: "", line: 0)),
      .callSite(CallSite(id: 3, qualifiedName: "h", labels: [], file: "", line: 0)),
      .thread(ThreadInfo(id: 1, name: "main")),
      .thread(ThreadInfo(id: 2, name: "other")),
      .thread(ThreadInfo(id: 3, name: "third")),
    ]
    var nextID: UInt64 = 1
    var clock: UInt64 = 0
    var stacks: [UInt32: [UInt64]] = [1: [], 2: [], 3: []]
    for _ in 0..<Int.random(in: 5...60, using: &rng) {
      let thread: UInt32 = interleave ? UInt32.random(in: 1...3, using: &rng) : 1
      if interleave, Int.random(in: 0..<15, using: &rng) == 0 {
        events.append(.loss(Loss(count: 2, thread: thread, parent: stacks[thread]?.last)))
        continue
      }
      let stack = stacks[thread] ?? []
      clock += UInt64.random(in: 0...5_000_000, using: &rng)
      if stack.isEmpty || (stack.count < 6 && Int.random(in: 0..<3, using: &rng) > 0) {
        let site = UInt32.random(in: 1...3, using: &rng)
        var flags = CollectFlags()
        if Bool.random(using: &rng) { flags.insert(.args) }
        if Bool.random(using: &rng) { flags.insert(.result) }
        if Bool.random(using: &rng) { flags.insert(.timing) }
        let argCount = [1, 2, 0][Int(site) - 1]
        let args =
          flags.contains(.args)
          ? (0..<argCount).map { _ in values.randomElement(using: &rng)! } : nil
        events.append(
          .call(
            CallStart(
              id: nextID, parent: stack.last, site: site, thread: thread, task: 0, flags: flags,
              timestamp: flags.contains(.timing) ? clock : nil, args: args)))
        stacks[thread, default: []].append(nextID)
        nextID += 1
      } else {
        let id = stack[stack.count - 1]
        let roll = Int.random(in: 0..<6, using: &rng)
        if roll == 0 {
          events.append(
            .error(CallError(id: id, type: "E", description: "E(\(id))", disposition: .propagated)))
        } else if roll == 1 {
          events.append(
            .error(CallError(id: id, type: "E", description: "caught \(id)", disposition: .caught)))
        }
        events.append(
          .return(
            CallEnd(
              id: id, timestamp: clock, result: roll == 0 ? nil : values.randomElement(using: &rng))
          ))
        stacks[thread]?.removeLast()
      }
    }
    return events
  }

  @Test(arguments: [false, true])
  func printMatchesTheRuntimePrinter(interleave: Bool) throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var rng = SplitMix(state: interleave ? 99 : 5)
    for round in 0..<25 {
      let events = Self.randomTrace(&rng, interleave: interleave)
      let trace = try CLITraces.write(try CLITraces.binary(events), "r\(round).ftrace", in: dir)
      for depth in [nil, 1, 2, 3] as [Int?] {
        let options = depth.map { ["--depth", String($0)] } ?? []
        let result = try CLIRunner.run(["print", trace] + options)
        let expected = TreeTextPrinter.render(events, options: TreeTextOptions(maxDepth: depth))
        #expect(result.stdout == expected, "round \(round) depth \(depth ?? 0)")
        #expect(result.status == 0)
      }
    }
  }

  /// Filters and colour, on simple traces (the fast path) and interleaved ones (the general
  /// path), against `TreeFilter` + `TreeTextPrinter`.
  @Test(arguments: [false, true])
  func filtersAndColourMatchTheGeneralPrinter(interleave: Bool) throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var rng = SplitMix(state: interleave ? 7 : 11)
    let cases: [([String], TreeTextOptions, TreeTextSelection)] = [
      (["--color", "always"], TreeTextOptions(color: true), TreeTextSelection()),
      (
        ["--include", "f", "--include", "*.g"], TreeTextOptions(),
        TreeTextSelection(include: [Glob("f"), Glob("*.g")])
      ),
      (
        ["--exclude", "h", "--depth", "2"], TreeTextOptions(maxDepth: 2),
        TreeTextSelection(exclude: [Glob("h")])
      ),
      (
        ["--errors", "--color", "always"], TreeTextOptions(color: true),
        TreeTextSelection(errorsOnly: true)
      ),
    ]
    for round in 0..<8 {
      let events = Self.randomTrace(&rng, interleave: interleave)
      let trace = try CLITraces.write(try CLITraces.binary(events), "f\(round).ftrace", in: dir)
      for (arguments, options, selection) in cases {
        let result = try CLIRunner.run(["print", trace] + arguments)
        var filter = TreeFilter(
          selection: selection,
          errorPath: selection.errorsOnly ? TreeFilter.errorPath(of: events) : nil)
        var filtered: [TraceEvent] = []
        for event in events { filter.consume(event) { filtered.append($0) } }
        let expected = TreeTextPrinter.render(filtered, options: options)
        #expect(result.stdout == expected, "round \(round) \(arguments)")
        #expect(result.status == 0)
      }
    }
  }

  /// Interleaved threads cut at a random byte: whatever `flowtrace print` prints is the
  /// general printer's text for the events decoded before the cut.
  @Test func cutInterleavedTracesMatchTheGeneralPrinter() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var rng = SplitMix(state: 31)
    let cases: [([String], TreeTextOptions, TreeTextSelection)] = [
      ([], TreeTextOptions(), TreeTextSelection()),
      (
        ["--depth", "2", "--color", "always", "--exclude", "h"],
        TreeTextOptions(color: true, maxDepth: 2), TreeTextSelection(exclude: [Glob("h")])
      ),
    ]
    for round in 0..<8 {
      let events = Self.randomTrace(&rng, interleave: true)
      var bytes = try CLITraces.binary(events)
      bytes.removeLast(Int.random(in: 1...bytes.count / 3, using: &rng))
      let trace = try CLITraces.write(bytes, "c\(round).ftrace", in: dir)
      let cut = DecodedTrace(binary: bytes)
      for (arguments, options, selection) in cases {
        // A cut inside a record is an error (status 1) after the text before it.
        let result = try CLIRunner.run(
          ["print", trace] + arguments, expectedStatus: cut.error == nil ? 0 : 1)
        var filter = TreeFilter(selection: selection)
        var filtered: [TraceEvent] = []
        for event in cut.events { filter.consume(event) { filtered.append($0) } }
        #expect(
          result.stdout == TreeTextPrinter.render(filtered, options: options),
          "round \(round) \(arguments)")
      }
    }
  }
}
