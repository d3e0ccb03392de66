import FlowTrace

/// An order as the service returns it.
struct Order: Sendable, CustomStringConvertible {
  var id: Int
  var item: String
  var quantity: Int

  var description: String { "Order #\(id): \(quantity) × \(item)" }
}

/// What a failed lookup throws (the `/orders/{id}` route answers 404, the tree shows it).
struct OrderNotFound: Error, CustomStringConvertible {
  var id: Int
  var description: String { "no order \(id)" }
}

/// A pretend database: a dictionary behind an actor.
actor Database {
  private var rows: [Int: Order] = [
    7: Order(id: 7, item: "coffee beans", quantity: 2),
    8: Order(id: 8, item: "filter papers", quantity: 100),
  ]

  @Trace func query(_ sql: String, id: Int) -> Order? {
    rows[id]
  }

  @Trace func insert(_ order: Order) -> Int {
    let id = (rows.keys.max() ?? 0) + 1
    rows[id] = Order(id: id, item: order.item, quantity: order.quantity)
    return id
  }
}

/// The service the routes call: every method is traced.
struct OrderService: Sendable {
  let database: Database

  @Trace func load(id: Int) async throws -> Order {
    guard let order = await database.query("SELECT * FROM orders WHERE id = ?", id: id) else {
      throw OrderNotFound(id: id)
    }
    return order
  }

  @Trace func total(ids: [Int]) async throws -> Int {
    try await withThrowingTaskGroup(of: Int.self) { group in
      for id in ids { group.addTask { try await load(id: id).quantity } }
      return try await group.reduce(0, +)
    }
  }

  @Trace func place(item: String, quantity: Int) async -> Int {
    await database.insert(Order(id: 0, item: item, quantity: quantity))
  }
}
