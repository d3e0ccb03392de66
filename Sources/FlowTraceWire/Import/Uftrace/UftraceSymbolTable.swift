/// The functions of one session's address space: each module of `sid-<SID>.map` (and each
/// library loaded with `dlopen`) with the symbols of its `<module>.sym` file (nm style:
/// address, type, name), placed at the module's load address. Looked up by binary search.
struct UftraceSymbolTable {
  struct Symbol {
    var start: UInt64
    var end: UInt64
    var name: String
  }

  private(set) var symbols: [Symbol] = []

  /// A module loaded at `base` whose symbols are in `symbolFile` (text of a `.sym` file).
  mutating func add(base: UInt64, symbolFile text: String) {
    var previous: (start: UInt64, name: String?)?
    for line in text.split(separator: "\n") where line.first != "#" {
      let parts = line.split(separator: " ", maxSplits: 2)
      guard parts.count == 3, let address = UInt64(parts[0], radix: 16) else { continue }
      if let previous, let name = previous.name, address > previous.start {
        symbols.append(Symbol(start: base &+ previous.start, end: base &+ address, name: name))
      }
      // Functions (text, weak, PLT entries); data and `?` markers only end the one before.
      let function = ["T", "t", "W", "w", "P", "i"].contains(parts[1])
      previous = (address, function ? String(parts[2]) : nil)
    }
  }

  /// Sorts the table; call once after the last `add`.
  mutating func finish() {
    symbols.sort { $0.start < $1.start }
  }

  /// The index of the function holding `address`, nil when no module or symbol covers it.
  func index(of address: UInt64) -> Int? {
    var low = 0
    var high = symbols.count
    while low < high {
      let mid = (low + high) / 2
      if symbols[mid].start <= address { low = mid + 1 } else { high = mid }
    }
    guard low > 0, address < symbols[low - 1].end else { return nil }
    return low - 1
  }

  /// Module paths and load addresses of a `sid-<SID>.map` file (`start-end perms offset dev
  /// inode path [build-id:…]`), first mapping of each path.
  static func modules(inMap text: String) -> [(base: UInt64, path: String)] {
    var modules: [(base: UInt64, path: String)] = []
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      guard fields.count >= 6, fields[5].hasPrefix("/"),
        let dash = fields[0].firstIndex(of: "-"), let start = UInt64(fields[0][..<dash], radix: 16)
      else { continue }
      let path = String(fields[5])
      if !modules.contains(where: { $0.path == path }) { modules.append((start, path)) }
    }
    return modules
  }
}
