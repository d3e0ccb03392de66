import FlowTrace
import FlowTraceTracing
import InMemoryTracing
import Testing
import Tracing

extension BridgeSuite {
  /// Calls out: selected `@Trace` calls become spans on a tracer.
  @Suite struct CallSpansTests {
    @Test func tracedCallsBecomeNestedSpansUnderTheRequestSpan() async throws {
      let memory = InMemoryTracer()
      let tee = FlowTraceTracer(wrapping: memory)
      FlowTraceTracing.emitSpans(CallSpans(arguments: true, results: true), to: memory)
      defer { FlowTraceTracing.emitSpans(nil) }
      _ = await recordSession {
        try await tee.withSpan("GET /orders/{id}", ofKind: .server) { _ in
          _ = try await OrderService().load(id: 7)
        }
      }
      let spans = memory.finishedSpans
      #expect(
        spans.map(\.operationName).sorted()
          == ["Database.query", "GET /orders/{id}", "OrderService.load"])
      let request = try #require(spans.first { $0.operationName == "GET /orders/{id}" })
      let load = try #require(spans.first { $0.operationName == "OrderService.load" })
      let query = try #require(spans.first { $0.operationName == "Database.query" })
      #expect(load.parentSpanID == request.spanID)
      #expect(query.parentSpanID == load.spanID)
      #expect(load.traceID == request.traceID)
      #expect(load.attributes["flowtrace.arg.id"]?.toSpanAttribute() == "7")
      #expect(load.attributes["flowtrace.result"]?.toSpanAttribute() == #""order 7 (33)""#)
      #expect(
        query.attributes["flowtrace.arg.0"]?.toSpanAttribute()
          == #""SELECT * FROM orders WHERE id = 7""#)
      #expect(load.attributes["code.function.name"]?.toSpanAttribute() == "OrderService.load")
    }

    /// Arguments and results of every kind: a `Sendable` value (kept for the writer), a
    /// class instance (rendered at call time), and their results.
    @Test func valueArgumentsAndResultsAreSpanAttributes() async throws {
      let memory = InMemoryTracer()
      FlowTraceTracing.emitSpans(CallSpans(arguments: true, results: true), to: memory)
      defer { FlowTraceTracing.emitSpans(nil) }
      _ = await recordSession {
        _ = OrderService().total([4, 5], note: Note(text: "n"), in: Ledger())
      }
      let total = try #require(
        memory.finishedSpans.first { $0.operationName == "OrderService.total" },
        "spans: \(memory.finishedSpans.map(\.operationName))")
      #expect(total.attributes["flowtrace.arg.0"]?.toSpanAttribute() == "[4, 5]")
      #expect(
        total.attributes["flowtrace.arg.note"]?.toSpanAttribute()
          == #"FlowTraceTracingTests.Note(text: "n")"#)
      #expect(
        total.attributes["flowtrace.arg.in"]?.toSpanAttribute() == "FlowTraceTracingTests.Ledger")
      #expect(
        total.attributes["flowtrace.result"]?.toSpanAttribute()
          == #"FlowTraceTracingTests.Note(text: "9")"#)
    }

    @Test func argumentsOnlyWhenAskedAndRedacted() async throws {
      let memory = InMemoryTracer()
      FlowTraceTracing.emitSpans(CallSpans(), to: memory)
      _ = await recordSession { _ = OrderService().login(user: "ann", password: "hunter22") }
      FlowTraceTracing.emitSpans(CallSpans(arguments: true, redact: ["pass*"]), to: memory)
      _ = await recordSession { _ = OrderService().login(user: "ann", password: "hunter22") }
      FlowTraceTracing.emitSpans(nil)
      let spans = memory.finishedSpans
      try #require(spans.count == 2)
      #expect(spans[0].attributes["flowtrace.arg.user"] == nil)
      #expect(spans[0].attributes["flowtrace.result"] == nil)
      #expect(spans[1].attributes["flowtrace.arg.user"]?.toSpanAttribute() == #""ann""#)
      #expect(spans[1].attributes["flowtrace.arg.password"]?.toSpanAttribute() == "[REDACTED]")
    }

    @Test func thrownErrorsAreRecorded() async throws {
      let memory = InMemoryTracer()
      FlowTraceTracing.emitSpans(CallSpans(), to: memory)
      defer { FlowTraceTracing.emitSpans(nil) }
      _ = await recordSession { _ = try await OrderService().load(id: -3) }
      let load = try #require(
        memory.finishedSpans.first { $0.operationName == "OrderService.load" })
      #expect(load.status?.code == .error)
      #expect(load.status?.message == "NotFound: order -3 not found")
      #expect(load.errors.count == 1)
      let query = try #require(memory.finishedSpans.first { $0.operationName == "Database.query" })
      #expect(query.status == nil)
    }

    @Test func includeExcludeAndSampling() async throws {
      let memory = InMemoryTracer()
      FlowTraceTracing.emitSpans(CallSpans(exclude: ["Database.*"]), to: memory)
      _ = await recordSession { _ = try await OrderService().load(id: 1) }
      #expect(memory.finishedSpans.map(\.operationName) == ["OrderService.load"])
      memory.clearFinishedSpans()

      FlowTraceTracing.emitSpans(
        CallSpans(include: ["Database.query"], sampling: .every(3)), to: memory)
      _ = await recordSession {
        for id in 1...9 { _ = try await OrderService().load(id: id) }
      }
      #expect(memory.finishedSpans.count == 3)
      #expect(memory.finishedSpans.allSatisfy { $0.operationName == "Database.query" })
      memory.clearFinishedSpans()

      FlowTraceTracing.emitSpans(CallSpans(sampling: .rate(0)), to: memory)
      _ = await recordSession { _ = try await OrderService().load(id: 1) }
      FlowTraceTracing.emitSpans(nil)
      #expect(memory.finishedSpans.isEmpty)
    }

    @Test func noSpansOnceTurnedOff() async throws {
      let memory = InMemoryTracer()
      FlowTraceTracing.emitSpans(CallSpans(), to: memory)
      FlowTraceTracing.emitSpans(nil)
      let events = await recordSession { _ = try await OrderService().load(id: 1) }
      #expect(events.filter { $0.kind == .call }.count == 2)
      #expect(memory.finishedSpans.isEmpty)
    }
  }
}
