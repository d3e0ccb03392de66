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

/// Marks a recorder whose thread ended (its records stay readable; the registry keeps it).
private func registryThreadExited(_ raw: UnsafeMutableRawPointer?) {
  guard let raw else { return }
  let recorder = Unmanaged<ThreadRecorder>.fromOpaque(raw).takeRetainedValue()
  recorder.exited.store(true, ordering: .releasing)
}
