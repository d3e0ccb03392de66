import CFlowTraceRuntime
import FlowTraceTestSupport
import FlowTraceWire
import Foundation
import Testing

@testable import FlowTrace

extension RuntimeSuite {
  /// The collector's plain runs (records encoded straight, `Collector+Direct.swift`) against
  /// its general path (`handle`, one record at a time) on the same random records of several
  /// threads: the bytes must be the same.
  @Suite struct CollectorPlainRunTests {
    /// The addresses of call site texts, made once (never freed: records hold them).
    static let siteTexts: [UInt64] = (0..<20_000).map { index in
      UInt64(UInt(bitPattern: strdup("f\(index)\t_\tGen.swift\t\(index + 1)")))
    }

    /// One thread's records in batches, and the calls of it still open.
    struct ThreadScript {
      let index: UInt32
      var open: [UInt64] = []
      var seq: UInt64 = 0
      var task: UInt64 = 0
    }

    /// Random batches of records for `threads` threads: roots and nested calls at few and
    /// many sites (ids past 16,383), timing and arguments (Int, Double, Bool, kept values,
    /// strings) on some calls, returns with values of those kinds, task changes at the top, and children
    /// of another thread's open call (a task scope).
    static func script(
      seed: UInt64, threads: Int, batches: Int, sites: Int
    ) -> [[(thread: Int, record: RawRecord)]] {
      var generator = SplitMix(state: seed)
      var scripts = (0..<threads).map { ThreadScript(index: UInt32($0 + 1)) }
      var out: [[(thread: Int, record: RawRecord)]] = []
      // Sites are defined in order of first use: new ones (the many), the first few, and
      // the last few met again (so that late sites, with large ids, recur in plain runs).
      var recent = [0]
      func site() -> UInt64 {
        let index: Int
        switch Int.random(in: 0..<3, using: &generator) {
        case 0: index = Int.random(in: 0..<sites, using: &generator)
        case 1: index = Int.random(in: 0..<min(sites, 12), using: &generator)
        default: index = recent.randomElement(using: &generator)!
        }
        recent.append(index)
        if recent.count > 8 { recent.removeFirst() }
        return siteTexts[index]
      }
      func call(_ t: Int, parent: UInt64, extraFlags: UInt8, into batch: inout [(Int, RawRecord)]) {
        scripts[t].seq += 1
        let seq = scripts[t].seq
        var flags: UInt8 = 0
        switch Int.random(in: 0..<20, using: &generator) {
        case 0: flags = 4  // timing
        case 1:
          flags = 1  // arguments of each kind, strings (a text record) among them
          for _ in 0..<Int.random(in: 0..<4, using: &generator) {
            let kind: RecordKind = [.argInt, .argDouble, .argBool, .argValue, .argString]
              .randomElement(using: &generator)!
            let value =
              kind == .argDouble
              ? (Double(seq) / 8).bitPattern
              : kind == .argString ? UInt64.random(in: 0..<400, using: &generator) : UInt64(seq % 5)
            batch.append((t, RawRecord(kind: kind, flags: 0, a: 0, b: value, c: 0)))
          }
        case 2: flags = 2  // result collected
        default: break
        }
        batch.append(
          (
            t,
            RawRecord(
              kind: .call, flags: flags | extraFlags, spare: UInt16(truncatingIfNeeded: seq >> 32),
              spare2: UInt32(truncatingIfNeeded: seq), a: site(), b: parent,
              c: flags & 4 != 0 ? ft_ticks() : 0)
          ))
        scripts[t].open.append(UInt64(scripts[t].index) << 40 | seq)
      }
      func ret(_ t: Int, into batch: inout [(Int, RawRecord)]) {
        let id = scripts[t].open.removeLast()
        let record: RawRecord
        switch Int.random(in: 0..<20, using: &generator) {
        case 0: record = RawRecord(kind: .returnVoid, flags: 4, a: id, b: 0, c: ft_ticks())
        case 1, 3:
          // A result of each kind (with timing, sometimes).
          let kind: RecordKind = [
            .returnInt, .returnDouble, .returnBool, .returnValue, .returnString,
          ]
          .randomElement(using: &generator)!
          let value =
            kind == .returnDouble
            ? (Double(id & 0xFFFF) / 4).bitPattern
            : kind == .returnString ? UInt64.random(in: 0..<400, using: &generator) : id % 3
          let timed = Bool.random(using: &generator)
          record = RawRecord(
            kind: kind, flags: timed ? 6 : 2, a: id, b: value, c: timed ? ft_ticks() : 0)
        case 2: record = RawRecord(kind: .returnUncollected, flags: 0, a: id, b: 0, c: 0)
        default: record = RawRecord(kind: .returnVoid, flags: 0, a: id, b: 0, c: 0)
        }
        batch.append((t, record))
      }
      for _ in 0..<batches {
        var batch: [(Int, RawRecord)] = []
        for t in 0..<threads {
          for _ in 0..<Int.random(in: 0..<3_000, using: &generator) {
            let depth = scripts[t].open.count
            if depth == 0, Int.random(in: 0..<50, using: &generator) == 0 {
              scripts[t].task = Bool.random(using: &generator) ? 0 : UInt64(t * 10 + 7)
              batch.append(
                (t, RawRecord(kind: .task, flags: 0, a: scripts[t].task, b: 0, c: 0)))
            }
            if depth > 0, Int.random(in: 0..<200, using: &generator) == 0 {
              // A child in another thread's task scope: opened and ended within this batch,
              // while this thread's call stays open until a later one.
              let other = (t + 1) % threads
              if other != t, scripts[other].open.isEmpty {
                call(
                  other, parent: scripts[t].open.last!, extraFlags: RecordFlags.taskParent,
                  into: &batch)
                for _ in 0..<Int.random(in: 0..<4, using: &generator) {
                  call(other, parent: scripts[other].open.last!, extraFlags: 0, into: &batch)
                }
                while !scripts[other].open.isEmpty { ret(other, into: &batch) }
                break
              }
            }
            if depth == 0 || (depth < 40 && Int.random(in: 0..<10, using: &generator) < 5) {
              call(t, parent: scripts[t].open.last ?? 0, extraFlags: 0, into: &batch)
            } else {
              ret(t, into: &batch)
            }
          }
        }
        out.append(batch)
      }
      // Everything ends.
      var last: [(Int, RawRecord)] = []
      for t in 0..<threads { while !scripts[t].open.isEmpty { ret(t, into: &last) } }
      out.append(last)
      return out
    }

