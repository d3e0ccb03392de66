import FlowTraceExplorer
import Foundation
import Testing

@testable import FlowTraceTUI

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Live byte log")
struct LiveByteLogTests {
  @Test func keepsEveryByteAcrossBlocks() {
    var log = LiveByteLog()
    var all: [UInt8] = []
    var seed: UInt32 = 7
    for size in [1, 1000, 700_000, 500_000, 3, 1_400_000] {
      let piece = (0..<size).map { _ -> UInt8 in
        seed = seed &* 1_103_515_245 &+ 12345
        return UInt8(truncatingIfNeeded: seed >> 16)
      }
      piece.withUnsafeBytes { log.append($0) }
      all += piece
    }
    #expect(log.count == all.count)
    #expect(log.blocks.count == (all.count + LiveByteLog.blockSize - 1) / LiveByteLog.blockSize)
    #expect(log.prefix(all.count) == all)
    #expect(log.prefix(12345) == Array(all[..<12345]))
    // Reading in runs never crosses a block and walks every byte once.
    var offset = 0
    var read: [UInt8] = []
    while offset < log.count {
      let n = log.withBytes(from: offset, limit: 300_000) { raw -> Int in
        read.append(contentsOf: raw)
        return raw.count
      }
      #expect(n > 0 && n <= 300_000)
      #expect((offset % LiveByteLog.blockSize) + n <= LiveByteLog.blockSize)
      offset += n
    }
    #expect(read == all)
    #expect(log.withBytes(from: log.count, limit: 10) { $0.count } == 0)
  }

  @Test func aStreamLargerThanABlockDecodesAndSavesWhole() throws {
    let dir = LiveTempDir()
    defer { dir.remove() }
    let session = LiveSession(listener: try LiveListener(path: dir.file("big.sock")))
    let client = liveConnect(session.path)
    defer { close(client) }
    let stream = LiveStreams.encode(LiveStreams.header("big", pid: 3), LiveStreams.fibEvents(24))
    #expect(stream.count > 2 * LiveByteLog.blockSize)
    // Larger than the socket buffer: send from another thread while the loop reads.
    Thread.detachNewThread { liveSend(client, stream) }
    var tree = CallTree()
    var messages: [String] = []
    #expect(
      livePump(session, &tree, messages: &messages) { $0.callCount == LiveStreams.fibCalls(24) })
    let result = session.save(to: dir.path, tree: tree)
    #expect(result.files == [dir.file("flowtrace-big-3.ftrace")])
    #expect(liveReadFile(dir.file("flowtrace-big-3.ftrace")) == stream)
  }
}
