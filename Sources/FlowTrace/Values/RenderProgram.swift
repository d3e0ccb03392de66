// A render plan flattened into steps over the value's memory: a struct's type name, labels and
// punctuation as literal bytes, its numbers, strings, optionals and payload-free enums read at
// their offsets, nested structs inlined. Running it takes no reference count, calls no closure
// and switches on no payload enum, which is where a plan's render spent its time (an `Edge`
// of three numbers cost ~220 ns by the plan, ~25 ns by its program). Fields the program cannot
// read in place run their own plan (`plan` step). Built by `RenderProgram+Build.swift`.

/// One step of a `RenderProgram`. Offsets are from the start of the value the program renders.
struct RenderStep {
  enum Op: UInt8 {
    /// `count` bytes at `word` that are ASCII without a carriage return.
    case ascii
    /// `count` bytes of UTF-8 at `word` (whole characters).
    case utf8
    case signed64, signed32, signed16, signed8
    case unsigned64, unsigned32, unsigned16, unsigned8
    case bool, double
    /// A `String`, quoted as `debugDescription` quotes it.
    case string
    /// An optional (metadata at `word`): `nil`, skipping the next `count` steps (its payload's
    /// steps and the closing parenthesis), or `Optional(`.
    case optional
    /// A payload-free enum (metadata at `word`): the step `1 + tag` after this one writes its
    /// case's text; the `count` case steps are skipped after it.
    case cases
    /// Another plan (retained by the plan cache for the process, address at `word`) renders
    /// the value at `offset` by the reflecting rule.
    case plan
  }

  var op: Op
  var offset: Int32 = 0
  var count: Int32 = 0
  var word: UInt = 0
}

/// A plan's steps, allocated once and kept for the process (as plans are).
struct RenderProgram {
  let steps: UnsafeBufferPointer<RenderStep>

  private typealias TagWitness = @convention(c) (UnsafeRawPointer, UnsafeRawPointer) -> UInt32

  /// Writes the value at `value` as `String(reflecting:)` does.
  func run(_ value: UnsafeRawPointer, into out: inout BoundedText) {
    var index = 0
    let count = steps.count
    while index < count, !out.isFull {
      let step = steps[index]
      index &+= 1
      let field = value + Int(step.offset)
      switch step.op {
      case .ascii:
        out.write(asciiBytes: UnsafeBufferPointer(start: literal(step), count: Int(step.count)))
      case .utf8:
        out.write(utf8: UnsafeBufferPointer(start: literal(step), count: Int(step.count)))
      case .signed64: out.write(signed: field.loadUnaligned(as: Int64.self))
      case .signed32: out.write(signed: Int64(field.loadUnaligned(as: Int32.self)))
      case .signed16: out.write(signed: Int64(field.loadUnaligned(as: Int16.self)))
      case .signed8: out.write(signed: Int64(field.load(as: Int8.self)))
      case .unsigned64: out.write(unsigned: field.loadUnaligned(as: UInt64.self))
      case .unsigned32: out.write(unsigned: UInt64(field.loadUnaligned(as: UInt32.self)))
      case .unsigned16: out.write(unsigned: UInt64(field.loadUnaligned(as: UInt16.self)))
      case .unsigned8: out.write(unsigned: UInt64(field.load(as: UInt8.self)))
      case .bool: out.write(ascii: field.load(as: Bool.self) ? "true" : "false")
      case .double: out.write(double: field.loadUnaligned(as: Double.self))
      case .string:
        ValueRender.writeQuoted(field.assumingMemoryBound(to: String.self).pointee, into: &out)
      case .optional:
        if tag(of: field, step) == 0 {
          out.write(ascii: "Optional(")
        } else {
          out.write(ascii: "nil")
          index &+= Int(step.count)
        }
      case .cases:
        let tag = Int(tag(of: field, step))
        if tag < Int(step.count) {
          let text = steps[index &+ tag]
          out.write(utf8: UnsafeBufferPointer(start: literal(text), count: Int(text.count)))
        }
        index &+= Int(step.count)
      case .plan:
        guard let address = UnsafeRawPointer(bitPattern: step.word) else { continue }
        Unmanaged<AnyRenderPlan>.fromOpaque(address)._withUnsafeGuaranteedRef {
          $0.nested(field, into: &out)
        }
      }
    }
  }

  private func literal(_ step: RenderStep) -> UnsafePointer<UInt8>? {
    UnsafePointer(bitPattern: step.word)
  }

  /// The enum tag of the value at `field` (`getEnumTag` of the metadata at `word`).
  private func tag(of field: UnsafeRawPointer, _ step: RenderStep) -> UInt32 {
    guard let metadata = UnsafeRawPointer(bitPattern: step.word) else { return 0 }
    let table = (metadata - 8).load(as: UnsafeRawPointer.self)
    return table.load(fromByteOffset: 88, as: TagWitness.self)(field, metadata)
  }
}
