import Foundation
import Testing

@testable import FlowTrace

/// The texts of collections kept for their storage (`TextMemo`): per thread, right after a
/// change, and what the recording thread does with a collection it rendered last.
@Suite struct TextMemoTests {
  /// Runs `body` on a new thread that has a recorder (as a traced thread has).
  private func onRecordingThread(_ body: @escaping @Sendable () -> Void) {
    onThread {
      _ = ThreadRecorder.current
      body()
    }
  }

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
    let memo = RenderPlans.plan(for: [String: Int].self).memo
    #expect(memo != nil)
    onRecordingThread {
      let text = ValueRender.render(table, limit: 200)
      withUnsafePointer(to: table) { #expect(memo?.keepsText(of: $0, limit: 200) == true) }
      onRecordingThread {
        // Not rendered on this thread yet: nothing kept here; rendered, the same text.
        withUnsafePointer(to: table) { #expect(memo?.keepsText(of: $0, limit: 200) == false) }
        #expect(ValueRender.render(table, limit: 200) == text)
        withUnsafePointer(to: table) { #expect(memo?.keepsText(of: $0, limit: 200) == true) }
      }
    }
  }

  @Test func aCollectionThisThreadRenderedLastIsRecordedAsItsText() {
    onRecordingThread {
      let table = ["delta": 4]
      let hot = ThreadRecorder.current
      let limit = Runtime.shared.maxValueLength
      // Not kept yet: the value is copied for the writer.
      hot.append(value: table, kind: .argValue, a: 0, flags: 0, c: 0)
      #expect(hot.pointee.records[hot.pointee.count - 1].spare == KeptValue.inChunk)
      _ = ValueRender.render(table, limit: limit)
      // Kept: its text goes in instead (no copy of the dictionary).
      hot.append(value: table, kind: .argValue, a: 0, flags: 0, c: 0)
      let record = hot.pointee.records[hot.pointee.count - 1]
      #expect(record.spare == KeptValue.rendered)
      #expect(Int(record.b) == #"["delta": 4]"#.utf8.count)
    }
  }
}
