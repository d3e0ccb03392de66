import Testing

@testable import FlowTraceTUI

@Suite struct InputTests {
  @Test(arguments: [
    (Key.char("j"), Action.moveDown), (.down, .moveDown), (.char("k"), .moveUp),
    (.up, .moveUp), (.pageDown, .pageDown), (.pageUp, .pageUp), (.ctrl("d"), .halfPageDown),
    (.ctrl("u"), .halfPageUp), (.char("g"), .top), (.home, .top), (.char("G"), .bottom),
    (.end, .bottom), (.char("z"), .center), (.char("h"), .collapseOrParent),
    (.left, .collapseOrParent), (.char("l"), .expandOrChild), (.right, .expandOrChild),
    (.char(" "), .toggleFold), (.enter, .activate), (.char("E"), .expandAll),
    (.char("C"), .collapseAll), (.char("1"), .expandToDepth(1)), (.char("9"), .expandToDepth(9)),
    (.char("H"), .parent), (.char("J"), .nextSibling), (.char("K"), .previousSibling),
    (.char("L"), .slowestChild), (.char("x"), .nextError), (.char("X"), .previousError),
    (.char("/"), .startSearch), (.char("n"), .nextMatch), (.char("N"), .previousMatch),
    (.escape, .cancel), (.char("\\"), .startFilter), (.function(4), .startFilter),
    (.char("F"), .toggleFollow), (.tab, .switchFocus), (.char("["), .previousTab),
    (.char("]"), .nextTab), (.char("w"), .save), (.char("?"), .help), (.function(1), .help),
    (.char("q"), .quit), (.ctrl("c"), .forceQuit), (.resize, .resize), (.ctrl("z"), .suspend),
    (.ctrl("l"), .redraw),
  ])
  func designKeyMap(key: Key, action: Action) {
    #expect(KeyMap.action(for: key) == action)
  }

  @Test func unboundKeysDoNothing() {
    #expect(KeyMap.action(for: .char("Q")) == nil)
    #expect(KeyMap.action(for: .function(12)) == nil)
  }

  @Test func everyBindingKeyMapsToItsOwnAction() {
    var seen: [Key: Action] = [:]
    for binding in KeyMap.bindings {
      for key in binding.keys {
        #expect(seen[key] == nil, "\(key) bound twice")
        seen[key] = binding.action
        #expect(KeyMap.action(for: key) == binding.action)
      }
    }
  }

  @Test func terminalBytesDecodeToKeys() {
    #expect(Key.fromScalar(0x04) == .ctrl("d"))
    #expect(Key.fromScalar(0x03) == .ctrl("c"))
    #expect(Key.fromScalar(0x0D) == .enter)
    #expect(Key.fromScalar(0x1B) == .escape)
    #expect(Key.fromScalar(0x7F) == .backspace)
    #expect(Key.fromScalar(0x09) == .tab)
    #expect(Key.fromScalar(0x65E5) == .char("日"))
  }

  @Test func lineEditorEditsAndSubmits() {
    var editor = LineEditor()
    for c in "fib parse" { _ = editor.handle(.char(c)) }
    #expect(editor.handle(.ctrl("w")) == .edited)
    #expect(editor.string == "fib ")
    _ = editor.handle(.home)
    _ = editor.handle(.char("-"))
    #expect(editor.string == "-fib ")
    #expect(editor.cursor == 1)
    _ = editor.handle(.delete)
    #expect(editor.string == "-ib ")
    _ = editor.handle(.ctrl("k"))
    #expect(editor.string == "-")
    _ = editor.handle(.backspace)
    #expect(editor.string == "")
    #expect(editor.handle(.backspace) == .cancel)
    _ = editor.handle(.char("x"))
    #expect(editor.handle(.enter) == .submit("x"))
    #expect(editor.handle(.escape) == .cancel)
  }

  @Test func lineEditorWalksHistory() {
    var editor = LineEditor(history: ["one", "two"])
    _ = editor.handle(.up)
    #expect(editor.string == "two")
    _ = editor.handle(.up)
    #expect(editor.string == "one")
    #expect(editor.handle(.up) == .ignored)
    _ = editor.handle(.down)
    _ = editor.handle(.down)
    #expect(editor.string == "")
  }
}
