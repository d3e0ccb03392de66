@_spi(Bridge) import FlowTrace
import Tracing

/// Entry points of the bridge between FlowTrace and swift-distributed-tracing.
public enum FlowTraceTracing {
  /// Bootstraps the tracing system with a tee around `tracer` (spans in), and calls out when
  /// `spans` is given. Call it once, instead of `InstrumentationSystem.bootstrap(tracer)`.
  public static func bootstrap<T: Tracer>(wrapping tracer: T, spans: CallSpans? = nil) {
    InstrumentationSystem.bootstrap(FlowTraceTracer(wrapping: tracer))
    if let spans { emitSpans(spans, to: tracer) }
  }

  /// Bootstraps the tracing system with a tee and no application tracer: spans become
  /// FlowTrace nodes only.
  public static func bootstrap() {
    InstrumentationSystem.bootstrap(FlowTraceTracer())
  }

  /// Turns selected `@Trace` calls into spans on `tracer` — by default the bootstrapped
  /// tracer (the application's tracer behind a `FlowTraceTracer`, so calls out are not
  /// recorded a second time as nodes). Nil turns calls out off. Spans are made while
  /// FlowTrace records (autoPrint, a session, or a file or socket sink).
  public static func emitSpans(_ options: CallSpans?, to tracer: (any Tracer)? = nil) {
    guard let options else {
      _SpanBridge.setCallHandler(nil)
      return
    }
    let target = tracer ?? bootstrappedTracer()
    _SpanBridge.setCallHandler(CallSpanEmitter(tracer: target, options: options))
  }

  /// The system's tracer, or the one a bootstrapped tee wraps.
  static func bootstrappedTracer() -> any Tracer {
    let tracer = InstrumentationSystem.tracer
    if let tee = tracer as? any TeeTracer { return tee.wrappedTracer }
    return tracer
  }
}
