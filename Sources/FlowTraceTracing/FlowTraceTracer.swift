@_spi(Bridge) import FlowTrace
import Tracing

/// A tee `Tracer`: every span goes to the wrapped tracer unchanged (swift-otel's, or none),
/// and is also recorded as a call in FlowTrace's tree — operation name as the function,
/// attributes as arguments, recorded errors and an error status as the exception. `@Trace`
/// calls made inside the span nest under it, across tasks.
///
/// Bootstrap it in place of the tracer you bootstrap today (one line; the system can be
/// bootstrapped only once, and only the first tracer of a `MultiplexInstrument` gets spans,
/// so put this one first):
/// ```
/// InstrumentationSystem.bootstrap(FlowTraceTracer(wrapping: otelTracer))
/// ```
public struct FlowTraceTracer<Wrapped: Tracer>: Tracer {
  /// The tee's span: the wrapped tracer's span plus FlowTrace's node.
  public typealias Span = FlowTraceSpan<Wrapped.Span>

  /// The application's tracer, which receives every span.
  public let wrapped: Wrapped

  /// Tees `wrapped`; installs FlowTrace's span-parent hook (once per process).
  public init(wrapping wrapped: Wrapped) {
    self.wrapped = wrapped
    SpanNode.installResolver()
  }

  /// Starts the wrapped tracer's span and FlowTrace's node for it.
  public func startSpan<Instant: TracerInstant>(
    _ operationName: String,
    context: @autoclosure () -> InstrumentationContext,
    ofKind kind: SpanKind,
    at instant: @autoclosure () -> Instant,
    function: String,
    file fileID: String,
    line: UInt
  ) -> Span {
    let parentContext = context()
    let inner = wrapped.startSpan(
      operationName, context: parentContext, ofKind: kind, at: instant(), function: function,
      file: fileID, line: line)
    let node = SpanNode.start(
      name: operationName, kind: kind, parent: parentContext[SpanNodeKey.self], file: fileID,
      line: line)
    var spanContext = inner.context
    if let node { spanContext[SpanNodeKey.self] = node }
    return FlowTraceSpan(inner: inner, node: node, context: spanContext)
  }

  /// Forwards to the wrapped tracer.
  public func forceFlush() { wrapped.forceFlush() }

  /// Forwards to the wrapped tracer.
  public func inject<Carrier, Inject: Injector>(
    _ context: InstrumentationContext, into carrier: inout Carrier, using injector: Inject
  ) where Inject.Carrier == Carrier {
    wrapped.inject(context, into: &carrier, using: injector)
  }

  /// Forwards to the wrapped tracer.
  public func extract<Carrier, Extract: Extractor>(
    _ carrier: Carrier, into context: inout InstrumentationContext, using extractor: Extract
  ) where Extract.Carrier == Carrier {
    wrapped.extract(carrier, into: &context, using: extractor)
  }
}

extension FlowTraceTracer where Wrapped == NoOpTracer {
  /// A tee with no application tracer: spans only become FlowTrace nodes.
  public init() { self.init(wrapping: NoOpTracer()) }
}

/// Lets calls-out find the application's tracer behind a bootstrapped tee.
protocol TeeTracer {
  var wrappedTracer: any Tracer { get }
}

extension FlowTraceTracer: TeeTracer {
  var wrappedTracer: any Tracer { wrapped }
}
