import CFlowTraceRuntime

/// How values of one type render, decided once per type (which protocol, which fast path)
/// and cached, so a call pays no dynamic cast: see `RenderPlan.of`.
///
/// Two rules, as before plans existed:
/// - `top` is a traced value's text: `TraceRepresentable` first (looking through optionals,
///   as a cast does), a `String` (also inside optionals) quoted, else `String(reflecting:)`;
/// - `nested` is `String(reflecting:)` exactly (elements of arrays and dictionaries,
///   payloads of optionals).
class AnyRenderPlan: @unchecked Sendable {
  /// The reflecting rule as steps over the value's memory (`RenderProgram`), when it has one.
  let program: RenderProgram?
  /// True when the top rule is special for this type (`TraceRepresentable` or `String`,
  /// possibly inside optionals): not the reflecting rule.
  let topIsSpecial: Bool
  /// How to read a value's key, when its text is kept by its contents (`ValueTexts`): nil
  /// when the type has no key or its text costs no more to render than to look up.
  let keys: KeyProgram?

  init(program: RenderProgram?, topIsSpecial: Bool, keys: KeyProgram?) {
    self.program = program
    self.topIsSpecial = topIsSpecial
    self.keys = keys
  }

  /// Writes the value at `value` by the top rule into `out`, an empty stream: the text this
  /// thread kept for an equal value when the type allows (`ValueTexts`), else rendered.
  final func text(_ value: UnsafeRawPointer, into out: inout BoundedText) {
    guard let keys, out.count == 0, let state = ft_get_thread_state() else {
      return top(value, into: &out)
    }
    let hot = state.assumingMemoryBound(to: HotState.self)
    if hot.pointee.valueTexts == nil { hot.pointee.valueTexts = .passRetained(ValueTexts()) }
    hot.pointee.valueTexts.unsafelyUnwrapped._withUnsafeGuaranteedRef {
      $0.write(value, by: self, keys: keys, into: &out)
    }
  }

  /// Writes the value at `value` by the top rule.
  func top(_ value: UnsafeRawPointer, into out: inout BoundedText) {}
  /// Writes the value at `value` as `String(reflecting:)` does.
  func nested(_ value: UnsafeRawPointer, into out: inout BoundedText) {}
  /// Destroys the value at `value` (a copy kept for later).
  func destroy(_ value: UnsafeMutableRawPointer) {}
  /// Calls `body` with the value inside every optional level (and its plan); false when a
  /// level is nil.
  func innermost(
    _ value: UnsafeRawPointer, _ body: (UnsafeRawPointer, AnyRenderPlan) -> Void
  ) -> Bool {
    body(value, self)
    return true
  }
}

/// The plan of one type `T`.
final class RenderPlan<T>: AnyRenderPlan, @unchecked Sendable {
  /// What renders a `T` (`PlanStyle`) and how reflection prints one (`ReflectingStyle`):
  /// neither depends on `T`, so a render switches on them without looking up generic
  /// metadata.
  typealias Style = PlanStyle
  typealias Reflecting = ReflectingStyle

  let style: Style

  init(style: Style) {
    self.style = style
    super.init(
      program: RenderProgram.build(T.self, style), topIsSpecial: Self.isSpecial(style),
      keys: Self.keepsTexts(style) ? KeyProgram.make(T.self) : nil)
  }

  override func destroy(_ value: UnsafeMutableRawPointer) {
    value.assumingMemoryBound(to: T.self).deinitialize(count: 1)
  }

  private static func isSpecial(_ style: Style) -> Bool {
    switch style {
    case .representable, .string: return true
    case .optional(let wrapped, _): return wrapped.topIsSpecial
    case .reflecting, .instance, .dynamic: return false
    }
  }

  override func top(_ value: UnsafeRawPointer, into out: inout BoundedText) {
    if let program, !topIsSpecial { return program.run(value, into: &out) }
    switch style {
    case .representable(let render, _):
      out.write(render(value))
    case .string:
      ValueRender.writeQuoted(value.assumingMemoryBound(to: String.self).pointee, into: &out)
    case .optional:
      guard topIsSpecial else { return nested(value, into: &out) }
      // A cast looks through every optional level: a payload renders by its own top rule;
      // a nil at any level renders the whole value by the reflecting rule.
      let found = innermost(value) { payload, plan in plan.top(payload, into: &out) }
      if !found { nested(value, into: &out) }
    case .reflecting(let reflecting):
      write(reflecting, value, into: &out)
    case .instance(let representable, let reflecting):
      if let plan = dynamicPlan(value) { return plan.top(value, into: &out) }
      if let representable {
        out.write(representable(value))
      } else {
        write(reflecting, value, into: &out)
      }
    case .dynamic:
      ValueRender.dynamicTop(value.assumingMemoryBound(to: T.self).pointee, into: &out)
    }
  }

  /// The plan of an instance's class when it is a subclass of `T` (nil when exactly `T`).
  private func dynamicPlan(_ value: UnsafeRawPointer) -> AnyRenderPlan? {
    let dynamicType = type(of: value.assumingMemoryBound(to: T.self).pointee)
    guard ObjectIdentifier(dynamicType) != ObjectIdentifier(T.self) else { return nil }
    return RenderPlans.plan(forAny: dynamicType)
  }

  override func innermost(
    _ value: UnsafeRawPointer, _ body: (UnsafeRawPointer, AnyRenderPlan) -> Void
  ) -> Bool {
    guard case .optional(let wrapped, let unwrap) = style else {
      body(value, self)
      return true
    }
    var found = false
    _ = unwrap(value) { payload in found = wrapped.innermost(payload, body) }
    return found
  }

