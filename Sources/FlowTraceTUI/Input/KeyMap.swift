/// One documented binding: the keys, what they do, and the help text.
package struct KeyBinding: Sendable {
  package var section: String
  package var keys: [Key]
  package var action: Action
  package var help: String
}

/// Keys to actions, as a pure table (DESIGN.md's key map). The help overlay lists this table,
/// so every key that does something is documented.
package enum KeyMap {
  package static let bindings: [KeyBinding] = {
    var b: [KeyBinding] = []
    func add(_ section: String, _ keys: [Key], _ action: Action, _ help: String) {
      b.append(KeyBinding(section: section, keys: keys, action: action, help: help))
    }
    add("Move", [.char("j"), .down], .moveDown, "next row")
    add("Move", [.char("k"), .up], .moveUp, "previous row")
    add("Move", [.pageDown, .ctrl("f")], .pageDown, "page down")
    add("Move", [.pageUp, .ctrl("b")], .pageUp, "page up")
    add("Move", [.ctrl("d")], .halfPageDown, "half page down")
    add("Move", [.ctrl("u")], .halfPageUp, "half page up")
    add("Move", [.char("g"), .home], .top, "first row")
    add("Move", [.char("G"), .end], .bottom, "last row")
    add("Move", [.char("z")], .center, "centre the cursor row")
    add("Fold", [.char("h"), .left], .collapseOrParent, "collapse, or go to parent")
    add("Fold", [.char("l"), .right], .expandOrChild, "expand, or go to first child")
    add("Fold", [.char(" ")], .toggleFold, "toggle fold")
    add("Fold", [.char("E")], .expandAll, "expand all")
    add("Fold", [.char("C")], .collapseAll, "collapse all")
    for n in 1...9 {
      add("Fold", [.char(Character(String(n)))], .expandToDepth(n), "expand to depth \(n)")
    }
    add("Tree", [.char("H")], .parent, "parent call")
    add("Tree", [.char("J")], .nextSibling, "next sibling")
    add("Tree", [.char("K")], .previousSibling, "previous sibling")
    add("Tree", [.char("L")], .slowestChild, "slowest child")
    add("Tree", [.char("x")], .nextError, "next call that threw or caught")
    add("Tree", [.char("X")], .previousError, "previous call that threw or caught")
    add("Search", [.char("/")], .startSearch, "search (smart case; re: for a regex)")
    add("Search", [.char("n")], .nextMatch, "next match")
    add("Search", [.char("N")], .previousMatch, "previous match")
    add("Search", [.escape], .cancel, "cancel prompt, clear search, close overlay")
    add("Filter", [.char("\\"), .function(4)], .startFilter, "filter (empty clears)")
    add("Live", [.char("F")], .toggleFollow, "toggle follow (live)")
    add("Live", [.char("w")], .save, "save a live session to a file")
    add("Panes", [.tab, .backTab], .switchFocus, "switch focus tree/detail")
    add("Panes", [.char("[")], .previousTab, "previous detail tab")
    add("Panes", [.char("]")], .nextTab, "next detail tab")
    add("Panes", [.enter], .activate, "toggle fold (tree), jump to step (detail)")
    add("Panes", [.char("p")], .toggleDetail, "show/hide the detail pane")
    add("Panes", [.char("+"), .char("=")], .growDetail, "widen the detail pane")
    add("Panes", [.char("-")], .shrinkDetail, "narrow the detail pane")
    add("Panes", [.char("o")], .flipDetail, "detail pane right/below/auto")
    add("Diff", [.char("d")], .nextDifference, "next difference (diff view)")
    add("Diff", [.char("D")], .previousDifference, "previous difference (diff view)")
    add("Diff", [.char("v")], .differencesOnly, "show only differences, or everything")
    add("Diff", [.char("c")], .compareTrace, "compare with a second trace (prompt)")
    add("Other", [.char("?"), .function(1)], .help, "this help")
    add("Other", [.char("q")], .quit, "close overlay, or quit")
    add("Other", [.ctrl("c")], .forceQuit, "quit")
    add("Other", [.ctrl("l")], .redraw, "redraw the screen")
    add("Other", [.ctrl("z")], .suspend, "suspend (fg resumes)")
    return b
  }()

  private static let table: [Key: Action] = {
    var t: [Key: Action] = [.resize: .resize]
    for binding in bindings {
      for key in binding.keys where t[key] == nil { t[key] = binding.action }
    }
    return t
  }()

  /// The action a key asks for in the tree or detail pane, or nil when it means nothing.
  package static func action(for key: Key) -> Action? {
    table[key]
  }

  /// The keys bound to `action`, for messages ("press ? for help").
  package static func keys(for action: Action) -> [Key] {
    bindings.filter { $0.action == action }.flatMap(\.keys)
  }
}
