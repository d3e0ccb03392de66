/// Constants of the binary trace format, version 1 (see docs/FORMAT.md).
@usableFromInline
enum WireFormat {
  /// The 8 bytes every binary trace starts with: `FLOWTRC` and a NUL.
  @usableFromInline static let magic: [UInt8] = [0x46, 0x4C, 0x4F, 0x57, 0x54, 0x52, 0x43, 0x00]
  /// Largest payload a record may declare (64 MiB): anything larger is corrupt input.
  @usableFromInline static let maxRecordPayload = 64 << 20
  /// Largest header a trace may declare after its fixed part (16 MiB).
  @usableFromInline static let maxHeaderLength = 16 << 20
  /// Site ids below this are kept in a flat table by readers; larger ids use a dictionary.
  @usableFromInline static let flatSiteLimit: UInt32 = 1 << 16
}

/// The type byte that starts every record.
@usableFromInline
enum RecordTag: UInt8 {
  case callSite = 0x01
  case thread = 0x02
  case task = 0x03
  case context = 0x04
  case call = 0x05
  case `return` = 0x06
  case error = 0x07
  case loss = 0x08
  case end = 0x09
}

/// Bits of the form byte of a `call` record (bits 0-2 are the `CollectFlags`).
@usableFromInline
enum CallForm {
  @usableFromInline static let flagsMask: UInt8 = 0x07
  @usableFromInline static let explicitID: UInt8 = 0x08
  @usableFromInline static let explicitParent: UInt8 = 0x10
  @usableFromInline static let hasTimestamp: UInt8 = 0x20
  @usableFromInline static let hasArgs: UInt8 = 0x40
  @usableFromInline static let reserved: UInt8 = 0x80
}

/// Bits of the form byte of a `return` record.
@usableFromInline
enum ReturnForm {
  @usableFromInline static let hasTimestamp: UInt8 = 0x01
  @usableFromInline static let hasResult: UInt8 = 0x02
  @usableFromInline static let reserved: UInt8 = 0xFC
}

/// Bits of the form byte of an `error` record.
@usableFromInline
enum ErrorForm {
  @usableFromInline static let caught: UInt8 = 0x01
  @usableFromInline static let explicitID: UInt8 = 0x02
  @usableFromInline static let reserved: UInt8 = 0xFC
}

/// Which open-call stack a call belongs to: its task's when it runs in one, else its thread's.
@usableFromInline
struct StackKey: Hashable, Sendable {
  @usableFromInline var thread: UInt32
  @usableFromInline var task: UInt64

  @inlinable @inline(__always)
  init(thread: UInt32, task: UInt64) {
    self.thread = task == 0 ? thread : 0
    self.task = task
  }
}