  override func nested(_ value: UnsafeRawPointer, into out: inout BoundedText) {
    if let program { return program.run(value, into: &out) }
    switch style {
    case .representable(_, let reflecting): write(reflecting, value, into: &out)
    case .string:
      ValueRender.writeQuoted(value.assumingMemoryBound(to: String.self).pointee, into: &out)
    case .optional(let wrapped, let unwrap):
      var wrote = false
      _ = unwrap(value) { payload in
        out.write(ascii: "Optional(")
        wrapped.nested(payload, into: &out)
        out.write(ascii: ")")
        wrote = true
      }
      if !wrote { out.write(ascii: "nil") }
    case .reflecting(let reflecting): write(reflecting, value, into: &out)
    case .instance(_, let reflecting):
      if let plan = dynamicPlan(value) { return plan.nested(value, into: &out) }
      write(reflecting, value, into: &out)
    case .dynamic: write(.dynamic, value, into: &out)
    }
  }

  private func write(
    _ reflecting: Reflecting, _ value: UnsafeRawPointer, into out: inout BoundedText
  ) {
    switch reflecting {
    case .debugDescription(let render), .description(let render):
      out.write(render(value))
    case .streamable(let write), .bytes(let write):
      write(value, &out)
    case .memoized(let memo, let inner):
      if memo.write(value, into: &out) { return }
      let (held, settled) = BoundedText.withStream(limit: out.limit) { fresh in
        write(inner, value, into: &fresh)
        return (Array(fresh.bytes), fresh.isFull)
      }
      memo.keep(value, as: T.self, limit: out.limit, held: held, settled: settled)
      out.write(held: held, settled: settled)
    case .sequence(let element, let walk):
      out.write(ascii: "[")
      var first = true
      walk(value) { item in
        if !first { out.write(ascii: ", ") }
        first = false
        element.nested(item, into: &out)
        return !out.isFull
      }
      out.write(ascii: "]")
    case .pairs(let key, let element, let walk):
      out.write(ascii: "[")
      var first = true
      let any = walk(value) { pairKey, pairValue in
        if !first { out.write(ascii: ", ") }
        first = false
        key.nested(pairKey, into: &out)
        out.write(ascii: ": ")
        element.nested(pairValue, into: &out)
        return !out.isFull
      }
      out.write(ascii: any ? "]" : ":]")
    case .fields(let typeName, let fields):
      typeName.withUnsafeBufferPointer { out.write(utf8: $0) }
      fields.write(at: value, into: &out)
    case .constant(let text):
      out.write(text)
    case .enumCases(let cases):
      cases.write(value, as: T.self, into: &out)
    case .cases(let texts):
      texts.write(value, as: T.self, into: &out)
    case .dynamic:
      out.write(String(reflecting: value.assumingMemoryBound(to: T.self).pointee))
    }
  }
}

/// What renders values of one type (a `RenderPlan`'s style).
enum PlanStyle {
  /// `traceDescription`, then (nested) the reflecting rule.
  case representable((UnsafeRawPointer) -> String, nestedStyle: ReflectingStyle)
  /// A `String`: quoted.
  case string
  /// Optional: the plan of the wrapped type and how to read the payload.
  case optional(AnyRenderPlan, (UnsafeRawPointer, (UnsafeRawPointer) -> Void) -> Bool)
  /// Everything else: the reflecting rule.
  case reflecting(ReflectingStyle)
  /// A class instance: the plan of its dynamic class decides (a subclass may conform where
  /// its superclass does not); this is the class's own `traceDescription` (if any) and
  /// reflecting rule, used when the instance is exactly a `T`.
  case instance(((UnsafeRawPointer) -> String)?, ReflectingStyle)
  /// Existentials and other types: casts on the value decide, as before plans.
  case dynamic
}

/// How `String(reflecting:)` renders values of one type.
enum ReflectingStyle {
  case debugDescription((UnsafeRawPointer) -> String)
  case description((UnsafeRawPointer) -> String)
  case streamable((UnsafeRawPointer, inout BoundedText) -> Void)
  /// A standard integer or `Bool`: its text written straight as bytes.
  case bytes((UnsafeRawPointer, inout BoundedText) -> Void)
  /// An array: the plan of its elements and a walk over them.
  case sequence(AnyRenderPlan, (UnsafeRawPointer, (UnsafeRawPointer) -> Bool) -> Void)
  /// A collection whose text is kept for its storage (`TextMemo`).
  indirect case memoized(TextMemo, ReflectingStyle)
  /// A dictionary: key and value plans and a walk over the pairs.
  case pairs(
    AnyRenderPlan, AnyRenderPlan,
    (UnsafeRawPointer, (UnsafeRawPointer, UnsafeRawPointer) -> Bool) -> Bool)
  /// A struct reflection prints: `Module.Type(label: value, …)`, its stored properties
  /// read at their offsets (see `RenderPlan+Fields.swift`).
  case fields([UInt8], [StoredField])
  /// An enum without payloads: its text per case, made once by reflection.
  case cases(CaseTexts)
  /// An enum with payloads: its cases' texts and payload plans (see `EnumCases.swift`).
  case enumCases(EnumCases)
  /// Text that is the same for every value (a class printed by reflection: its name).
  case constant(String)
  /// Existentials and types reflection prints: `String(reflecting:)` per value.
  case dynamic
}
