extension UnsafeMutablePointer where Pointee: BitwiseCopyable {
  /// Moves the first `count` elements into new memory with room for `capacity`, frees this
  /// memory and returns the new one (the growth step of the hand-managed buffers).
  package func grown(keeping count: Int, to capacity: Int) -> UnsafeMutablePointer<Pointee> {
    let bigger = UnsafeMutablePointer<Pointee>.allocate(capacity: capacity)
    bigger.moveInitialize(from: self, count: count)
    deallocate()
    return bigger
  }
}
