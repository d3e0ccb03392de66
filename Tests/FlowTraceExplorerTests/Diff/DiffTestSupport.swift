import FlowTraceExplorer
import FlowTraceWire

/// A call of a hand-written test program, written out as trace events by `DiffProgram`.
struct TestCall: Sendable {
  var name: String
  var args: [String]
  var result: String?
  var error: (type: String, description: String, caught: Bool)?
  var children: [TestCall] = []
  /// Runs in a child task of its parent (its own task id).
  var inTask = false

  init(
    _ name: String, _ args: [String] = [], _ result: String? = nil,
    error: (String, String, Bool)? = nil, inTask: Bool = false, _ children: [TestCall] = []
  ) {
    self.name = name
    self.args = args
    self.result = result
    self.error = error.map { (type: $0.0, description: $0.1, caught: $0.2) }
    self.children = children
    self.inTask = inTask
  }
}

/// Threads of named root calls, turned into events with whatever ids and timestamps the
/// test asks for (two runs of one program differ in exactly those).
struct DiffProgram: Sendable {
  var threads: [(name: String, roots: [TestCall])]
  /// Added to every timestamp and thread id / task id (scheduling noise).
  var timeShift: UInt64 = 0
  var idShift: UInt32 = 0
  /// Thread order in the stream (indices into `threads`).
  var order: [Int]?

  func events() -> [TraceEvent] {
    var script = TraceScript()
    var clock = timeShift
    var nextTask: UInt64 = 100 + UInt64(idShift)
    func emit(_ call: TestCall, parent: UInt64?, thread: UInt32, task: UInt64) {
      clock += 10 + timeShift % 7
      var myTask = task
      if call.inTask {
        nextTask += 1
        myTask = nextTask
        script.events.append(
          .task(TaskInfo(id: myTask, parent: task == 0 ? nil : task, name: "")))
      }
      let id = script.call(
        call.name, call.args, parent: parent, thread: thread, task: myTask, at: clock)
      for child in call.children { emit(child, parent: id, thread: thread, task: myTask) }
      if let error = call.error {
        script.fail(id, error.type, error.description, caught: error.caught)
      }
      clock += 5
      script.ret(id, call.error.map { $0.caught } == false ? nil : call.result, at: clock)
    }
    for index in order ?? Array(threads.indices) {
      let thread = UInt32(index + 1) + idShift
      for root in threads[index].roots { emit(root, parent: nil, thread: thread, task: 0) }
      // After the calls: TraceScript names a thread on its first call, this name wins.
      script.events.append(.thread(ThreadInfo(id: thread, name: threads[index].name)))
    }
    return script.events
  }

  func tree() -> CallTree {
    var tree = CallTree()
    tree.append(contentsOf: events())
    tree.finish()
    return tree
  }

  /// One thread called "main".
  static func main(_ roots: [TestCall]) -> DiffProgram {
    DiffProgram(threads: [("main", roots)])
  }
}

/// The report's lines, one string (for whole-output comparisons).
func diffText(_ a: DiffProgram, _ b: DiffProgram, options: DiffOptions = DiffOptions()) -> String {
  TreeDiff.compare(a.tree(), b.tree(), options: options).lines().joined(separator: "\n")
}

func diffFirst(_ a: DiffProgram, _ b: DiffProgram, options: DiffOptions = DiffOptions()) -> String {
  TreeDiff.compare(a.tree(), b.tree(), options: options).firstDifferenceLines().joined(
    separator: "\n")
}
