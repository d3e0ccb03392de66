import Tracing

/// Carries FlowTrace's node of a span in its `InstrumentationContext`.
enum SpanNodeKey: InstrumentationContextKey {
  typealias Value = SpanNode
  static var nameOverride: String? { "flowtrace-node" }
}
