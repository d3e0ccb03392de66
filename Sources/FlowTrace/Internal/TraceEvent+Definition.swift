import FlowTraceWire

extension TraceEvent {
  /// True for call-site, thread and task definitions.
  var isDefinition: Bool {
    switch self {
    case .callSite, .thread, .task: return true
    default: return false
    }
  }
}
