import FlowTrace

// Issue 10: the collection shapes of swift-algorithms as the real-code corpus traces them — a
// wrapper with a nested `Iterator`, a conditional `Collection` conformance written out by
// `flowtrace annotate` (the compiler's cycle stops `@TraceAll` there) holding a nested
// `struct Index: Comparable` under `@TraceAll`, a `BidirectionalCollection` witness traced
// with `@Trace`, and a stored property named like a global function (`shapeProduct`).

func shapeProduct(_ a: Int, _ b: Int) -> Int { a * b }

struct ShapeChain<Base: Sequence> {
  let base: Base
  let shapeProduct: Int
}

@TraceAll extension ShapeChain: Sequence {
  @TraceAll struct Iterator: IteratorProtocol {
    var inner: Base.Iterator
    mutating func next() -> Base.Element? { inner.next() }
  }

  func makeIterator() -> Iterator { Iterator(inner: base.makeIterator()) }

  /// Uses the stored `shapeProduct`, not the global function of the same name.
  func scaled() -> Int { shapeProduct * 2 }
}

/* flowtrace annotate: @TraceAll */ extension ShapeChain: Collection where Base: Collection {
  @TraceAll struct Index: Comparable {
    let position: Base.Index
    init(_ position: Base.Index) { self.position = position }
    static func < (lhs: Index, rhs: Index) -> Bool { lhs.position < rhs.position }
  }

  var startIndex: Index { Index(base.startIndex) }
  var endIndex: Index { Index(base.endIndex) }
  subscript(i: Index) -> Base.Element { base[i.position] }
  @Trace func index(after i: Index) -> Index { Index(base.index(after: i.position)) }
}

extension ShapeChain: BidirectionalCollection where Base: BidirectionalCollection {
  @Trace func index(before i: Index) -> Index { Index(base.index(before: i.position)) }
}
