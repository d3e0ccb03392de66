#if canImport(Glibc)
  import Glibc
#endif

/// Posts OTLP/JSON batches (the lines `OTLPWriter` makes) to an OTLP/HTTP receiver, retrying
/// a refused connection or a 429/502/503/504 reply with growing pauses before giving up.
struct OTLPSender {
  let client: LoopbackHTTPClient
  /// Pauses between attempts, in milliseconds (attempts = pauses + 1).
  var pauses: [UInt32] = [100, 250, 500, 1000]
  /// Batches accepted so far.
  private(set) var sent = 0

  init(endpoint: OTLPEndpoint) {
    client = LoopbackHTTPClient(endpoint: endpoint)
  }

  /// Sends one `TracesData` line; throws a one-line error once every attempt failed.
  mutating func send(_ line: [UInt8]) throws(CLIError) {
    var body = line
    if body.last == 10 { body.removeLast() }
    var attempt = 0
    while true {
      do throws(LoopbackHTTPClient.Failure) {
        _ = try client.post(body, contentType: "application/json")
        sent += 1
        return
      } catch {
        guard error.retryable, attempt < pauses.count else {
          let tries = attempt + 1
          throw CLIError(
            "cannot send to \(client.endpoint.url): \(error.message)"
              + (tries > 1 ? " (after \(tries) attempts)" : ""))
        }
        usleep(pauses[attempt] * 1000)
        attempt += 1
      }
    }
  }
}
