import FlowTraceTestSupport
import Testing

/// Every runtime test shares the process-wide runtime, so they run one at a time.
@Suite(.serialized, .runtimeExclusive) struct RuntimeSuite {}
