// Building a plan's program from its style, once, when the plan is made: the plans of a
// struct's fields are made first, so their programs are inlined at the field's offset (with
// neighbouring literals merged); a field without a program becomes a `plan` step.

extension RenderProgram {
  /// The program of a `T` rendered by `style`'s reflecting rule, or nil when that rule is not
  /// one a program reads in place (collections, descriptions, classes, enums with payloads).
  static func build<T>(_: T.Type, _ style: PlanStyle) -> RenderProgram? {
    var builder = Builder()
    if let scalar = scalarOp(T.self) {
      builder.append(RenderStep(op: scalar))
    } else if T.self == String.self {
      builder.append(RenderStep(op: .string))
    } else {
      switch style {
      case .optional(let wrapped, _):
        guard let payload = wrapped.program else { return nil }
        builder.optional(metadata: metadata(T.self)) { $0.inline(payload, at: 0) }
      case .reflecting(let reflecting), .representable(_, let reflecting):
        guard builder.reflecting(reflecting, metadata: metadata(T.self)) else { return nil }
      default:
        return nil
      }
    }
    return builder.finish()
  }

  private static func metadata<T>(_ type: T.Type) -> UInt {
    UInt(bitPattern: unsafeBitCast(type as Any.Type, to: UnsafeRawPointer.self))
  }

  private static func scalarOp<T>(_: T.Type) -> RenderStep.Op? {
    switch ObjectIdentifier(T.self) {
    case ObjectIdentifier(Int.self), ObjectIdentifier(Int64.self): return .signed64
    case ObjectIdentifier(Int32.self): return .signed32
    case ObjectIdentifier(Int16.self): return .signed16
    case ObjectIdentifier(Int8.self): return .signed8
    case ObjectIdentifier(UInt.self), ObjectIdentifier(UInt64.self): return .unsigned64
    case ObjectIdentifier(UInt32.self): return .unsigned32
    case ObjectIdentifier(UInt16.self): return .unsigned16
    case ObjectIdentifier(UInt8.self): return .unsigned8
    case ObjectIdentifier(Bool.self): return .bool
    case ObjectIdentifier(Double.self): return .double
    default: return nil
    }
  }

  /// Collects steps, merging adjacent literal bytes into one step.
  struct Builder {
    private var steps: [RenderStep] = []
    private var pending: [UInt8] = []

    mutating func literal(_ bytes: some Sequence<UInt8>) { pending.append(contentsOf: bytes) }

    mutating func append(_ step: RenderStep) {
      flush()
      steps.append(step)
    }

    /// A struct's fields or a payload-free enum's cases; false for any other rule.
    mutating func reflecting(_ style: ReflectingStyle, metadata: UInt) -> Bool {
      switch style {
      case .fields(let typeName, let fields):
        literal(typeName)
        literal("(".utf8)
        for (index, field) in fields.enumerated() {
          if index > 0 { literal(", ".utf8) }
          literal(field.label)
          if let program = field.plan.program {
            inline(program, at: field.offset)
          } else {
            let address = Unmanaged.passUnretained(field.plan).toOpaque()
            append(
              RenderStep(
                op: .plan, offset: Int32(field.offset), word: UInt(bitPattern: address)))
          }
        }
        literal(")".utf8)
        return true
      case .cases(let texts) where texts.texts.count <= 4096:
        append(RenderStep(op: .cases, count: Int32(texts.texts.count), word: metadata))
        for text in texts.texts { steps.append(Self.literalStep(text)) }
        return true
      default:
        return false
      }
    }

    /// An optional step whose payload steps `body` adds (with the closing parenthesis).
    mutating func optional(metadata: UInt, _ body: (inout Builder) -> Void) {
      append(RenderStep(op: .optional, word: metadata))
      let at = steps.count - 1
      body(&self)
      literal(")".utf8)
      flush()
      steps[at].count = Int32(steps.count - at - 1)
    }

    /// Adds `program`'s steps for a value at `offset` (a field of the value being built).
    mutating func inline(_ program: RenderProgram, at offset: Int) {
      inline(program.steps[...], at: Int32(offset))
    }

    private mutating func inline(_ source: Slice<UnsafeBufferPointer<RenderStep>>, at offset: Int32)
    {
      var index = source.startIndex
      while index < source.endIndex {
        var step = source[index]
        index += 1
        step.offset += offset
        switch step.op {
        case .ascii, .utf8:
          literal(
            UnsafeBufferPointer(start: UnsafePointer(bitPattern: step.word), count: Int(step.count))
          )
        case .optional:
          // Its skipped region is rebuilt with it, so the skip counts what is emitted.
          let region = index..<(index + Int(step.count))
          optionalRegion(step, source[region], at: offset)
          index = region.upperBound
        case .cases:
          append(step)
          for text in source[index..<(index + Int(step.count))] { steps.append(text) }
          index += Int(step.count)
        default:
          append(step)
        }
      }
    }

    private mutating func optionalRegion(
      _ step: RenderStep, _ region: Slice<UnsafeBufferPointer<RenderStep>>, at offset: Int32
    ) {
      append(step)
      let at = steps.count - 1
      inline(region, at: offset)
      flush()
      steps[at].count = Int32(steps.count - at - 1)
    }

    private mutating func flush() {
      guard !pending.isEmpty else { return }
      steps.append(Self.literalStep(pending))
      pending = []
    }

    /// A literal step for `bytes`, in memory kept for the process.
    private static func literalStep(_ bytes: [UInt8]) -> RenderStep {
      let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
      memory.initialize(from: bytes, count: bytes.count)
      let plain = bytes.allSatisfy { $0 < 0x80 && $0 != 13 }
      return RenderStep(
        op: plain ? .ascii : .utf8, count: Int32(bytes.count),
        word: UInt(bitPattern: memory))
    }

    /// The steps, in memory kept for the process.
    mutating func finish() -> RenderProgram {
      flush()
      let memory = UnsafeMutableBufferPointer<RenderStep>.allocate(capacity: steps.count)
      _ = memory.initialize(from: steps)
      return RenderProgram(steps: UnsafeBufferPointer(memory))
    }
  }
}
