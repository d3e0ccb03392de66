import FlowTraceWire

/// Timing of one call, as the Timing pane shows it.
public struct CallTiming: Sendable, Equatable {
  /// Start, ns from the program's trace start.
  public var startOffset: UInt64
  /// Duration, or elapsed time while running.
  public var duration: UInt64
  /// Duration minus the durations of the call's children.
  public var selfTime: UInt64
  /// Duration / parent's duration (nil for a root call or a parent without timing).
  public var shareOfParent: Double?
  /// Duration / the program's traced time span.
  public var shareOfTotal: Double?
  /// Whether `duration` is still growing (the call is running).
  public var isRunning: Bool
}

/// One step of an error's path through the tree.
public struct ExceptionStep: Sendable, Equatable {
  public enum Role: Sendable, Equatable {
    /// The innermost call the error left.
    case thrownIn
    /// A call the error went through.
    case propagatedThrough
    /// The call that handled it and returned normally.
    case caughtIn
  }

  public var node: Int
  public var role: Role
}

extension CallTree {
  /// Timing of a call; nil without timestamps.
  public func timing(of node: Int) -> CallTiming? {
    guard flags[node].kind == .call, let start = start(of: node),
      let duration = elapsed(of: node)
    else { return nil }
    var shareOfParent: Double?
    if let parent = parent(of: node), flags[parent].kind == .call,
      let parentDuration = elapsed(of: parent), parentDuration > 0
    {
      shareOfParent = Double(duration) / Double(parentDuration)
    }
    var shareOfTotal: Double?
    if let span = timeSpan(program: program(of: node)), span.latest > span.first {
      shareOfTotal = Double(duration) / Double(span.latest - span.first)
    }
    let origin = timeSpan(program: program(of: node))?.first ?? 0
    return CallTiming(
      startOffset: start >= origin ? start - origin : 0, duration: duration,
      selfTime: selfTime(of: node) ?? duration, shareOfParent: shareOfParent,
      shareOfTotal: shareOfTotal, isRunning: flags[node].state == .running)
  }

  /// Duration minus the children's durations (children without timing count as 0).
  public func selfTime(of node: Int) -> UInt64? {
    guard let total = elapsed(of: node) else { return nil }
    var inChildren: UInt64 = 0
    var child = firstChildren[node]
    while child != Self.none {
      if flags[Int(child)].kind == .call { inChildren &+= elapsed(of: Int(child)) ?? 0 }
      child = nextSiblings[Int(child)]
    }
    return total > inChildren ? total - inChildren : 0
  }

  /// The path of the error seen at `node`: thrown in → propagated through → caught in, as
  /// far as the traced calls show it. Empty when the call has no error.
  public func exceptionChain(of node: Int) -> [ExceptionStep] {
    guard flags[node].errorMark != 0 else { return [] }
    // Down: from the catcher or a propagating call, follow the child that threw last.
    var origin = node
    while let child = lastThrowingChild(of: origin) { origin = child }
    if flags[origin].errorMark == 2 {
      // Caught with no traced thrower below: a one-step chain.
      return [ExceptionStep(node: origin, role: .caughtIn)]
    }
    var steps = [ExceptionStep(node: origin, role: .thrownIn)]
    var current = origin
    while let parent = parent(of: current), flags[parent].kind == .call {
      switch flags[parent].errorMark {
      case 1: steps.append(ExceptionStep(node: parent, role: .propagatedThrough))
      case 2: return steps + [ExceptionStep(node: parent, role: .caughtIn)]
      default: return steps
      }
      current = parent
    }
    return steps
  }

  private func lastThrowingChild(of node: Int) -> Int? {
    var found: Int?
    var child = firstChildren[node]
    while child != Self.none {
      if flags[Int(child)].kind == .call && flags[Int(child)].errorMark == 1 {
        found = Int(child)
      }
      child = nextSiblings[Int(child)]
    }
    return found
  }

  /// The slowest child call (by duration or elapsed time).
  public func slowestChild(of node: Int) -> Int? {
    var best: Int?
    var bestTime: UInt64 = 0
    var child = firstChildren[node]
    while child != Self.none {
      let c = Int(child)
      if flags[c].kind == .call, let time = elapsed(of: c), best == nil || time > bestTime {
        best = c
        bestTime = time
      }
      child = nextSiblings[c]
    }
    return best
  }
}
