import FlowTrace
import FlowTraceTracing
import InMemoryTracing
import Testing
import Tracing

extension BridgeSuite {
  /// Spans in: the tee forwards every span unchanged and records it as a node.
  @Suite struct TeeTracerTests {
    @Test func forwardsSpansUnchangedAndNestsTracedCalls() async throws {
      let memory = InMemoryTracer()
      let tee = FlowTraceTracer(wrapping: memory)
      let events = await recordSession {
        try await tee.withSpan("GET /orders/{id}", ofKind: .server) { span in
          span.attributes["http.request.method"] = "GET"
          span.attributes["http.response.status_code"] = 200
          _ = try await OrderService().load(id: 7)
        }
      }
      let spans = memory.finishedSpans
      #expect(spans.count == 1)
      #expect(spans.first?.operationName == "GET /orders/{id}")
      #expect(spans.first?.kind == .server)
      #expect(spans.first?.attributes["http.request.method"]?.toSpanAttribute() == "GET")
      #expect(spans.first?.attributes["http.response.status_code"]?.toSpanAttribute() == 200)
      let span =
        #"GET /orders/{id}(span.kind: server, http.request.method: "GET", "#
        + "http.response.status_code: 200)"
      #expect(
        untimedTree(events) == """
          → \(span)
            → OrderService.load(id: 7)
              → Database.query("SELECT * FROM orders WHERE id = 7") → 33
            ← OrderService.load(id: 7) → "order 7 (33)"
          ← \(span)

          """)
    }

    @Test func errorsAndStatusBecomeThePropagatedException() async throws {
      let memory = InMemoryTracer()
      let tee = FlowTraceTracer(wrapping: memory)
      let events = await recordSession {
        try await tee.withSpan("GET /orders/{id}") { _ in
          _ = try await OrderService().load(id: -1)
        }
      }
      #expect(memory.finishedSpans.first?.errors.count == 1)
      #expect(memory.finishedSpans.first?.status?.code == .error)
      let spanError = events.first {
        $0.kind == .exception && $0.qualifiedName == "GET /orders/{id}"
      }
      #expect(spanError?.disposition == .propagated)
      #expect(spanError?.errorType == "NotFound")
      #expect(spanError?.errorDescription == "order -1 not found")
      #expect(
        untimedTree(events).hasSuffix("↯ GET /orders/{id}() order -1 not found [propagated]\n"))
    }

    @Test func childTasksNestUnderTheSpanAcrossTasks() async throws {
      let tee = FlowTraceTracer()
      let events = await recordSession {
        try await tee.withSpan("batch") { _ in
          _ = try await OrderService().loadMany([1, 2, 3])
        }
      }
      let calls = events.filter { $0.kind == .call }
      let span = try #require(calls.first { $0.qualifiedName == "batch" })
      #expect(span.parentID == nil)
      let many = try #require(calls.first { $0.qualifiedName == "OrderService.loadMany" })
      #expect(many.parentID == span.id)
      let loads = calls.filter { $0.qualifiedName == "OrderService.load" }
      #expect(loads.count == 3)
      #expect(loads.allSatisfy { $0.parentID == many.id })
      #expect(Set(loads.compactMap(\.task)).count == 3)
    }

    @Test func nestedSpansNestAndLateChangesShowInTheResult() async throws {
      let tee = FlowTraceTracer()
      let events = await recordSession {
        try await tee.withSpan("HTTP GET route not found", ofKind: .server) { outer in
          outer.attributes["url.path"] = "/orders/5"
          try await tee.withSpan("db", ofKind: .client) { inner in
            inner.attributes["db.statement"] = "SELECT 1"
            _ = try await OrderService().load(id: 5)
          }
          outer.operationName = "/orders/{id}"
          outer.attributes["http.route"] = "/orders/{id}"
        }
      }
      let calls = events.filter { $0.kind == .call }
      let outer = try #require(calls.first { $0.qualifiedName == "HTTP GET route not found" })
      let inner = try #require(calls.first { $0.qualifiedName == "db" })
      #expect(inner.parentID == outer.id)
      #expect(inner.arguments == ["client", "\"SELECT 1\""])
      let load = try #require(calls.first { $0.qualifiedName == "OrderService.load" })
      #expect(load.parentID == inner.id)
      let end = events.first { $0.kind == .return && $0.id == outer.id }
      #expect(end?.result == #"{name: "/orders/{id}", http.route: "/orders/{id}"}"#)
    }

    @Test func nothingIsRecordedWhileFlowTraceIsOff() async throws {
      FlowTrace.resetConfig()
      FlowTrace.config(autoPrint: false)
      let memory = InMemoryTracer()
      let tee = FlowTraceTracer(wrapping: memory)
      try await tee.withSpan("quiet") { _ in _ = try await OrderService().load(id: 1) }
      #expect(memory.finishedSpans.map(\.operationName) == ["quiet"])
      FlowTrace.resetConfig()
    }
  }
}
