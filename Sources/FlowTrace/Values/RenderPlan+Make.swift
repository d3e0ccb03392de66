// Building a type's plan: the protocol casts happen here, once per type, on the metatype.

/// `Optional`, seen through a protocol so that a plan can name its `Wrapped` type.
protocol OptionalValue {
  associatedtype Wrapped
  var payload: Wrapped? { get }
}

extension Optional: OptionalValue {
  var payload: Wrapped? { self }
}

/// `Array`, seen through a protocol so that a plan can name its `Element` type.
protocol ArrayValue {
  associatedtype Element
  var elements: [Element] { get }
}

extension Array: ArrayValue {
  var elements: [Element] { self }
}

/// `Dictionary`, seen through a protocol so that a plan can name its key and value types.
protocol DictionaryValue {
  associatedtype Key: Hashable
  associatedtype Value
  var pairs: [Key: Value] { get }
}

extension Dictionary: DictionaryValue {
  var pairs: [Key: Value] { self }
}

extension RenderPlan {
  /// The plan of `T`, built from its conformances.
  static func make() -> RenderPlan<T> {
    guard Deferral.allowed(T.self) else {
      guard T.self is AnyObject.Type, !isExistential else { return RenderPlan(style: .dynamic) }
      let representable = (T.self as? any TraceRepresentable.Type).map { traceText($0) }
      return RenderPlan(style: .instance(representable, reflectingStyle()))
    }
    if T.self == String.self { return RenderPlan(style: .string) }
    if let optional = T.self as? any OptionalValue.Type { return optionalPlan(optional) }
    let reflecting = reflectingStyle()
    if let representable = T.self as? any TraceRepresentable.Type {
      return RenderPlan(style: .representable(traceText(representable), nestedStyle: reflecting))
    }
    return RenderPlan(style: .reflecting(reflecting))
  }

  /// True for `any P` (and `Any`, `any AnyObject`): a cast looks at the value inside.
  static var isExistential: Bool {
    MetadataKind.of(T.self) == MetadataKind.existential
  }

  /// How `String(reflecting:)` renders a `T` (value types and classes).
  static func reflectingStyle() -> Reflecting {
    if let direct = StandardText.writer(for: T.self) { return .bytes(direct) }
    if let array = T.self as? any ArrayValue.Type { return arrayStyle(array) }
    if let dictionary = T.self as? any DictionaryValue.Type { return pairsStyle(dictionary) }
    if let debug = T.self as? any CustomDebugStringConvertible.Type {
      return .debugDescription(debugText(debug))
    }
    if let printable = T.self as? any CustomStringConvertible.Type {
      return .description(descriptionText(printable))
    }
    if let streamable = T.self as? any TextOutputStreamable.Type {
      return .streamable(streamText(streamable))
    }
    return reflectionStyle()
  }

  private static func traceText<U: TraceRepresentable>(
    _: U.Type
  ) -> (UnsafeRawPointer) -> String {
    { $0.assumingMemoryBound(to: U.self).pointee.traceDescription }
  }

  private static func debugText<U: CustomDebugStringConvertible>(
    _: U.Type
  ) -> (UnsafeRawPointer) -> String {
    { $0.assumingMemoryBound(to: U.self).pointee.debugDescription }
  }

  private static func descriptionText<U: CustomStringConvertible>(
    _: U.Type
  ) -> (UnsafeRawPointer) -> String {
    { $0.assumingMemoryBound(to: U.self).pointee.description }
  }

  private static func streamText<U: TextOutputStreamable>(
    _: U.Type
  ) -> (UnsafeRawPointer, inout BoundedText) -> Void {
    { value, out in value.assumingMemoryBound(to: U.self).pointee.write(to: &out) }
  }

  private static func optionalPlan<O: OptionalValue>(_: O.Type) -> RenderPlan<T> {
    let wrapped = RenderPlans.plan(for: O.Wrapped.self)
    return RenderPlan(
      style: .optional(
        wrapped,
        { value, body in
          guard let payload = value.assumingMemoryBound(to: O.self).pointee.payload else {
            return false
          }
          withUnsafePointer(to: payload) { body(UnsafeRawPointer($0)) }
          return true
        }))
  }

  private static func arrayStyle<A: ArrayValue>(_: A.Type) -> Reflecting {
    let element = RenderPlans.plan(for: A.Element.self)
    let style = Reflecting.sequence(
      element,
      { value, body in
        value.assumingMemoryBound(to: A.self).pointee.elements.withUnsafeBufferPointer {
          buffer in
          guard let base = buffer.baseAddress else { return }
          for index in 0..<buffer.count where !body(UnsafeRawPointer(base + index)) { return }
        }
      })
    return TextMemo.keepsText(of: A.Element.self, in: T.self) ? .memoized(TextMemo(), style) : style
  }

  private static func pairsStyle<D: DictionaryValue>(_: D.Type) -> Reflecting {
    let key = RenderPlans.plan(for: D.Key.self)
    let element = RenderPlans.plan(for: D.Value.self)
    let pure =
      TextMemo.keepsText(of: D.Key.self, in: T.self)
      && TextMemo.keepsText(of: D.Value.self, in: T.self)
    let style = Reflecting.pairs(
      key, element,
      { value, body in
        var any = false
        for (pairKey, pairValue) in value.assumingMemoryBound(to: D.self).pointee.pairs {
          any = true
          let more = withUnsafePointer(to: pairKey) { keyPointer in
            withUnsafePointer(to: pairValue) { body(UnsafeRawPointer(keyPointer), $0) }
          }
          if !more { break }
        }
        return any
      })
    return pure ? .memoized(TextMemo(), style) : style
  }
}
