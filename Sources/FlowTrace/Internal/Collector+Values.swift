import FlowTraceWire

// The texts of argument and result records, written as UTF-8 bytes: arguments into the
// thread's `pendingArgs`, a result into the collector's `resultText`, with no `String` made
// on the way to the direct encoder.

extension Collector {
  /// Appends the text of an argument record to the thread's pending arguments.
  func appendArgument(_ record: RawRecord, text: String?, _ recorder: ThreadRecorder) {
    if record.kind == .argValue, record.spare == KeptValue.rendered {
      // Rendered (and cut) when it was recorded: its bytes go straight to the list.
      return record.withRenderedText(in: recorder.readChunk) {
        recorder.pendingArgs.append(utf8: $0)
      }
    }
    writeValue(record, text: text, recorder)
    resultText.withText { recorder.pendingArgs.append(utf8: $0) }
  }

  /// Writes the text of a value record (argument or result) into `resultText`.
  func writeValue(_ record: RawRecord, text: String?, _ recorder: ThreadRecorder) {
    resultText.restart(limit: maxValueLength, store: valueStore)
    switch record.kind {
    case .argInt, .returnInt:
      resultText.write(signed: Int64(bitPattern: record.b))
    case .argBool, .returnBool:
      resultText.write(ascii: record.b != 0 ? "true" : "false")
    case .argDouble, .returnDouble:
      resultText.write(double: Double(bitPattern: record.b))
    case .argString, .returnString:
      ValueRender.writeQuoted(text ?? "", into: &resultText)
    case .argValue, .returnValue:
      writeKept(record, recorder)
    default:
      // `argText`/`returnText`: made on the program's thread, already cut.
      resultText.writeWhole(text ?? "")
    }
  }

  /// Renders (and destroys) the value a `argValue`/`returnValue` record keeps, with tracing
  /// suppressed on this thread: a `description` that calls traced code records nothing. A
  /// value rendered when it was recorded is copied.
  private func writeKept(_ record: RawRecord, _ recorder: ThreadRecorder) {
    if record.spare == KeptValue.rendered {
      return record.renderKeptValue(in: recorder.readChunk, into: &resultText)
    }
    let hot = ThreadRecorder.current
    hot.pointee.suppress += 1
    defer { hot.pointee.suppress -= 1 }
    record.renderKeptValue(in: recorder.readChunk, into: &resultText)
  }
}