    /// The text of a string argument or result: up to about 400 characters (past the cut),
    /// quotes and non-ASCII among them, so some records are long and some are cut.
    static func text(_ pick: UInt64) -> String {
      let unit = ["a", "é", "\"", "🙂", "x y"][Int(pick % 5)]
      return String(repeating: unit, count: Int(pick))
    }

    /// A value an `argValue` record keeps.
    struct Kept: Sendable {
      let number: Int
      let name: String
    }

    /// The trace the collector writes for `script`, with or without plain runs.
    static func encode(
      _ script: [[(thread: Int, record: RawRecord)]], threads: Int, plainRuns: Bool
    ) -> (bytes: [UInt8], failures: Int, openCalls: [[CallStart]]) {
      let collector = Collector()
      collector.usesPlainRuns = plainRuns
      let recorders = (0..<threads).map {
        ThreadRecorder(index: UInt32($0 + 1), name: "t\($0 + 1)")
      }
      collector.fixedRecorders = recorders
      var encoder = TraceEncoder()
      // As a socket's encoder: the open calls kept for a viewer that connects again.
      encoder.keepsOpenCalls = true
      var openCalls: [[CallStart]] = []
      encoder.header(TraceHeader(pid: 1, program: "t", arguments: [], startWallNanos: 0))
      var failures = 0
      func drain(complete: Bool) {
        withUnsafeMutablePointer(to: &encoder) { pointer in
          collector.direct = pointer
          defer { collector.direct = nil }
          collector.drain(complete: complete) { event in
            do { try pointer.pointee.encode(event) } catch { failures += 1 }
          }
        }
        failures += collector.takeDirectFailures()
      }
      for batch in script {
        for (thread, record) in batch {
          if record.kind == .argValue || record.kind == .returnValue {
            // A value kept for the collector to render (`b` picks it).
            let value = Kept(number: Int(record.b), name: "v\(record.b)")
            recorders[thread].hot.append(
              value: value, kind: record.kind, a: record.a, flags: record.flags, c: record.c)
            if record.kind == .returnValue { recorders[thread].hot.commit() }
            continue
          }
          if record.kind == .argString || record.kind == .returnString {
            // A string argument or result: its text (`b` picks it) in the record's text slot.
            var textless = record
            textless.b = 0
            recorders[thread].hot.append(textless, text: Self.text(record.b))
            if record.kind == .returnString { recorders[thread].hot.commit() }
            continue
          }
          recorders[thread].hot.append(record)
          // Committed in pieces, as threads publish.
          if !Collector.isTextlessArgument(record.kind) { recorders[thread].hot.commit() }
        }
        for recorder in recorders { recorder.hot.commit() }
        drain(complete: false)
        openCalls.append(encoder.openCalls)
      }
      drain(complete: true)
      encoder.end()
      return (encoder.bytes, failures, openCalls)
    }

