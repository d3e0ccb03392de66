import Testing

@testable import FlowTraceTUI

@Suite("Live follow mode")
struct LiveFollowTests {
  @Test func followsTheNewestRowUntilMovedUp() {
    var follow = LiveFollow()
    #expect(follow.isFollowing)
    #expect(follow.label == "FOLLOW")
    #expect(follow.row(current: 3, rowCount: 10) == 9)
    follow.selectionMoved(from: 9, to: 9)
    #expect(follow.isFollowing)
    follow.selectionMoved(from: 9, to: 8)
    #expect(!follow.isFollowing)
    #expect(follow.label == "PAUSED")
    #expect(follow.row(current: 8, rowCount: 20) == 8)
    follow.selectionMoved(from: 8, to: 19)
    #expect(!follow.isFollowing)
    follow.resume()
    #expect(follow.row(current: 8, rowCount: 20) == 19)
  }

  @Test func toggleAndEmptyTree() {
    var follow = LiveFollow(following: false)
    let on = follow.toggle()
    #expect(on && follow.isFollowing)
    let off = follow.toggle()
    #expect(!off && !follow.isFollowing)
    #expect(follow.row(current: 5, rowCount: 0) == 0)
    #expect(follow.row(current: 5, rowCount: 3) == 2)
  }
}
