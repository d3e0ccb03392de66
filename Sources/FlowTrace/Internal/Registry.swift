import CFlowTraceRuntime
import Glibc

/// Every thread recorder ever created, by small thread id.
final class Registry: Sendable {
  static let shared = Registry()

  private let recorders = Locked<[ThreadRecorder]>([])

  /// Creates, registers and installs the calling thread's recorder.
  func makeCurrent() -> ThreadRecorder {
    let recorder = recorders.withLock { list in
      let index = UInt32(list.count + 1)
      let made = ThreadRecorder(index: index, name: Registry.threadName(index: index))
      list.append(made)
      return made
    }
    ft_set_thread_state(UnsafeMutableRawPointer(recorder.hot))
    ft_on_thread_exit(Unmanaged.passRetained(recorder).toOpaque(), registryThreadExited)
    Runtime.shared.startEnvironmentSinks()
    return recorder
  }

  /// All recorders, in order of their ids.
  func snapshot() -> [ThreadRecorder] {
    recorders.withLock { $0 }
  }

  static func threadName(index: UInt32) -> String {
    if ft_gettid() == getpid() { return "main" }
    var buffer = [CChar](repeating: 0, count: 64)
    ft_thread_name(&buffer, 64)
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    if !bytes.isEmpty { return String(decoding: bytes, as: UTF8.self) }
    return "thread \(index)"
  }
}

extension Registry {
  /// The current name of live thread `tid` of this process (`/proc/self/task/TID/comm`: one
  /// small read, done once per thread by the collector), or nil.
  static func currentName(ofThread tid: Int32) -> String? {
    let fd = open("/proc/self/task/\(tid)/comm", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = read(fd, &buffer, buffer.count)
    guard count > 0 else { return nil }
    var bytes = buffer[0..<count]
    while let last = bytes.last, last == 0x0A || last == 0 { bytes.removeLast() }
    return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
  }
}

/// Marks a recorder whose thread ended (its records stay readable; the registry keeps it).
private func registryThreadExited(_ raw: UnsafeMutableRawPointer?) {
  guard let raw else { return }
  let recorder = Unmanaged<ThreadRecorder>.fromOpaque(raw).takeRetainedValue()
  // Traced code running later in this thread's exit (another key's destructor) gets a new
  // recorder: this one's buffers are freed once the collector has read them.
  ft_set_thread_state(nil)
  var buffer = [CChar](repeating: 0, count: 64)
  ft_thread_name(&buffer, 64)
  let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
  if !bytes.isEmpty { recorder.exitName = String(decoding: bytes, as: UTF8.self) }
  recorder.exited.store(true, ordering: .releasing)
}