    /// Long runs of calls with long string arguments and results (no timing to end a run),
    /// so that runs fill their scratch memory: a call or result that does not fit ends the run
    /// and the general path writes it (a result rendered by the run is not rendered again).
    @Test func fullRunsHandTheirLastRecordToTheGeneralPath() {
      var batch: [(thread: Int, record: RawRecord)] = []
      for seq in UInt64(1)...3_000 {
        let pick = 100 + seq % 300
        batch.append((0, RawRecord(kind: .argString, flags: 0, a: 0, b: pick, c: 0)))
        batch.append(
          (
            0,
            RawRecord(
              kind: .call, flags: 3, spare: 0, spare2: UInt32(seq), a: Self.siteTexts[Int(seq % 3)],
              b: 0, c: 0)
          ))
        let kind: RecordKind = seq % 2 == 0 ? .returnString : .returnValue
        batch.append((0, RawRecord(kind: kind, flags: 2, a: 1 << 40 | seq, b: pick, c: 0)))
      }
      let general = Self.encode([batch], threads: 1, plainRuns: false)
      let fast = Self.encode([batch], threads: 1, plainRuns: true)
      #expect(general.failures == 0 && fast.failures == 0)
      #expect(fast.bytes.count == general.bytes.count)
      let mismatch = fast.bytes.indices.first {
        $0 < general.bytes.count && fast.bytes[$0] != general.bytes[$0]
      }
      #expect(mismatch == nil, "first differing byte at \(mismatch ?? -1)")
      #expect(DecodedTrace(binary: fast.bytes).error == nil)
    }

    @Test(
      arguments: [(1, 1, 30), (2, 3, 30), (3, 2, 20_000), (4, 3, 20_000)] as [(UInt64, Int, Int)])
    func plainRunsWriteWhatTheGeneralPathWrites(seed: UInt64, threads: Int, sites: Int) {
      let script = Self.script(
        seed: seed, threads: threads, batches: sites > 1000 ? 100 : 40, sites: sites)
      let general = Self.encode(script, threads: threads, plainRuns: false)
      let fast = Self.encode(script, threads: threads, plainRuns: true)
      #expect(general.failures == 0)
      #expect(fast.failures == 0)
      #expect(fast.bytes.count == general.bytes.count)
      let mismatch = fast.bytes.indices.first {
        $0 < general.bytes.count && fast.bytes[$0] != general.bytes[$0]
      }
      #expect(mismatch == nil, "first differing byte at \(mismatch ?? -1)")
      let decoded = DecodedTrace(binary: fast.bytes)
      #expect(decoded.error == nil)
      #expect(fast.openCalls == general.openCalls)
      let calls = script.joined().filter { $0.record.kind == .call }.count
      #expect(decoded.events.filter { if case .call = $0 { true } else { false } }.count == calls)
    }
  }
}
