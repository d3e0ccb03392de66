import FlowTraceExplorer
import FlowTraceWire
import Testing

@Suite("Live clock")
struct LiveClockTests {
  @Test func runningCallsTickUntilTheProgramEnds() {
    var tree = CallTree()
    let program = tree.addProgram(ProgramInfo(name: "p", pid: 1, connectedAt: 1))
    tree.append(
      .callSite(CallSite(id: 1, qualifiedName: "slow", labels: [], file: "", line: 0)),
      from: program)
    tree.append(
      .call(
        CallStart(
          id: 1, parent: nil, site: 1, thread: 1, task: 0, flags: [.timing], timestamp: 100,
          args: nil)), from: program)
    let call = tree.count - 1
    #expect(tree.elapsed(of: call) == 0)
    tree.advanceClock(program: program, to: 5_100)
    #expect(tree.elapsed(of: call) == 5_000)
    tree.advanceClock(program: program, to: 4_000)  // never backwards
    #expect(tree.elapsed(of: call) == 5_000)
    tree.disconnect(program: program)
    tree.advanceClock(program: program, to: 9_000)  // an ended program's clock stands still
    #expect(tree.elapsed(of: call) == 5_000)
    #expect(tree.state(of: call) == .unfinished)
  }
}
