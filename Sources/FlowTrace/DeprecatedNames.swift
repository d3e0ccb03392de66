// Names of earlier releases, kept for one release: `FlowTrace.record(to:)` and the rest named
// members of an `enum FlowTrace` that hid the module's name.

/// Renamed `recordTrace(to:)`.
@available(*, deprecated, renamed: "recordTrace(to:)")
public func record(to path: String) throws(SinkError) { try recordTrace(to: path) }

/// Renamed `streamTrace(to:)`.
@available(*, deprecated, renamed: "streamTrace(to:)")
public func stream(to path: String) { streamTrace(to: path) }

/// Renamed `flushTrace()`.
@available(*, deprecated, renamed: "flushTrace()")
public func flush() { flushTrace() }

/// Renamed `closeTraceSinks()`.
@available(*, deprecated, renamed: "closeTraceSinks()")
public func closeSinks() { closeTraceSinks() }
