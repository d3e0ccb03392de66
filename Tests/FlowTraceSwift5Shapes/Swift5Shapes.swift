import FlowTrace

// Traced code in a Swift 5 language mode module (issue 10, item 2): non-Sendable globals,
// classes crossing into tasks and pre-concurrency patterns the Swift 6 mode rejects.

/// A mutable global a Swift 5 module may keep without isolation.
public var swift5Visits = 0

/// A traced class with methods, an initializer and a builder-shaped method.
@TraceAll
public final class Swift5Counter {
  public private(set) var count: Int

  public init(start: Int) { count = start }

  @discardableResult
  public func bump(by step: Int = 1) -> Int {
    swift5Visits += 1
    count += step
    return count
  }

  public func later() async -> Int {
    await Task.yield()
    return bump()
  }
}

@resultBuilder public enum Swift5Words {
  public static func buildBlock(_ words: String...) -> String { words.joined(separator: " ") }
}

/// A result-builder function traced in Swift 5 mode.
@Swift5Words @Trace public func swift5Sentence(_ name: String) -> String {
  "hello"
  name
}

/// A throwing, generic function traced in Swift 5 mode.
@Trace public func swift5Parse<T: LosslessStringConvertible>(_ text: String, as type: T.Type)
  throws -> T
{
  guard let value = T(text) else { throw Swift5Error.unreadable(text) }
  return value
}

/// The error `swift5Parse` throws.
public enum Swift5Error: Error, Equatable {
  case unreadable(String)
}
