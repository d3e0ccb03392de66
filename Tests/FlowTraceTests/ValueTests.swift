import FlowTrace
import Testing

struct Point: TraceRepresentable {
  let x: Int
  let y: Int
  var traceDescription: String { "(\(x), \(y))" }
}

extension RuntimeSuite {
  /// Rendering of values: fast paths, reflection, cutting, and include/exclude patterns.
  @Suite struct ValueTests {
    init() { Run.reset() }

    @Test func valuesRenderAsSwiftReadsThem() {
      let text = Run.tree {
        _ = echo("a\"b")
        _ = echo(1.5)
        _ = echo(true)
        _ = echo([1, 2, 3])
        _ = echo(Optional(5))
        _ = echo(Point(x: 1, y: 2))
        note("hi")
      }
      #expect(
        text == """
          → echo("a\\"b") → "a\\"b"
          → echo(1.5) → 1.5
          → echo(true) → true
          → echo([1, 2, 3]) → [1, 2, 3]
          → echo(Optional(5)) → Optional(5)
          → echo((1, 2)) → (1, 2)
          → note("hi")

          """)
    }

    @Test func longValuesAreCut() {
      FlowTrace.config(maxValueLength: 10)
      defer { Run.reset() }
      let text = Run.tree {
        _ = echo("abcdefghijklmnop")
        _ = echo(Array(0..<20))
        _ = echo("short")
      }
      #expect(
        text == """
          → echo("abcdefgh…) → "abcdefgh…
          → echo([0, 1, 2,…) → [0, 1, 2,…
          → echo("short") → "short"

          """)
    }

    @Test func includeAndExcludePatterns() {
      FlowTrace.config(exclude: ["b"])
      let excluded = Run.tree { _ = a(10) }
      #expect(excluded == "→ a(10) → 21\n")
      FlowTrace.config(include: ["fib*"], exclude: [])
      let included = Run.tree {
        _ = a(1)
        _ = fib2(1)
      }
      #expect(included == "→ fib2(1) → 1\n")
      FlowTrace.config(include: ["c?tcher", "boom"], exclude: [])
      let globbed = Run.tree { _ = catcher(3) }
      #expect(
        globbed == """
          → catcher(3)
            → boom(3) ↯ BadInput(value: 3) [propagated]
            ↯ catcher(3) BadInput(value: 3) [caught]
          ← catcher(3) → "recovered"

          """)
      Run.reset()
      #expect(Run.tree { _ = a(1) }.contains("b(y: 1)"))
    }
  }
}
