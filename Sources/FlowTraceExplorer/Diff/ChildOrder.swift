/// Puts sibling lists in an order that does not depend on scheduling: the calls of the
/// parent's own thread or task first, as they ran, then the calls of each child task, one
/// task after another. A's tasks keep their order; B's tasks follow their counterparts in A
/// (the task whose first call has the same function and arguments, in order), and B's other
/// tasks come last.
enum ChildOrder {
  static func arrange(
    _ a: DiffSide, own ownA: UInt64, _ childrenA: inout [UInt32],
    _ b: DiffSide, own ownB: UInt64, _ childrenB: inout [UInt32]
  ) {
    let foreignA = childrenA.contains { a.task(Int($0)) != ownA }
    let foreignB = childrenB.contains { b.task(Int($0)) != ownB }
    guard foreignA || foreignB else { return }
    let groupsA = groups(a, own: ownA, childrenA)
    let groupsB = groups(b, own: ownB, childrenB)
    var byKey: [UInt64: [Int]] = [:]
    for (index, group) in groupsA.tasks.enumerated() {
      byKey[a.key(Int(group[0])), default: []].append(index)
    }
    var placed: [(slot: Int, group: [UInt32])] = []
    var extra: [[UInt32]] = []
    for group in groupsB.tasks {
      let key = b.key(Int(group[0]))
      if var queue = byKey[key], !queue.isEmpty {
        placed.append((queue.removeFirst(), group))
        byKey[key] = queue
      } else {
        extra.append(group)
      }
    }
    placed.sort { $0.slot < $1.slot }
    childrenA = groupsA.own + groupsA.tasks.flatMap { $0 }
    childrenB = groupsB.own + placed.flatMap(\.group) + extra.flatMap { $0 }
  }

  /// The children of the parent's own task, and those of each other task in order of first
  /// appearance.
  static func groups(
    _ side: DiffSide, own: UInt64, _ children: [UInt32]
  ) -> (own: [UInt32], tasks: [[UInt32]]) {
    var mine: [UInt32] = []
    var tasks: [[UInt32]] = []
    var slot: [UInt64: Int] = [:]
    for child in children {
      let task = side.task(Int(child))
      if task == own {
        mine.append(child)
      } else if let k = slot[task] {
        tasks[k].append(child)
      } else {
        slot[task] = tasks.count
        tasks.append([child])
      }
    }
    return (mine, tasks)
  }
}
