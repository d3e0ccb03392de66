extension [UInt8] {
  /// `withUnsafeBytes` for bodies with a typed error (the standard one only rethrows `any Error`).
  @inlinable
  func withBytes<R, E: Error>(
    _ body: (UnsafeRawBufferPointer) throws(E) -> R
  ) throws(E) -> R {
    let result: Result<R, E> = withUnsafeBytes { raw in
      do throws(E) {
        return .success(try body(raw))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}
