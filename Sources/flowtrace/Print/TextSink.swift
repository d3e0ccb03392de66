/// A `TextOutputStream` that appends into an `OutputStream`'s buffer (flushed by the caller).
struct TextSink: TextOutputStream {
  let out: OutputStream
  var failure: CLIError?

  mutating func write(_ string: String) {
    guard failure == nil else { return }
    do throws(CLIError) { try out.write(string) } catch { failure = error }
  }
}
