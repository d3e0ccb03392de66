import Foundation
import Testing

@testable import FlowTrace

/// Counts the `description`s it runs (to see when a text was kept and when rendered).
nonisolated(unsafe) private var describedCount = 0

/// A type whose `description` is counted, then gives `text`.
private protocol Counted: CustomStringConvertible {
  var text: String { get }
}

extension Counted {
  var description: String {
    describedCount += 1
    return text
  }
}

private struct CountedVertex: Sendable, Counted {
  var id: Int
  var name: String
  var text: String { "v\(id):\(name)" }
}

private struct CountedLimbs: Sendable, Counted {
  var limbs: [UInt32]
  var day = MixDay.monday
  var text: String { "limbs \(limbs) \(day)" }
}

/// Trivially copyable: its key is its own bytes.
private struct CountedPoint: Sendable, Counted {
  var x: Int
  var y: Double
  var text: String { "(\(x), \(y))" }
}

/// Its text reads a class's state: no key (the state is not in its bytes).
private struct CountedView: Sendable, Counted {
  let counter: MixCounter
  var text: String { "view \(counter.count)" }
}

/// Asks to be rendered each time (its text reads the count).
private struct Ticket: Sendable, Counted, TraceRenderedEachTime {
  var id: Int
  var text: String { "ticket \(id) #\(describedCount)" }
}

private struct PointerHolder: CustomStringConvertible {
  var pointer: UnsafePointer<Int>
  var description: String { "\(pointer.pointee)" }
}

/// Texts kept by the values' contents (`ValueTexts`, `KeyProgram`).
@Suite(.serialized) struct ValueTextsTests {
  private func key<T>(_ value: T) -> [UInt8]? {
    guard let program = KeyProgram.make(T.self) else { return nil }
    var key = ValueKey()
    defer { key.bytes.deallocate() }
    return withUnsafePointer(to: value) { value in
      program.write(value, into: &key)
        ? Array(UnsafeRawBufferPointer(start: key.bytes, count: key.count)) : nil
    }
  }

  @Test func keysAreTheContents() {
    let name = String(repeating: "long name ", count: 3)
    // Equal contents in other storage: the same key.
    #expect(key(CountedVertex(id: 1, name: name)) == key(CountedVertex(id: 1, name: name + "")))
    #expect(
      key(CountedLimbs(limbs: [1, 2])) == key(CountedLimbs(limbs: Array([1, 2, 3].prefix(2)))))
    // Other contents: another key (counts are part of it).
    #expect(key(CountedVertex(id: 1, name: "ab")) != key(CountedVertex(id: 1, name: "a")))
    #expect(key(CountedVertex(id: 2, name: "ab")) != key(CountedVertex(id: 1, name: "ab")))
    #expect(key(CountedLimbs(limbs: [1, 2])) != key(CountedLimbs(limbs: [1, 2, 0])))
    #expect(key(CountedLimbs(limbs: [1], day: .tuesday)) != key(CountedLimbs(limbs: [1])))
    #expect(key(MixWidths()) == nil, "optionals are not read")
    // Too long: no key.
    #expect(key(CountedLimbs(limbs: Array(repeating: 7, count: 100))) == nil)
  }

  @Test func typesWhoseBytesAreNotTheirValueHaveNoKey() {
    #expect(KeyProgram.make(CountedView.self) == nil)
    #expect(KeyProgram.make(PointerHolder.self) == nil)
    #expect(KeyProgram.make([String: Int].self) == nil)
    #expect(KeyProgram.make(MixPayload.self) == nil)
    #expect(KeyProgram.make(MixTree.self) == nil)
    #expect(KeyProgram.make(MixHolder.self) == nil)
    #expect(KeyProgram.make(MixWeak.self) == nil)
    #expect(KeyProgram.make(CountedVertex.self) != nil)
    #expect(KeyProgram.make(MixPlain.self) != nil)
  }

  @Test func anEqualValueIsDescribedOnce() {
    onRecordingThread {
      describedCount = 0
      let name = String(repeating: "n", count: 40)
      for _ in 0..<3 {
        #expect(
          ValueRender.render(CountedVertex(id: 7, name: name + ""), limit: 200) == "v7:\(name)")
      }
      #expect(describedCount == 1)
      #expect(ValueRender.render(CountedVertex(id: 8, name: name), limit: 200) == "v8:\(name)")
      #expect(ValueRender.render(CountedVertex(id: 7, name: name), limit: 5) == "v7:n…")
      #expect(describedCount == 3)
      var limbs = CountedLimbs(limbs: [1, 2])
      #expect(ValueRender.render(limbs, limit: 200) == "limbs [1, 2] monday")
      limbs.limbs[0] = 9  // in place: the storage is not shared
      #expect(ValueRender.render(limbs, limit: 200) == "limbs [9, 2] monday")
      #expect(ValueRender.render(CountedLimbs(limbs: [9, 2]), limit: 200) == "limbs [9, 2] monday")
      #expect(describedCount == 5)
      #expect(KeyProgram.make(CountedPoint.self)?.wholeSize == 16)
      for _ in 0..<2 {
        #expect(ValueRender.render(CountedPoint(x: 1, y: 0.5), limit: 200) == "(1, 0.5)")
        #expect(ValueRender.render(CountedPoint(x: 1, y: -0.5), limit: 200) == "(1, -0.5)")
      }
      #expect(describedCount == 7)
    }
  }

  @Test func aTypeRenderedEachTimeIsNotKept() {
    onRecordingThread {
      describedCount = 0
      #expect(ValueRender.render(Ticket(id: 3), limit: 200) == "ticket 3 #1")
      #expect(ValueRender.render(Ticket(id: 3), limit: 200) == "ticket 3 #2")
    }
  }

  @Test func aValueReadingAClassIsDescribedEachTime() {
    onRecordingThread {
      describedCount = 0
      let view = CountedView(counter: MixCounter())
      #expect(ValueRender.render(view, limit: 200) == "view 0")
      view.counter.count = 4
      #expect(ValueRender.render(view, limit: 200) == "view 4")
      #expect(describedCount == 2)
    }
  }

  /// The mix rendered twice on a thread that keeps texts: the kept text is the old rule's.
  @Test func keptTextsAreTheOldText() {
    onRecordingThread {
      for value in mixCases() {
        for limit in [3, 10, 200] {
          #expect(value.plan(limit) == value.oracle(limit), "\(value.name) at \(limit)")
          #expect(value.plan(limit) == value.oracle(limit), "\(value.name) at \(limit), again")
        }
      }
    }
  }
}
