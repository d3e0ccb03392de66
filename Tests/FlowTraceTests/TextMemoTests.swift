import Foundation
import Testing

@testable import FlowTrace

/// The texts of collections kept for their storage (`TextMemo`): per thread, and right after
/// a change.
@Suite struct TextMemoTests {
  @Test func aChangedCollectionShowsItsNewText() {
    onRecordingThread {
      var table = ["alpha": 1]
      let first = ValueRender.render(table, limit: 200)
      #expect(ValueRender.render(table, limit: 200) == first)
      table["alpha"] = 2  // the memo's copy makes this a new storage, not a change in place
      #expect(ValueRender.render(table, limit: 200) == #"["alpha": 2]"#)
      var list = [1, 2, 3]
      #expect(ValueRender.render(list, limit: 200) == "[1, 2, 3]")
      list.append(4)
      #expect(ValueRender.render(list, limit: 200) == "[1, 2, 3, 4]")
      // Another limit is another text.
      #expect(ValueRender.render(list, limit: 4) == "[1,…")
    }
  }

  @Test func eachThreadKeepsItsOwnText() {
    let table = ["beta": 2, "gamma": 3]
    // Settled: a plan another test is building meanwhile reads as `.dynamic` for this use.
    guard case .reflecting(.memoized(let memo, _)) = settledPlan(for: [String: Int].self).style
    else {
      Issue.record("a dictionary of strings and numbers is memoized")
      return
    }
    // The text this thread keeps for `table` at 200 characters, if any.
    @Sendable func kept() -> String? {
      BoundedText.withStream(limit: 200) { out in
        withUnsafePointer(to: table) { memo.write($0, into: &out) } ? out.text : nil
      }
    }
    onRecordingThread {
      let text = ValueRender.render(table, limit: 200)
      #expect(kept() == text)
      onRecordingThread {
        // Not rendered on this thread yet: nothing kept here; rendered, the same text.
        #expect(kept() == nil)
        #expect(ValueRender.render(table, limit: 200) == text)
        #expect(kept() == text)
      }
    }
  }
}
