import CFlowTraceRuntime
import Glibc

/// The recorders of the threads that may still hold unread records, in order of their small
/// thread ids (1, 2, … never reused). The collector retires a recorder once its thread ended
/// and every record of it was read, so memory follows the live threads, not every thread the
/// program ever ran.
final class Registry: Sendable {
  static let shared = Registry()

  private struct Table {
    var live: [ThreadRecorder] = []
    var nextIndex: UInt32 = 1
  }

  private let table = Locked(Table())

  /// Creates, registers and installs the calling thread's recorder.
  func makeCurrent() -> ThreadRecorder {
    let recorder = table.withLock { table in
      let index = table.nextIndex
      table.nextIndex += 1
      let made = ThreadRecorder(index: index, name: Registry.threadName(index: index))
      table.live.append(made)
      return made
    }
    ft_set_thread_state(UnsafeMutableRawPointer(recorder.hot))
    ft_on_thread_exit(Unmanaged.passRetained(recorder).toOpaque(), registryThreadExited)
    Runtime.shared.startEnvironmentSinks()
    return recorder
  }

  /// The live recorders, in order of their ids.
  func snapshot() -> [ThreadRecorder] {
    table.withLock { $0.live }
  }

  /// Forgets recorders whose threads ended and were read to the end (the collector's call).
  func retire(_ indices: Set<UInt32>) {
    guard !indices.isEmpty else { return }
    table.withLock { table in table.live.removeAll { indices.contains($0.index) } }
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

/// Marks a recorder whose thread ended (its records stay readable until the collector has
/// read them all and retires it).
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
