import FlowTraceExplorer
import FlowTraceText
import FlowTraceWire

extension ExplorerState {
  /// Rows of the tree pane in the last layout (for paging).
  var treeRows: Int { max(1, layout(for: lastSize).tree.rows) }

  mutating func moveCursor(to row: Int) {
    guard outline.rowCount > 0 else { return }
    cursor = max(0, min(outline.rowCount - 1, row))
    detailScroll = 0
    detailSelection = 0
  }

  /// Moves the cursor to `node`, unfolding its ancestors; false when the filter hides it.
  @discardableResult
  mutating func jump(to node: Int) -> Bool {
    guard let row = outline.reveal(node, in: document.tree) else { return false }
    moveCursor(to: row)
    return true
  }

  mutating func performInTree(_ action: Action) {
    guard let node = currentNode else {
      message = .info("nothing to show")
      return
    }
    switch action {
    case .moveDown: moveCursor(to: cursor + 1)
    case .moveUp: moveCursor(to: cursor - 1)
    case .pageDown: moveCursor(to: cursor + treeRows)
    case .pageUp: moveCursor(to: cursor - treeRows)
    case .halfPageDown: moveCursor(to: cursor + treeRows / 2)
    case .halfPageUp: moveCursor(to: cursor - treeRows / 2)
    case .top: moveCursor(to: 0)
    case .bottom: moveCursor(to: outline.rowCount - 1)
    case .center: scroll = max(0, cursor - treeRows / 2)
    case .collapseOrParent:
      if tree.hasChildren(node) && !outline.isCollapsed(node) {
        outline.collapse(node, in: document.tree)
      } else if let parent = tree.parent(of: node) {
        jump(to: parent)
      }
    case .expandOrChild:
      if tree.hasChildren(node) && outline.isCollapsed(node) {
        outline.expand(node, in: document.tree)
      } else if cursor + 1 < outline.rowCount,
        tree.parent(of: outline.node(atRow: cursor + 1)) == node
      {
        moveCursor(to: cursor + 1)
      }
    case .toggleFold, .activate:
      if tree.hasChildren(node) { outline.toggle(node, in: document.tree) }
    case .expandAll:
      outline.expandAll(in: document.tree)
      keepCursor(on: node)
    case .collapseAll:
      outline.collapseAll(in: document.tree)
      keepCursor(on: node)
    case .expandToDepth(let depth):
      outline.expand(toDepth: depth, in: document.tree)
      keepCursor(on: node)
      message = .info("expanded to depth \(depth)")
    case .parent:
      if let parent = tree.parent(of: node) {
        jump(to: parent)
      } else {
        message = .info("at the top")
      }
    case .nextSibling:
      if let next = visibleSibling(of: node, forward: true) {
        jump(to: next)
      } else {
        message = .info("no next sibling")
      }
    case .previousSibling:
      if let previous = visibleSibling(of: node, forward: false) {
        jump(to: previous)
      } else {
        message = .info("no previous sibling")
      }
    case .slowestChild:
      if let child = outline.slowestChild(of: node, in: document.tree) {
        jump(to: child)
      } else {
        message = .info(tree.hasChildren(node) ? "no timed child" : "no children")
      }
    case .nextError: jumpToError(from: node, forward: true)
    case .previousError: jumpToError(from: node, forward: false)
    default: break
    }
  }

  /// Keeps the cursor on `node`, or on its nearest visible ancestor after a bulk fold.
  mutating func keepCursor(on node: Int) {
    var candidate: Int? = node
    while let c = candidate {
      if let row = outline.row(of: c, in: document.tree) {
        moveCursor(to: row)
        return
      }
      candidate = tree.parent(of: c)
    }
    moveCursor(to: min(cursor, outline.rowCount - 1))
  }

  func visibleSibling(of node: Int, forward: Bool) -> Int? {
    forward
      ? outline.nextSibling(of: node, in: document.tree)
      : outline.previousSibling(of: node, in: document.tree)
  }

  mutating func jumpToError(from node: Int, forward: Bool) {
    let hit =
      forward
      ? outline.nextError(after: node, in: document.tree)
      : outline.previousError(before: node, in: document.tree)
    guard let hit, hit.node != node || tree.hasError(node) else {
      message = .info("no call threw or caught an error")
      return
    }
    jump(to: hit.node)
    if hit.wrapped {
      message = .info(
        forward ? "error search wrapped to the top" : "error search wrapped to the bottom")
    }
  }

  mutating func performInDetail(_ action: Action) {
    let lines = detailLines(width: max(10, layout(for: lastSize).detail?.cols ?? 40)).count
    let jumpable = detailTargets()
    let page = max(1, (layout(for: lastSize).detail?.rows ?? 2) - 1)
    switch action {
    case .moveDown:
      if !jumpable.isEmpty {
        detailSelection = min(jumpable.count - 1, detailSelection + 1)
      } else {
        detailScroll = min(max(0, lines - page), detailScroll + 1)
      }
    case .moveUp:
      if !jumpable.isEmpty {
        detailSelection = max(0, detailSelection - 1)
      } else {
        detailScroll = max(0, detailScroll - 1)
      }
    case .pageDown, .halfPageDown: detailScroll = min(max(0, lines - page), detailScroll + page)
    case .pageUp, .halfPageUp: detailScroll = max(0, detailScroll - page)
    case .top: detailScroll = 0
    case .bottom: detailScroll = max(0, lines - page)
    case .collapseOrParent: cycleTab(-1)
    case .expandOrChild: cycleTab(1)
    case .activate, .toggleFold:
      guard detailSelection < jumpable.count else { return }
      let target = jumpable[detailSelection]
      if jump(to: target) {
        focus = .tree
        message = .info(
          "jumped to \(Sanitizer.clean(tree.callText(of: target), ascii: context.ascii))")
      } else {
        message = .error("that call is hidden by the filter")
      }
    default:
      performInTree(action)
    }
  }
}
