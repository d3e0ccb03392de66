import FlowTrace
import FlowTraceTestSupport
import Testing
import Tracing

/// The bridge tests share the process-wide runtime and tracing hooks: one at a time.
@Suite(.serialized, .runtimeExclusive) struct BridgeSuite {}

/// Traced code the bridge tests run inside spans.
struct Database {
  @Trace func query(_ sql: String) async -> Int {
    sql.count
  }
}

struct OrderService {
  struct NotFound: Error, CustomStringConvertible {
    var id: Int
    var description: String { "order \(id) not found" }
  }

  @Trace func load(id: Int) async throws -> String {
    let rows = await Database().query("SELECT * FROM orders WHERE id = \(id)")
    if id < 0 { throw NotFound(id: id) }
    return "order \(id) (\(rows))"
  }

  @Trace func loadMany(_ ids: [Int]) async throws -> Int {
    try await withThrowingTaskGroup(of: String.self) { group in
      for id in ids { group.addTask { try await OrderService().load(id: id) } }
      var count = 0
      for try await _ in group { count += 1 }
      return count
    }
  }

  @Trace func total(_ ids: [Int], note: Note, in ledger: Ledger) -> Note {
    Note(text: String(ids.reduce(0, +)))
  }

  @Trace func login(user: String, password: String) -> Bool {
    !user.isEmpty && password.count > 3
  }
}

/// A `Sendable` value type (kept for the writer when passed to a traced call).
struct Note: Sendable {
  var text: String
}

/// A class (its instances are rendered at call time).
final class Ledger {}

/// The tree text without durations (`[0.000011s]`), which differ from run to run.
func untimedTree(_ events: [CallEvent]) -> String {
  treeText(events).replacing(#/ \[[0-9.]+s\]/#, with: "")
}

/// The events of a session run around `body`, with FlowTrace's autoPrint off.
func recordSession(_ body: () async throws -> Void) async -> [CallEvent] {
  // Other suites in this process leave their own include patterns behind (RuntimeSuite keeps
  // only its functions): start from the defaults so these services are traced.
  FlowTrace.resetConfig()
  FlowTrace.config(autoPrint: false)
  return await withTracing(showArgs: true, showResult: true, showTiming: true) {
    try? await body()
  }
}
