import Tracing

/// A span of `FlowTraceTracer`: forwards everything to the wrapped tracer's span and mirrors
/// name, attributes, links, status, errors and end into FlowTrace's node.
public struct FlowTraceSpan<Inner: Tracing.Span>: Tracing.Span {
  /// The wrapped tracer's span.
  public let inner: Inner
  let node: SpanNode?
  /// The inner span's context, carrying FlowTrace's node too (so `@Trace` calls and child
  /// spans nest under it).
  public let context: InstrumentationContext

  init(inner: Inner, node: SpanNode?, context: InstrumentationContext) {
    self.inner = inner
    self.node = node
    self.context = context
  }

  /// The operation name (a rename after the node was recorded shows in its result).
  public var operationName: String {
    get { node?.name ?? inner.operationName }
    nonmutating set {
      inner.operationName = newValue
      node?.rename(newValue)
    }
  }

  /// The attributes (FlowTrace keeps its own copy, so a no-op inner span loses none).
  public var attributes: SpanAttributes {
    get { node?.attributes ?? inner.attributes }
    nonmutating set {
      inner.attributes = newValue
      node?.setAttributes(newValue)
    }
  }

  /// True when either side records.
  public var isRecording: Bool { node != nil || inner.isRecording }

  /// Forwards; an error status becomes the node's exception.
  public func setStatus(_ status: SpanStatus) {
    inner.setStatus(status)
    node?.setStatus(status)
  }

  /// Forwards (events are not shown in the tree).
  public func addEvent(_ event: SpanEvent) {
    inner.addEvent(event)
  }

  /// Forwards; the last recorded error becomes the node's exception.
  public func recordError<Instant: TracerInstant>(
    _ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant
  ) {
    inner.recordError(error, attributes: attributes, at: instant())
    node?.recordError(error)
  }

  /// Forwards; links are counted in the node's `span.links` argument.
  public func addLink(_ link: SpanLink) {
    inner.addLink(link)
    node?.addLink()
  }

  /// Ends both.
  public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
    inner.end(at: instant())
    node?.end()
  }
}
