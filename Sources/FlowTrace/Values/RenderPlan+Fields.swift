@_spi(Reflection) import Swift

// What reflection prints, without `Mirror` per value: a struct's stored properties read at
// their offsets by their own plans, an enum without payloads by its case's text made once
// (`CaseTexts.swift`).

/// One stored property of a struct: `label: ` and where and how its value renders.
struct StoredField {
  /// `label: ` as UTF-8 (empty for an unlabelled tuple element).
  let label: [UInt8]
  let offset: Int
  let plan: AnyRenderPlan
}

extension [StoredField] {
  /// `(label: value, …)`: the fields of the value at `value`, each by its plan (a struct's
  /// stored properties, a tuple's elements).
  func write(at value: UnsafeRawPointer, into out: inout BoundedText) {
    out.write(ascii: "(")
    for (index, field) in enumerated() {
      if index > 0 { out.write(ascii: ", ") }
      field.label.withUnsafeBufferPointer { out.write(utf8: $0) }
      field.plan.nested(value + field.offset, into: &out)
      if out.isFull { break }
    }
    out.write(ascii: ")")
  }
}

extension RenderPlan {
  /// How reflection prints a `T` with no text of its own: stored fields for a plain struct,
  /// case texts for an enum without payloads, cases read from the metadata for one with
  /// payloads, else `String(reflecting:)` per value.
  static func reflectionStyle() -> Reflecting {
    guard !(T.self is any CustomReflectable.Type) else { return .dynamic }
    // Reflection prints a class instance as its class's name.
    if T.self is AnyObject.Type { return .constant(_typeName(T.self, qualified: true)) }
    switch MetadataKind.of(T.self) {
    case MetadataKind.structure: return structStyle() ?? .dynamic
    case MetadataKind.enumeration where isSmallPayloadFree:
      return CaseTexts(T.self).map { .cases($0) } ?? .dynamic
    case MetadataKind.enumeration: return EnumCases.read(T.self).map { .enumCases($0) } ?? .dynamic
    default: return .dynamic
    }
  }

  /// An enum whose descriptor counts no payload cases, small and trivially copyable.
  private static var isSmallPayloadFree: Bool {
    MemoryLayout<T>.size <= 2 && _isPOD(T.self) && EnumDescriptor.isPayloadFree(T.self)
  }

  /// The stored fields of a struct, or nil when one of them cannot be read in place (a
  /// `weak` reference: an optional of a class or an existential).
  private static func structStyle() -> Reflecting? {
    var fields: [StoredField] = []
    var readable = true
    let complete = _forEachField(of: T.self) { name, offset, type, _ in
      let field = openField(type)
      guard field.inPlace else {
        readable = false
        return false
      }
      fields.append(
        StoredField(
          label: Array((String(cString: name) + ": ").utf8), offset: offset, plan: field.plan))
      return true
    }
    guard complete, readable else { return nil }
    return .fields(Array(_typeName(T.self, qualified: true).utf8), fields)
  }
}

/// A field type's plan, and whether its storage is the value itself (not a weak reference).
private func openField(_ type: Any.Type) -> (plan: AnyRenderPlan, inPlace: Bool) {
  func open<F>(_: F.Type) -> (plan: AnyRenderPlan, inPlace: Bool) {
    let plan = RenderPlans.plan(for: F.self)
    if let optional = F.self as? any OptionalValue.Type { return (plan, wrapsValue(optional)) }
    return (plan, true)
  }
  return _openExistential(type, do: open)
}

private func wrapsValue<O: OptionalValue>(_: O.Type) -> Bool {
  Deferral.allowed(O.Wrapped.self)
}
