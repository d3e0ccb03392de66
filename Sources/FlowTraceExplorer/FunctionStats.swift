/// Per-function statistics: calls, total and self time, min/avg/max duration.
public struct FunctionStats: Sendable {
  /// The figures of one function (one call site).
  public struct Entry: Sendable, Equatable {
    public var site: Int
    public var name: String
    /// All calls, including running ones.
    public var calls: Int
    /// Calls with a known duration (the base of the times below).
    public var timedCalls: Int
    /// Sum of durations (nested recursive calls count in their callers too).
    public var total: UInt64
    /// Sum of durations minus time in traced callees.
    public var selfTime: UInt64
    public var min: UInt64
    public var max: UInt64
    public var errors: Int

    /// Mean duration of timed calls.
    public var average: UInt64 { timedCalls == 0 ? 0 : total / UInt64(timedCalls) }

    /// A function not called yet.
    public init(site: Int, name: String) {
      (self.site, self.name) = (site, name)
      (calls, timedCalls, total, selfTime, min, max, errors) = (0, 0, 0, 0, 0, 0, 0)
    }

    init(
      site: Int, name: String, calls: Int, timedCalls: Int, total: UInt64, selfTime: UInt64,
      min: UInt64, max: UInt64, errors: Int
    ) {
      (self.site, self.name, self.calls, self.timedCalls) = (site, name, calls, timedCalls)
      (self.total, self.selfTime, self.min, self.max, self.errors) =
        (total, selfTime, min, max, errors)
    }

    /// Adds one finished call that lasted `duration`, `selfTime` of it outside traced callees.
    public mutating func addTimed(duration: UInt64, selfTime: UInt64) {
      min = timedCalls == 0 ? duration : Swift.min(min, duration)
      max = Swift.max(max, duration)
      timedCalls += 1
      total &+= duration
      self.selfTime &+= selfTime
    }
  }

  /// The `count` entries that rank highest by `key` (ties: more calls, then name).
  public static func top(
    _ count: Int, of entries: some Sequence<Entry>, by key: (Entry) -> UInt64
  ) -> [Entry] {
    let called = entries.filter { $0.calls > 0 }
    return Array(
      called.sorted { (key($0), $0.calls, $1.name) > (key($1), $1.calls, $0.name) }.prefix(count))
  }

  /// One entry per site that was called, by site index.
  public private(set) var bySite: [Int: Entry] = [:]

  /// Computes the statistics of every call in `tree`.
  public init(tree: CallTree) {
    var calls = [Int](repeating: 0, count: tree.siteCount)
    var timed = [Int](repeating: 0, count: tree.siteCount)
    var total = [UInt64](repeating: 0, count: tree.siteCount)
    var selfTime = [Int64](repeating: 0, count: tree.siteCount)
    var low = [UInt64](repeating: .max, count: tree.siteCount)
    var high = [UInt64](repeating: 0, count: tree.siteCount)
    var errors = [Int](repeating: 0, count: tree.siteCount)
    for node in 0..<tree.count where tree.flags[node].kind == .call {
      let site = Int(tree.refs[node])
      calls[site] += 1
      if tree.flags[node].errorMark != 0 { errors[site] += 1 }
      guard let duration = DurationCode.decode(tree.durations[node]) else { continue }
      timed[site] += 1
      total[site] &+= duration
      selfTime[site] &+= Int64(clamping: duration)
      low[site] = Swift.min(low[site], duration)
      high[site] = Swift.max(high[site], duration)
      let parent = tree.parents[node]
      if parent != CallTree.none, tree.flags[Int(parent)].kind == .call,
        tree.durations[Int(parent)] != DurationCode.unknown
      {
        selfTime[Int(tree.refs[Int(parent)])] &-= Int64(clamping: duration)
      }
    }
    for site in 0..<tree.siteCount where calls[site] > 0 {
      bySite[site] = Entry(
        site: site, name: tree.siteName(site), calls: calls[site], timedCalls: timed[site],
        total: total[site], selfTime: UInt64(Swift.max(0, selfTime[site])),
        min: timed[site] == 0 ? 0 : low[site], max: high[site], errors: errors[site])
    }
  }

  /// The entry of a site.
  public subscript(site: Int) -> Entry? { bySite[site] }

  /// The entry of the function of a call node.
  public func entry(for node: Int, in tree: CallTree) -> Entry? {
    tree.site(of: node).flatMap { bySite[$0] }
  }

  /// Entries of the same qualified name merged (one function seen in several programs of a
  /// live session, or at several sites), the most total time first. `site` is the first.
  public var mergedByName: [Entry] {
    var byName: [String: Entry] = [:]
    for entry in bySite.values.sorted(by: { $0.site < $1.site }) {
      guard var merged = byName[entry.name] else {
        byName[entry.name] = entry
        continue
      }
      merged.calls += entry.calls
      merged.timedCalls += entry.timedCalls
      merged.total &+= entry.total
      merged.selfTime &+= entry.selfTime
      merged.errors += entry.errors
      if entry.timedCalls > 0 {
        merged.min =
          merged.timedCalls == entry.timedCalls ? entry.min : Swift.min(merged.min, entry.min)
        merged.max = Swift.max(merged.max, entry.max)
      }
      byName[entry.name] = merged
    }
    return Self.top(.max, of: byName.values, by: \.total)
  }

  /// Entries, the most total time first (then most calls, then name).
  public var sortedByTotal: [Entry] { Self.top(.max, of: bySite.values, by: \.total) }
}
