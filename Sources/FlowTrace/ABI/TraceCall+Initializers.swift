// Entry points for traced initializers (see docs/MACRO-ABI.md): an initializer's exit records
// the value it made, or `nil` when a failable one failed. Part of the macro contract.

extension _TraceCall {
  /// Records the normal exit of an initializer with the value it made (`self`), rendered as
  /// results are.
  @inlinable public func initialized<T>(_ value: T) {
    if slot != 0 { _initialized(value) }
  }

  /// Records the normal exit of an initializer of a non-copyable type: no value is shown (the
  /// value cannot be copied for rendering).
  @inlinable public func initialized<T: ~Copyable>(_ value: borrowing T) {
    if slot != 0 { _end(.returnVoid, 0) }
  }

  /// Records the exit of a failable initializer that failed (`return nil`): the result reads
  /// `nil`, as an optional result would.
  @inlinable public func initializerFailed() {
    if slot != 0 { _returning(Int?.none) }
  }

  /// A class initializer reached through `super.init` (or a convenience initializer of a
  /// subclass) ends before the subclass has finished: its `description` may read state not set
  /// yet, so such an exit shows no value. The subclass's own initializer shows it.
  @usableFromInline
  func _initialized<T>(_ value: T) {
    if T.self is AnyClass, type(of: value) != T.self {
      _end(.returnVoid, 0)
    } else {
      _returning(value)
    }
  }
}
