import Dispatch
import FlowTraceWire

/// The streaming diff's first step: whether two binary traces of one thread are the same run,
/// that is, the same records in the same order once timestamps, ids, pids and the numbering
/// of sites and threads are set aside. Then their call trees are equal and the diff has
/// nothing to report, which this finds at about the cost of decoding the files (one thread
/// each), much less than hashing every call's subtree (`TraceDigest`).
///
/// Each side folds its records into one running hash (`SameRunHash`); every `syncEvents`
/// records it posts the hash to a board the other side reads, so two traces that differ stop
/// both readers at the first post that disagrees (a difference in the first records costs
/// next to nothing; one near the end costs up to a decode of both). Not taken (nil, the
/// digest decides): more than one thread, child tasks, calls nested across threads, loss
/// records, calls left open, truncated or corrupt files.
enum SameRunCheck {
  /// Records between two posts.
  static let syncEvents = 1 << 14

  /// The number of calls of each trace when both are the same run, nil otherwise (they differ
  /// or the check does not apply). `chunkBytes`: how much each reader decodes between looks
  /// at the board.
  static func calls(_ a: TraceFile, _ b: TraceFile, chunkBytes: Int = 256 << 10) -> Int? {
    run(a, b, chunkBytes: chunkBytes).calls
  }

  /// What the check found: the calls of each trace when both are the same run, and the
  /// records each reader got through (less than all when it stopped early).
  struct Outcome {
    var calls: Int?
    var eventsRead: (Int, Int)
  }

  static func run(_ a: TraceFile, _ b: TraceFile, chunkBytes: Int = 256 << 10) -> Outcome {
    let board = SyncBoard()
    let sides = StreamingDiff.onBoth(a, b) { file -> (SameRunHash, Bool)? in
      var hash = SameRunHash(board: board, side: file === a ? 0 : 1)
      var decoder = TraceDecoder(source: file.path)
      var offset = 0
      while offset < file.bytes.count && !board.isStopped {
        let end = min(file.bytes.count, offset + chunkBytes)
        do {
          try decoder.feed(UnsafeRawBufferPointer(rebasing: file.bytes[offset..<end]), into: &hash)
        } catch {
          board.stop()
          return (hash, false)
        }
        offset = end
      }
      let complete = offset == file.bytes.count && (try? decoder.finish()) != nil
      guard complete && decoder.isEnded && hash.isComplete else {
        board.stop()
        return (hash, false)
      }
      return (hash, true)
    }
    guard let (x, okX) = sides.0, let (y, okY) = sides.1 else {
      return Outcome(calls: nil, eventsRead: (0, 0))
    }
    let same =
      okX && okY && x.hash == y.hash && x.events == y.events && x.calls == y.calls
      && x.threadName == y.threadName
    return Outcome(calls: same ? x.calls : nil, eventsRead: (x.events, y.events))
  }

  /// Where the two readers post their running hashes (and say when to give up).
  final class SyncBoard: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var posts: [[UInt64]] = [[], []]
    private var stopped = false

    /// Posts `side`'s next hash; false when the check is over (the other side posted
    /// another hash at the same place, or gave up).
    func post(_ side: Int, _ hash: UInt64) -> Bool {
      lock.wait()
      defer { lock.signal() }
      if stopped { return false }
      posts[side].append(hash)
      let k = posts[side].count - 1
      if k < posts[1 - side].count && posts[1 - side][k] != hash { stopped = true }
      return !stopped
    }

    func stop() {
      lock.wait()
      stopped = true
      lock.signal()
    }

    var isStopped: Bool {
      lock.wait()
      defer { lock.signal() }
      return stopped
    }
  }
}
