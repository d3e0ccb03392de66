import FlowTraceWire

/// The constant byte pieces of tree text lines (arrows, tags, colour codes around durations,
/// results and errors), rendered once by `TreeTextFormat` so the fast printer's lines equal
/// `TreeTextPrinter`'s, kept in one buffer and copied by offset.
struct TreeTextPieces {
  /// A piece: `bytes[start..<end]`.
  struct Piece {
    var start: Int
    var end: Int
  }

  private(set) var bytes = RawBytes(capacity: 256)
  /// `→ `, `← `, `↯ ` (red when coloured), each with its trailing space.
  private(set) var entry = Piece(start: 0, end: 0)
  private(set) var exit = Piece(start: 0, end: 0)
  private(set) var error = Piece(start: 0, end: 0)
  /// ` [` and `s]` around a duration (with its colour).
  private(set) var durationOpen = Piece(start: 0, end: 0)
  private(set) var durationClose = Piece(start: 0, end: 0)
  /// ` → ` before a result, and after it.
  private(set) var resultOpen = Piece(start: 0, end: 0)
  private(set) var resultClose = Piece(start: 0, end: 0)
  /// Before an error description, and the ` [caught]` / ` [propagated]` tags after it.
  private(set) var errorOpen = Piece(start: 0, end: 0)
  private(set) var caughtClose = Piece(start: 0, end: 0)
  private(set) var propagatedClose = Piece(start: 0, end: 0)

  init(color: Bool) {
    let format = TreeTextFormat(color: color)
    var line: [UInt8] = []
    entry = add {
      format.arrow("→", to: &$0)
      $0.append(0x20)
    }
    exit = add {
      format.arrow("←", to: &$0)
      $0.append(0x20)
    }
    error = add {
      format.arrow("↯", error: true, to: &$0)
      $0.append(0x20)
    }
    // Split the rendering of a known duration, result and error around their text.
    format.duration(0, to: &line)
    (durationOpen, durationClose) = split(line, marker: Array("0.000000".utf8))
    line = []
    format.result("\u{0}", to: &line)
    (resultOpen, resultClose) = split(line)
    line = []
    format.error(CallError(id: 0, type: "", description: "\u{0}", disposition: .caught), to: &line)
    (errorOpen, caughtClose) = split(line)
    line = []
    format.error(
      CallError(id: 0, type: "", description: "\u{0}", disposition: .propagated), to: &line)
    (_, propagatedClose) = split(line)
  }

  func deallocate() { bytes.deallocate() }

  private mutating func add(_ render: (inout [UInt8]) -> Void) -> Piece {
    var scratch: [UInt8] = []
    render(&scratch)
    return add(scratch)
  }

  private mutating func add(_ piece: some Collection<UInt8>) -> Piece {
    let start = bytes.count
    bytes.append(Array(piece))
    return Piece(start: start, end: bytes.count)
  }

  /// The pieces before and after `marker` (default: the `\0` placeholder, rendered `\x00`).
  private mutating func split(
    _ text: [UInt8], marker: [UInt8] = Array("\\x00".utf8)
  ) -> (Piece, Piece) {
    var at = 0
    while at + marker.count <= text.count, Array(text[at..<at + marker.count]) != marker {
      at += 1
    }
    return (add(text[..<at]), add(text[(at + marker.count)...]))
  }
}
