import FlowTraceWire

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A growable byte buffer in manually managed memory: an append is one capacity check and a
/// `memcpy`, with no reference counting or uniqueness checks. The owner calls `deallocate()`.
struct RawBytes: BitwiseCopyable {
  private(set) var base: UnsafeMutablePointer<UInt8>
  var count = 0
  private(set) var capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    base = .allocate(capacity: self.capacity)
  }

  func deallocate() { base.deallocate() }

  /// The bytes written so far.
  var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

  /// Makes room for `extra` more bytes.
  @inline(__always)
  mutating func reserve(_ extra: Int) {
    if count &+ extra > capacity { grow(count + extra) }
  }

  @inline(never)
  private mutating func grow(_ needed: Int) {
    var size = capacity * 2
    while size < needed { size *= 2 }
    base = base.grown(keeping: count, to: size)
    capacity = size
  }

  @inline(__always)
  mutating func append(_ byte: UInt8) {
    reserve(1)
    base[count] = byte
    count &+= 1
  }

  /// Appends `length` bytes; short runs (most names and values) are copied inline with two
  /// overlapping words instead of a `memcpy` call.
  @inline(__always)
  mutating func append(_ source: UnsafeRawPointer, count length: Int) {
    reserve(length)
    let target = UnsafeMutableRawPointer(base + count)
    if length >= 8 && length <= 16 {
      let head = source.loadUnaligned(as: UInt64.self)
      let tail = source.loadUnaligned(fromByteOffset: length &- 8, as: UInt64.self)
      target.storeBytes(of: head, as: UInt64.self)
      target.storeBytes(of: tail, toByteOffset: length &- 8, as: UInt64.self)
    } else if length >= 4 && length < 8 {
      let head = source.loadUnaligned(as: UInt32.self)
      let tail = source.loadUnaligned(fromByteOffset: length &- 4, as: UInt32.self)
      target.storeBytes(of: head, as: UInt32.self)
      target.storeBytes(of: tail, toByteOffset: length &- 4, as: UInt32.self)
    } else if length < 4 {
      var index = 0
      while index < length {
        target.storeBytes(
          of: source.load(fromByteOffset: index, as: UInt8.self), toByteOffset: index,
          as: UInt8.self)
        index &+= 1
      }
    } else {
      memcpy(target, source, length)
    }
    count &+= length
  }

  @inline(__always)
  mutating func append(_ bytes: UnsafeRawBufferPointer) {
    guard let source = bytes.baseAddress else { return }
    append(source, count: bytes.count)
  }

  /// Appends `self[range]` (a range written earlier) again.
  @inline(__always)
  mutating func append(_ other: RawBytes, _ start: Int, _ end: Int) {
    append(other.base + start, count: end - start)
  }

  mutating func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { append($0) }
  }

  /// Appends `n` spaces.
  @inline(__always)
  mutating func appendSpaces(_ n: Int) {
    reserve(n &+ 8)
    let target = UnsafeMutableRawPointer(base + count)
    var index = 0
    while index < n {
      target.storeBytes(of: 0x2020_2020_2020_2020 as UInt64, toByteOffset: index, as: UInt64.self)
      index &+= 8
    }
    count &+= n
  }

  /// Appends text from a trace with unsafe scalars escaped and invalid UTF-8 repaired
  /// (`Sanitizer.append(utf8:to:)`); plain printable ASCII is copied as is.
  @inline(__always)
  mutating func appendText(_ text: UnsafeRawBufferPointer) {
    guard let source = text.baseAddress else { return }
    var index = 0
    let n = text.count
    while index < n {
      let byte = source.load(fromByteOffset: index, as: UInt8.self)
      if byte < 0x20 || byte >= 0x7F { break }
      index &+= 1
    }
    if index == n {
      append(source, count: n)
    } else {
      appendEscaped(text)
    }
  }

  @inline(never)
  private mutating func appendEscaped(_ text: UnsafeRawBufferPointer) {
    var clean: [UInt8] = []
    Sanitizer.append(utf8: text, to: &clean)
    append(clean)
  }

  /// Appends nanoseconds as seconds with six decimals, rounded to the microsecond
  /// (`TreeTextFormat.appendSeconds`).
  @inline(__always)
  mutating func appendSeconds(_ nanos: UInt64) {
    reserve(32)
    let micros = (nanos &+ 500) / 1000
    var whole = micros / 1_000_000
    let fraction = Int(truncatingIfNeeded: micros &- whole &* 1_000_000)
    if whole < 10 {
      base[count] = UInt8(truncatingIfNeeded: whole) &+ 0x30
      count &+= 1
    } else {
      // Whole seconds, written backwards then moved into place.
      var digits = 0
      var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
      withUnsafeMutableBytes(of: &scratch) { raw in
        repeat {
          raw[23 &- digits] = UInt8(truncatingIfNeeded: whole % 10) &+ 0x30
          whole /= 10
          digits &+= 1
        } while whole > 0
        memcpy(base + count, raw.baseAddress! + 24 - digits, digits)
      }
      count &+= digits
    }
    let p = UnsafeMutableRawPointer(base + count)
    p.storeBytes(of: 0x2E, as: UInt8.self)  // .
    RawBytes.twoDigits.withUnsafeBytes { table in
      let pairs = (fraction / 10_000, fraction / 100 % 100, fraction % 100)
      p.storeBytes(
        of: table.load(fromByteOffset: 2 * pairs.0, as: UInt16.self), toByteOffset: 1,
        as: UInt16.self)
      p.storeBytes(
        of: table.load(fromByteOffset: 2 * pairs.1, as: UInt16.self), toByteOffset: 3,
        as: UInt16.self)
      p.storeBytes(
        of: table.load(fromByteOffset: 2 * pairs.2, as: UInt16.self), toByteOffset: 5,
        as: UInt16.self)
    }
    count &+= 7
  }

  /// "00" "01" … "99" as ASCII pairs.
  private static let twoDigits: [UInt8] = {
    var table: [UInt8] = []
    for value in 0..<100 as Range<UInt8> {
      table.append(0x30 + value / 10)
      table.append(0x30 + value % 10)
    }
    return table
  }()
}
