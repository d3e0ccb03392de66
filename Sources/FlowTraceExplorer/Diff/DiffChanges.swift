/// What differs between a call of A and its counterpart in B.
public struct DiffChanges: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }
  /// The arguments (the calls were paired by function name).
  public static let args = DiffChanges(rawValue: 1)
  /// The result.
  public static let result = DiffChanges(rawValue: 2)
  /// The error: added, removed, or its type, description or caught/propagated.
  public static let error = DiffChanges(rawValue: 4)
  /// How the call ended (returned, threw, never returned).
  public static let state = DiffChanges(rawValue: 8)
  /// The number of events lost at a loss marker.
  public static let lost = DiffChanges(rawValue: 16)
  /// The self time, by more than the threshold (only with `timingPercent`).
  public static let timing = DiffChanges(rawValue: 32)
}

extension DiffSide {
  /// What differs between `a` of this side and `b` of `other` (nodes of the same kind).
  func changes(_ a: Int, _ other: DiffSide, _ b: Int, options: DiffOptions) -> DiffChanges {
    let fa = tree.flags[a]
    let fb = other.tree.flags[b]
    var out: DiffChanges = []
    switch fa.kind {
    case .loss:
      if tree.lossCount(of: a) != other.tree.lossCount(of: b) { out.insert(.lost) }
      return out
    case .thread, .program:
      return out
    case .call:
      break
    }
    let siteA = Int(tree.refs[a])
    let siteB = Int(other.tree.refs[b])
    if !ignoreArgs[siteA] && !other.ignoreArgs[siteB] && !sameArgs(a, other, b) {
      out.insert(.args)
    }
    if !ignoreResult[siteA] && !other.ignoreResult[siteB] && !sameResult(a, other, b) {
      out.insert(.result)
    }
    if (fa.errorMark != 0 || fb.errorMark != 0) && tree.error(of: a) != other.tree.error(of: b) {
      out.insert(.error)
    }
    if fa.state != fb.state { out.insert(.state) }
    if let percent = options.timingPercent,
      let selfA = tree.selfTime(of: a), let selfB = other.tree.selfTime(of: b)
    {
      let delta = selfA > selfB ? selfA - selfB : selfB - selfA
      if delta >= options.timingFloorNanos
        && Double(delta) * 100 > percent * Double(max(1, selfA))
      {
        out.insert(.timing)
      }
    }
    return out
  }

  func sameArgs(_ a: Int, _ other: DiffSide, _ b: Int) -> Bool {
    if !argMasks.isEmpty { return maskedArgs(a) == other.maskedArgs(b) }
    let ca = tree.flags[a].argsCollected
    if ca != other.tree.flags[b].argsCollected { return false }
    guard ca else { return true }
    return Self.equal(tree.arena, argsRange(a), other.tree.arena, other.argsRange(b))
  }

  func sameResult(_ a: Int, _ other: DiffSide, _ b: Int) -> Bool {
    if !resultMasks.isEmpty { return maskedResult(a) == other.maskedResult(b) }
    return Self.equal(tree.arena, tree.resultRange(a), other.tree.arena, other.tree.resultRange(b))
  }

  static func equal(_ x: ByteArena, _ rx: Range<Int>?, _ y: ByteArena, _ ry: Range<Int>?) -> Bool {
    guard let rx, let ry else { return rx == nil && ry == nil }
    guard rx.count == ry.count else { return false }
    var i = rx.lowerBound
    var j = ry.lowerBound
    while i < rx.upperBound {
      if x.bytes[i] != y.bytes[j] { return false }
      i += 1
      j += 1
    }
    return true
  }
}
