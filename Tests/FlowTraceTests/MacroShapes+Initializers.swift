import FlowTrace

// Initializers that show what they made (issue 10, item 3).

struct ShapeCash: CustomStringConvertible {
  var cents: Int
  var description: String { "$\(cents)" }

  @Trace init(cents: Int) { self.cents = cents }

  @Trace init?(text: String) {
    guard let cents = Int(text) else { return nil }
    self.cents = cents
  }

  @Trace init(checked cents: Int) throws(ShapeParseError) {
    if cents < 0 { throw .notANumber(String(cents)) }
    self.cents = cents
  }

  @Trace init?(rounding text: String) throws {
    guard !text.isEmpty else { throw ShapeBadInput(value: 0) }
    guard let value = Double(text) else { return nil }
    if value == 0 {
      self.cents = 0
      return
    }
    self.cents = Int(value.rounded())
  }

  /// Always fails.
  @Trace init?(never reason: String) { return nil }

  /// Fails through the delegated initializer, without a `return nil` of its own.
  @Trace init?(delegating text: String) { self.init(text: text) }
}

final class ShapeWallet: CustomStringConvertible {
  var cash: ShapeCash
  var description: String { "wallet(\(cash))" }
  @Trace init(cents: Int) { cash = ShapeCash(cents: cents) }
  @Trace convenience init?(text: String) {
    guard let cash = ShapeCash(text: text) else { return nil }
    self.init(cents: cash.cents)
  }
}

/// A subclass whose `description` needs state set after `super.init`: the superclass's traced
/// initializer must not render it (it would crash where untraced code does not).
class ShapeShelf: CustomStringConvertible {
  var count: Int
  var description: String { "shelf(\(count))" }
  @Trace init(count: Int) { self.count = count }
}

final class ShapeLabeledShelf: ShapeShelf {
  var label: String!
  override var description: String { label.uppercased() }
  @Trace init(label: String) {
    super.init(count: 1)
    self.label = label
  }
}
