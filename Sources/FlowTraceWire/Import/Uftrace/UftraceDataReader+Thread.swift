extension UftraceDataReader {
  /// An entry waiting for its exit.
  private struct Open {
    var span: Int
    var address: UInt64
    var name: String
  }

  /// Reads the records of one `<tid>.dat` file.
  mutating func readThread(
    _ bytes: UnsafeRawBufferPointer, tid: Int64, pid: Int64, path: String,
    into builder: inout ChromeTraceBuilder
  ) throws(TraceFormatError) {
    let file = path
    func fail(_ offset: Int, _ message: String) -> TraceFormatError {
      TraceFormatError(source: file, offset: offset, message: message)
    }
    let thread = builder.thread(pid, tid)
    var stack: [Open] = []
    var offset = 0
    var lastTime: UInt64 = 0
    var lost = 0
    var events = 0
    var inherited = 0
    var sessionID = ""
    var table = UftraceSymbolTable()
    while offset < bytes.count {
      guard offset + UftraceRecord.size <= bytes.count else {
        notes.append(cut(file, offset, "inside a record"))
        break
      }
      let record = UftraceRecord(bytes, at: offset)
      guard record.magic == UftraceRecord.validMagic else {
        throw fail(offset, "bad record magic \(record.magic) (expected 5): not uftrace data")
      }
      guard record.time >= lastTime else {
        throw fail(offset, "time goes backwards (\(record.time) after \(lastTime))")
      }
      lastTime = record.time
      var next = offset + UftraceRecord.size
      let data = UnsafeRawBufferPointer(rebasing: bytes[next...])
      switch record.kind {
      case .entry, .exit:
        if sessionID.isEmpty || tasks.sessions.count > 1,
          let session = tasks.session(pid: pid, at: record.time), session.sid != sessionID
        {
          sessionID = session.sid
          table = try self.table(sessionID)
          noteProgram(pid, session.exename, &builder)
        }
        guard let symbol = table.index(of: record.address) else {
          throw fail(
            offset,
            "address 0x\(String(record.address, radix: 16)) is in no function of "
              + "sid-\(sessionID).map and its .sym files")
        }
        let name = table.symbols[symbol].name
        var texts: [String]?
        if record.more {
          let values = self.values(
            sessionID, symbol, name, isReturn: record.kind == .exit)
          guard !values.isEmpty else {
            throw fail(offset, "data follows a record of \(name) but no -A/-R spec names it")
          }
          guard
            let (read, consumed) = UftraceValueText.read(
              values, from: data, symbol: { table.index(of: $0).map { table.symbols[$0].name } })
          else {
            notes.append(cut(file, offset, "inside the values after a record"))
            return
          }
          texts = read
          next += consumed
        }
        if record.kind == .entry {
          let site = self.site(
            sessionID, symbol, name, arguments: texts?.count ?? 0, &builder)
          let span = builder.addSpan(
            thread: thread, start: Int64(record.time), end: ChromeSpan.unfinished, site: site,
            arguments: texts, result: nil, offset: offset)
          builder.threads[thread].open.append(span)
          stack.append(Open(span: span, address: record.address, name: name))
        } else if let top = stack.last, top.address == record.address {
          stack.removeLast()
          builder.threads[thread].open.removeLast()
          builder.endSpan(
            thread: thread, span: top.span, end: Int64(record.time), result: texts?.first)
        } else if stack.isEmpty && tasks.parents[pid] != nil {
          // A forked child returns from the calls its parent entered (fork itself first).
          inherited += 1
        } else if lost == 0 {
          let open = stack.last.map { "the open call is \($0.name)" } ?? "no call is open"
          throw fail(offset, "an exit of \(name) at depth \(record.depth), but \(open)")
        }
      case .event, .lost:
        if record.kind == .lost {
          // uftrace lost records here: calls open now may never see their exit.
          lost += Int(record.address)
          stack.removeAll()
        } else {
          events += 1
        }
        if record.more {
          guard data.count >= 2 else {
            notes.append(cut(file, offset, "inside an event's data"))
            return
          }
          let length = Int(data[0]) | Int(data[1]) << 8
          next += UftraceValueText.align(length + 2, 8)
        }
      }
      offset = next
    }
    if offset > bytes.count { notes.append(cut(file, bytes.count, "inside a record's padding")) }
    if inherited > 0 {
      notes.append("\(file): \(inherited) exits of calls entered before the fork skipped")
    }
    if lost > 0 { notes.append("\(file): uftrace lost \(lost) records on thread \(tid)") }
    if events > 0 { notes.append("\(file): \(events) event records skipped (not calls)") }
  }

  private func cut(_ file: String, _ offset: Int, _ where: String) -> String {
    "\(file): byte \(offset): the file ends \(`where`): read up to there"
  }

  private mutating func noteProgram(
    _ pid: Int64, _ exename: String, _ builder: inout ChromeTraceBuilder
  ) {
    guard builder.processNames[pid] == nil else { return }
    builder.processNames[pid] = exename.split(separator: "/").last.map(String.init) ?? exename
    builder.noteProcess(pid)
  }

  /// The values saved with a record of symbol `index` (`name`), found once per symbol.
  private mutating func values(
    _ sid: String, _ index: Int, _ name: String, isReturn: Bool
  ) -> [UftraceArgumentSpec.Value] {
    let key = index * 2 + (isReturn ? 1 : 0)
    if let values = valueSpecs[sid]?[key] { return values }
    let values =
      (specs.values(for: name) ?? autoSpecs.values(for: name))?.filter {
        $0.isReturn == isReturn
      } ?? []
    valueSpecs[sid, default: [:]][key] = values
    return values
  }

  /// The site of symbol `index` of the current session with `arguments` values, made once.
  private mutating func site(
    _ sid: String, _ index: Int, _ name: String, arguments: Int, _ builder: inout ChromeTraceBuilder
  ) -> UInt32 {
    let key = index * 2 + (arguments > 0 ? 1 : 0)
    if let site = sites[sid]?[key] { return site }
    let site = builder.site(name: name, labels: Array(repeating: "_", count: arguments))
    sites[sid, default: [:]][key] = site
    return site
  }
}
