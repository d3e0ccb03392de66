// What reflection prints for an enum with payloads (`Module.Kind.case(payload)`), without a
// `Mirror` per value: the case's text and its payload's plan are read from the enum's type
// metadata once; a value's case comes from the value witness `getEnumTag`, and its payload is
// read in a copy of the value (projected, rendered, then made an enum again).

/// The cases of one enum with payloads, indexed by tag (payload cases first, as the runtime
/// numbers them and as the enum's field records list them).
final class EnumCases: @unchecked Sendable {
  /// One case: `Module.Kind.name`, and how its payload renders (nil: no payload).
  struct Case {
    let text: String
    let payload: EnumPayload?
  }

  let cases: [Case]
  private let metadata: UnsafeRawPointer
  private let witnesses: EnumWitnesses

  private init(cases: [Case], metadata: UnsafeRawPointer, witnesses: EnumWitnesses) {
    self.cases = cases
    self.metadata = metadata
    self.witnesses = witnesses
  }

  /// The cases of `type`, or nil when its metadata is not one this reader knows to be safe
  /// (no field records, an `indirect` case, a payload the layout keeps no storage for —
  /// `case unit(Void)` —, a payload type the runtime cannot name).
  static func read<T>(_ type: T.Type) -> EnumCases? {
    let metadata = unsafeBitCast(type as Any.Type, to: UnsafeRawPointer.self)
    guard MetadataKind.of(type) == MetadataKind.enumeration,
      let descriptor = EnumDescriptor.of(type), let records = FieldRecords(descriptor: descriptor)
    else { return nil }
    let payloadCount = EnumDescriptor.payloadCaseCount(descriptor)
    let emptyCount = Int(descriptor.load(fromByteOffset: 24, as: UInt32.self))
    guard payloadCount > 0, records.count == payloadCount + emptyCount else { return nil }
    let typeName = _typeName(type, qualified: true) + "."
    var cases: [Case] = []
    for index in 0..<records.count {
      let record = records[index]
      guard !record.isIndirect else { return nil }
      guard index < payloadCount else {
        guard !record.hasPayloadType else { return nil }
        cases.append(Case(text: typeName + record.name, payload: nil))
        continue
      }
      guard let payloadType = record.payloadType(in: descriptor, metadata: metadata) else {
        return nil
      }
      cases.append(Case(text: typeName + record.name, payload: EnumPayload(payloadType)))
    }
    return EnumCases(cases: cases, metadata: metadata, witnesses: EnumWitnesses(metadata))
  }

  /// Writes the enum value at `value` (a `T`) as `String(reflecting:)` would.
  func write<T>(_ value: UnsafeRawPointer, as _: T.Type, into out: inout BoundedText) {
    let tag = Int(witnesses.tag(value, metadata))
    guard tag < cases.count else {
      return out.write(String(reflecting: value.assumingMemoryBound(to: T.self).pointee))
    }
    let known = cases[tag]
    out.write(known.text)
    guard let payload = known.payload, !out.isFull else { return }
    var copy = value.assumingMemoryBound(to: T.self).pointee
    withUnsafeMutablePointer(to: &copy) { pointer in
      let raw = UnsafeMutableRawPointer(pointer)
      witnesses.project(raw, metadata)
      payload.write(UnsafeRawPointer(raw), into: &out)
      witnesses.inject(raw, UInt32(tag), metadata)
    }
  }
}

/// How a case's payload prints: a tuple prints its own parentheses (`(level: 2, text: "a")`),
/// any other payload is wrapped in them.
struct EnumPayload {
  private let plan: AnyRenderPlan
  private let tuple: TupleLayout?

  init(_ type: Any.Type) {
    plan = RenderPlans.plan(forAny: type)
    tuple = TupleLayout(type)
  }

  func write(_ payload: UnsafeRawPointer, into out: inout BoundedText) {
    guard let tuple else {
      out.write(ascii: "(")
      plan.nested(payload, into: &out)
      return out.write(ascii: ")")
    }
    tuple.write(payload, into: &out)
  }
}

/// A tuple's elements (label, offset, plan), printed as reflection prints a tuple.
struct TupleLayout {
  private let elements: [StoredField]

  /// The layout of `type` when it is a tuple type (metadata kind 0x301), else nil.
  init?(_ type: Any.Type) {
    guard MetadataKind.of(type) == MetadataKind.tuple else { return nil }
    let metadata = unsafeBitCast(type, to: UnsafeRawPointer.self)
    let count = metadata.load(fromByteOffset: 8, as: Int.self)
    var labels: [Substring] = []
    if let text = metadata.load(fromByteOffset: 16, as: UnsafePointer<CChar>?.self) {
      labels = String(cString: text).split(separator: " ", omittingEmptySubsequences: false)
    }
    elements = (0..<count).map { index in
      let element = metadata + 24 + 16 * index
      let elementType = unsafeBitCast(element.load(as: UnsafeRawPointer.self), to: Any.Type.self)
      let label = index < labels.count ? String(labels[index]) : ""
      return StoredField(
        label: label.isEmpty ? [] : Array((label + ": ").utf8), offset: Self.elementOffset(element),
        plan: RenderPlans.plan(forAny: elementType))
    }
  }

  /// `TargetTupleTypeMetadata::Element`: the type, then the offset, a word on Darwin and 32
  /// bits elsewhere (the word's other half is padding there, not always zero).
  private static func elementOffset(_ element: UnsafeRawPointer) -> Int {
    #if canImport(Darwin)
      element.load(fromByteOffset: 8, as: Int.self)
    #else
      Int(element.load(fromByteOffset: 8, as: UInt32.self))
    #endif
  }

  func write(_ tuple: UnsafeRawPointer, into out: inout BoundedText) {
    elements.write(at: tuple, into: &out)
  }
}
