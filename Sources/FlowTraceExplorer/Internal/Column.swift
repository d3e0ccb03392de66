/// A per-node column stored in fixed-size chunks: appending never moves what is stored, so
/// growing the tree past millions of nodes costs no doubling copy (one growing array per
/// column would copy hundreds of MB at once, stalling a live ingest batch), and a chunk is
/// only filled, never left half-used behind a doubled capacity.
///
/// The first chunk grows like an array (small trees stay small); later ones are allocated at
/// their full size. Value semantics: a copied column shares its chunks until one is mutated.
struct Column<Element: BitwiseCopyable & Sendable>: Sendable {
  static var shift: Int { 16 }
  /// Elements per chunk.
  static var chunkSize: Int { 1 << shift }
  static var mask: Int { chunkSize - 1 }

  private(set) var chunks: [[Element]] = []
  /// Number of elements.
  private(set) var count = 0

  init() {}

  @inline(__always)
  subscript(index: Int) -> Element {
    get { chunks[index &>> Self.shift][index & Self.mask] }
    _modify { yield &chunks[index &>> Self.shift][index & Self.mask] }
  }

  /// Appends one element (a new chunk every `chunkSize` elements).
  @inline(__always)
  mutating func append(_ element: Element) {
    if count & Self.mask == 0 { startChunk() }
    chunks[chunks.count &- 1].append(element)
    count &+= 1
  }

  private mutating func startChunk() {
    var chunk: [Element] = []
    // The first chunk grows by doubling (up to one chunk); later ones are allocated whole.
    if !chunks.isEmpty { chunk.reserveCapacity(Self.chunkSize) }
    chunks.append(chunk)
  }

  /// Calls `body` with each chunk's elements for the nodes in `range`: the first node of the
  /// piece and the piece's elements (no per-element chunk lookup in scans).
  func forEachPiece(
    in range: Range<Int>, _ body: (_ first: Int, _ elements: UnsafeBufferPointer<Element>) -> Void
  ) {
    var start = max(0, range.lowerBound)
    let end = min(count, range.upperBound)
    while start < end {
      let chunk = start &>> Self.shift
      let offset = start & Self.mask
      let take = min(end - start, Self.chunkSize - offset)
      chunks[chunk].withUnsafeBufferPointer {
        body(start, UnsafeBufferPointer(rebasing: $0[offset..<offset + take]))
      }
      start += take
    }
  }

  /// Bytes of element storage in use (not capacities).
  var byteCount: Int { count * MemoryLayout<Element>.stride }
}
