import FlowTraceWire

extension ContextTreePrinter {
  // The order of trees is `TreeTextPrinter`'s (streaming): a root that starts while no root
  // is open prints as it goes; a root that starts while one is open waits in `openRoots`.
  // A waiting root that ends goes to `waiting`. When the current root ends, the losses held
  // back, then the `waiting` trees print, and the first open root becomes current: it prints
  // whole when it ends.

  mutating func rootStarted(_ number: Int) {
    if current < 0 {
      current = number
      currentDirect = true
    } else {
      openRoots.append(number)
    }
  }

  mutating func rootEnded(_ number: Int) {
    if number != current {
      if let position = openRoots[openHead...].firstIndex(of: number) {
        openRoots.remove(at: position)
      }
      let tree = buffers.base + number + 1
      waiting.append(tree.pointee, 0, tree.pointee.count)
      tree.pointee.count = 0
      return
    }
    if !currentDirect { moveTree(number) }
    nextRoot()
  }

  /// Appends context `number`'s tree to the output.
  mutating func moveTree(_ number: Int) {
    let tree = buffers.base + number + 1
    buffers.base[0].append(tree.pointee, 0, tree.pointee.count)
    tree.pointee.count = 0
  }

  /// After the current root: held losses, waiting trees, then the next open root.
  mutating func nextRoot() {
    current = -1
    currentDirect = false
    flushLoss(depth: 0)
    buffers.base[0].append(waiting, 0, waiting.count)
    waiting.count = 0
    if openHead < openRoots.count {
      current = openRoots[openHead]
      openHead += 1
      if openHead > 64, openHead * 2 > openRoots.count {
        openRoots.removeFirst(openHead)
        openHead = 0
      }
    }
    if buffers.base[0].count >= SequenceTreePrinter.block { drain() }
  }

  /// Prints what is left at the end of the input: the current root and every open root in
  /// turn, their open calls as entry lines, then the losses not printed yet.
  mutating func finish() {
    while current >= 0 {
      let number = current
      let context = contexts.base + number
      printUnfinished(context, to: target(number))
      context.pointee.frames.removeAll()
      context.pointee.ids.removeAll()
      context.pointee.hidden.removeAll()
      if !currentDirect { moveTree(number) }
      nextRoot()
    }
    flushLoss(depth: 0)
    drain()
  }

  /// Hands the text written so far to `write`.
  mutating func drain() {
    let out = buffers.base
    if !stopped, out.pointee.count > 0, !write(out.pointee.bytes) { stopped = true }
    out.pointee.count = 0
  }
}
