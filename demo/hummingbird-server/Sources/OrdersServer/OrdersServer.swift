import FlowTrace
import FlowTraceTracing
import Foundation
import Hummingbird

/// `swift run OrdersServer` (optionally `PORT=…`): the orders API on 127.0.0.1, every request
/// a span (Hummingbird's `TracingMiddleware`) recorded as a FlowTrace node with the traced
/// service calls under it. Point `FLOWTRACE_SOCKET` at `flowtrace-tui --listen`, or
/// `FLOWTRACE_OUT` at a file.
@main
struct OrdersServer {
  static func main() async throws {
    // The one line: a tee tracer (with swift-otel: `FlowTraceTracing.bootstrap(wrapping: otel)`).
    FlowTraceTracing.bootstrap()
    FlowTrace.config(showTiming: true, autoPrint: false)

    let port = ProcessInfo.processInfo.environment["PORT"].flatMap(Int.init) ?? 8080
    let service = OrderService(database: Database())
    let router = Router()
    router.add(middleware: TracingMiddleware())
    router.get("/orders/:id") { _, context -> String in
      let id = try context.parameters.require("id", as: Int.self)
      do {
        return try await service.load(id: id).description + "\n"
      } catch let error as OrderNotFound {
        throw HTTPError(.notFound, message: error.description)
      }
    }
    router.get("/orders/total") { request, _ -> String in
      let ids = (request.uri.queryParameters.get("ids") ?? "")
        .split(separator: ",").compactMap { Int($0) }
      return "\(try await service.total(ids: ids))\n"
    }
    router.post("/orders") { request, _ -> String in
      let item = request.uri.queryParameters.get("item") ?? "nothing"
      let quantity = request.uri.queryParameters.get("quantity", as: Int.self) ?? 1
      return "\(await service.place(item: item, quantity: quantity))\n"
    }
    let app = Application(
      router: router,
      configuration: .init(address: .hostname("127.0.0.1", port: port)))
    try await app.runService()
  }
}
