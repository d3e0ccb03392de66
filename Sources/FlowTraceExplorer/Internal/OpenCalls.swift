/// The calls of one program that started and have not ended, sorted by call id (ids grow in
/// call order, so starting a call appends). Each keeps its last child so children link in
/// O(1). Few calls are open at once (stack depth × threads), so lookups are short.
struct OpenCalls: Sendable {
  struct Entry: Sendable {
    var id: UInt64
    var node: UInt32
    var lastChild: UInt32
  }

  var entries: [Entry] = []

  /// The position of call `id`, if open.
  func find(_ id: UInt64) -> Int? {
    if let last = entries.last, last.id == id { return entries.count - 1 }
    var low = 0
    var high = entries.count
    while low < high {
      let mid = (low + high) / 2
      if entries[mid].id < id { low = mid + 1 } else { high = mid }
    }
    return low < entries.count && entries[low].id == id ? low : nil
  }

  /// Opens a call; returns false when the id was already open (the entry is replaced).
  mutating func open(_ id: UInt64, node: UInt32) -> Bool {
    let entry = Entry(id: id, node: node, lastChild: CallTree.none)
    if entries.last.map({ $0.id < id }) ?? true {
      entries.append(entry)
      return true
    }
    if let k = find(id) {
      entries[k] = entry
      return false
    }
    let k = entries.firstIndex { $0.id > id } ?? entries.count
    entries.insert(entry, at: k)
    return true
  }
}

/// A thread's node and its last child.
struct ThreadSlot: Sendable {
  var node: UInt32
  var lastChild: UInt32
}
