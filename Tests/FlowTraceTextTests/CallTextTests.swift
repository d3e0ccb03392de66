import FlowTraceText
import Testing

/// The argument-list rule every view shares.
@Suite struct CallTextTests {
  @Test(arguments: [
    (["_", "_"], ["3", "3"], "3, 3"),
    (["y"], ["10"], "y: 10"),
    (["_", "to"], ["1", "2"], "1, to: 2"),
    (["", "to"], ["1", "2"], "1, to: 2"),
    ([], ["1", "2"], "1, 2"),  // fewer labels than values (an imported trace)
    (["a", "b"], [], ""),
  ])
  func argumentsReadAsTheCallSite(labels: [String], values: [String], expected: String) {
    #expect(CallText.argumentList(labels: labels, values: values) == expected)
  }

  @Test func shownLabels() {
    #expect(CallText.shownLabel(at: 0, in: ["_"]) == nil)
    #expect(CallText.shownLabel(at: 0, in: [""]) == nil)
    #expect(CallText.shownLabel(at: 1, in: ["x"]) == nil)
    #expect(CallText.shownLabel(at: 1, in: ["x", "of"]) == "of")
  }
}
