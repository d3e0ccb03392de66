/// Where `--otlp-endpoint` sends: a loopback `http://HOST:PORT[/PATH]` URL. A URL without a
/// path (or with `/`) gets the OTLP/HTTP traces path `/v1/traces`.
struct OTLPEndpoint: Equatable {
  var host: String
  var port: UInt16
  var path: String

  /// The URL as given back in messages.
  var url: String { "http://\(host):\(port)\(path)" }

  /// Parses the URL; only plain HTTP to 127.0.0.1, ::1 or localhost is accepted.
  init(parsing text: String) throws(CLIError) {
    let prefix = "http://"
    guard text.hasPrefix(prefix) else {
      throw CLIError("--otlp-endpoint \(text): only http:// URLs are supported")
    }
    let rest = text.dropFirst(prefix.count)
    let slash = rest.firstIndex(of: "/") ?? rest.endIndex
    let authority = rest[..<slash]
    let path = String(rest[slash...])
    var hostPart = Substring(authority)
    var portPart: Substring = "4318"
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else {
        throw CLIError("--otlp-endpoint \(text): bad IPv6 address")
      }
      hostPart = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      if after.hasPrefix(":") { portPart = after.dropFirst() }
    } else if let colon = authority.lastIndex(of: ":") {
      hostPart = authority[..<colon]
      portPart = authority[authority.index(after: colon)...]
    }
    guard let port = UInt16(portPart), port > 0 else {
      throw CLIError("--otlp-endpoint \(text): bad port '\(portPart)'")
    }
    let host = String(hostPart)
    guard ["127.0.0.1", "localhost", "::1"].contains(host) else {
      throw CLIError(
        "--otlp-endpoint \(text): only loopback hosts (127.0.0.1, ::1, localhost) are supported")
    }
    self.host = host
    self.port = port
    self.path = path.isEmpty || path == "/" ? "/v1/traces" : path
  }
}
