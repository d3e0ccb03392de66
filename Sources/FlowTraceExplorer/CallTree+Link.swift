extension CallTree {
  /// Where a new node goes: the place that knows its parent's last child.
  enum Attach {
    /// A top-level node.
    case top
    /// Under a program's node (top level when the program has none).
    case program(Int)
    /// Under a thread's node (which must exist).
    case thread(Int, UInt32)
    /// Under an open call: program and position in its open calls.
    case call(Int, Int)
  }

  /// Appends a node's columns and links it as the last child of its parent.
  mutating func appendNode(
    kind: NodeKind, under attach: Attach, ref: UInt32, context: UInt32,
    flags initial: NodeFlags? = nil, start: UInt64 = CallTree.noTime, args: UInt32 = 0
  ) -> UInt32 {
    var parent = Self.none
    var last = lastRoot
    switch attach {
    case .top: break
    case .program(let p):
      if programStates[p].node != Self.none {
        parent = programStates[p].node
        last = programStates[p].lastChild
      }
    case .thread(let p, let t):
      if let slot = programStates[p].threadNodes[t] {
        parent = slot.node
        last = slot.lastChild
      }
    case .call(let p, let k):
      parent = programStates[p].open.entries[k].node
      last = programStates[p].open.entries[k].lastChild
    }
    let node = UInt32(truncatingIfNeeded: parents.count)
    parents.append(parent)
    firstChildren.append(Self.none)
    nextSiblings.append(Self.none)
    let depth = parent == Self.none ? 0 : depths[Int(parent)]
    depths.append(parent == Self.none ? 0 : depth &+ (depth < .max ? 1 : 0))
    flags.append(initial ?? NodeFlags(kind: kind))
    refs.append(ref)
    contexts.append(context)
    starts.append(start)
    durations.append(DurationCode.unknown)
    argRefs.append(args)
    resultRefs.append(0)

    if last != Self.none {
      nextSiblings[Int(last)] = node
    } else if parent == Self.none {
      firstRoot = node
    } else {
      firstChildren[Int(parent)] = node
    }
    switch attach {
    case .top: lastRoot = node
    case .program(let p):
      if parent == Self.none { lastRoot = node } else { programStates[p].lastChild = node }
    case .thread(let p, let t):
      if parent == Self.none {
        lastRoot = node
      } else {
        programStates[p].threadNodes[t]?.lastChild = node
      }
    case .call(let p, let k):
      programStates[p].open.entries[k].lastChild = node
    }
    trackPreorder(node, parent: parent)
    return node
  }

  /// Keeps the path from the top to the newest node, to know whether index order is still
  /// depth-first order.
  private mutating func trackPreorder(_ node: UInt32, parent: UInt32) {
    guard isPreorder else { return }
    if parent == Self.none {
      rightmostPath.removeAll(keepingCapacity: true)
    } else {
      while let top = rightmostPath.last, top != parent { rightmostPath.removeLast() }
      if rightmostPath.isEmpty {
        isPreorder = false
        return
      }
    }
    rightmostPath.append(node)
  }
}
