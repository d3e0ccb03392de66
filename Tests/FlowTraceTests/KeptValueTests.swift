import FlowTrace
import Synchronization
import Testing

/// Counts the instances alive (to see each kept copy destroyed exactly once).
final class KeptProbe: Sendable {
  static let alive = Atomic<Int>(0)
  let tag: Int
  init(_ tag: Int) {
    self.tag = tag
    Self.alive.add(1, ordering: .relaxed)
  }
  deinit { Self.alive.subtract(1, ordering: .relaxed) }
}

/// A small value type holding a reference: kept in the chunk's value bytes.
struct KeptSmall: Sendable, CustomStringConvertible {
  let probe: KeptProbe
  var description: String { "small \(probe.tag)" }
}

/// A value type larger than the chunk keeps inline: kept in a box.
struct KeptLarge: Sendable, CustomStringConvertible {
  let probe: KeptProbe
  var padding: (SIMD64<UInt8>, SIMD64<UInt8>, SIMD64<UInt8>, SIMD64<UInt8>) = (
    .zero, .zero, .zero, .zero
  )
  var padding2: (SIMD64<UInt8>, SIMD64<UInt8>, SIMD64<UInt8>, SIMD64<UInt8>) = (
    .zero, .zero, .zero, .zero
  )
  var description: String { "large \(probe.tag)" }
}

@Trace func keptSmall(_ value: KeptSmall) -> KeptSmall { value }
@Trace func keptLarge(_ value: KeptLarge) -> KeptLarge { value }

extension RuntimeSuite {
  @Suite struct KeptValueTests {
    /// Thousands of kept values (many chunks' value bytes, so chunks roll on values alone):
    /// each renders as it was and each copy is destroyed once.
    @Test func keptCopiesRenderAndAreDestroyedOnce() {
      FlowTrace.resetConfig()
      FlowTrace.config(include: ["keptSmall", "keptLarge"])
      defer { FlowTrace.resetConfig() }
      let before = KeptProbe.alive.load(ordering: .relaxed)
      let count = 5_000
      let events = withTracing(showArgs: true, showResult: true) {
        for tag in 0..<count {
          _ = keptSmall(KeptSmall(probe: KeptProbe(tag)))
          if tag % 10 == 0 { _ = keptLarge(KeptLarge(probe: KeptProbe(tag))) }
        }
      }
      #expect(MemoryLayout<KeptLarge>.size > 512)
      let small = events.filter { $0.kind == .call && $0.qualifiedName == "keptSmall" }
      #expect(small.map { $0.arguments?.first ?? "-" } == (0..<count).map { "small \($0)" })
      let large = events.filter { $0.kind == .return && $0.qualifiedName == "keptLarge" }
      #expect(
        large.map { $0.result ?? "-" } == stride(from: 0, to: count, by: 10).map { "large \($0)" })
      #expect(KeptProbe.alive.load(ordering: .relaxed) == before)
    }
  }
}
