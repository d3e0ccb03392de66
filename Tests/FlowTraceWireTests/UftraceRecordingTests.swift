import FlowTraceWire
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Directories recorded here by the real uftrace (CI installs it; without it these fail,
/// they never pass in silence), read by `UftraceDataReader`.
@Suite(.serialized) struct UftraceRecordingTests {
  /// Runs `script` with sh in a new temporary directory; returns the directory, or nil
  /// (with the failure recorded) when it fails.
  static func recorded(_ script: String, sourceLocation: SourceLocation = #_sourceLocation)
    -> String?
  {
    guard access("/usr/bin/uftrace", X_OK) == 0 || shell("command -v uftrace") == 0 else {
      Issue.record(
        "uftrace is not installed: these tests read what it records (apt-get install uftrace)",
        sourceLocation: sourceLocation)
      return nil
    }
    var template = Array("/tmp/ft-uftrace-rec-XXXXXX".utf8CString)
    let dir = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    let status = shell("cd \(dir) && { \(script); } >log 2>&1")
    guard status == 0 else {
      Issue.record("recording failed (\(status)), see \(dir)/log", sourceLocation: sourceLocation)
      return nil
    }
    return dir
  }

  static func shell(_ command: String) -> Int32 {
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] = [
      strdup("sh"), strdup("-c"), strdup(command), nil,
    ]
    defer { for p in argv { free(p) } }
    guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return status
  }

  static func importing(_ dir: String) throws -> (ImportedEvents, [String]) {
    var reader = try UftraceDataReader(directory: dir + "/uftrace.data")
    var builder = ChromeTraceBuilder(source: dir)
    try reader.read(into: &builder)
    try builder.finish()
    var events: [TraceEvent] = []
    builder.emit(merge: true) { _, event in events.append(event) }
    #expect(builder.headers(merge: true).first?.program != nil)
    return (ImportedEvents(events: events), reader.notes + builder.notes)
  }

  @Test func aCProgramWithArgumentsAndReturnValues() throws {
    guard
      let dir = Self.recorded(
        """
        printf '%s\\n' '#include <stdio.h>' \
          'int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }' \
          'int add(int a, int b) { return a + b; }' \
          'int main(void) { printf("%d\\n", add(fib(6), 1)); return 0; }' >fib.c
        gcc -pg -O0 -o fib fib.c
        uftrace record -A fib@arg1 -A add@arg1,arg2 -R fib@retval -R add@retval ./fib
        """)
    else { return }
    defer { _ = Self.shell("rm -rf \(dir)") }
    let (run, notes) = try Self.importing(dir)
    let outline = run.outline
    #expect(
      Array(outline.prefix(5)) == [
        "__monstartup()", "__cxa_atexit()", "main()", "  fib(6) → 8", "    fib(5) → 5",
      ])
    #expect(outline.suffix(2) == ["  add(8, 1) → 9", "  printf()"])
    #expect(outline.filter { $0.contains("fib(") }.count == 25)
    #expect(notes.isEmpty, "\(notes)")
  }

  @Test func threadsAndStringsAndPointers() throws {
    guard
      let dir = Self.recorded(
        """
        printf '%s\\n' '#include <string.h>' '#include <pthread.h>' \
          'const char* hello(const char* s, char c) { return strlen(s) > 2 ? "long" : s; }' \
          'void* work(void* p) { hello("thread", 120); return 0; }' \
          'int main(void) { pthread_t t; pthread_create(&t, 0, work, 0); pthread_join(t, 0); hello("hi", 99); return 0; }' >t.c
        gcc -pg -O0 -o t t.c -lpthread
        uftrace record -A 'hello@arg1/s,arg2/c' -R 'hello@retval/s' -A 'pthread_create@arg3/p' ./t
        """)
    else { return }
    defer { _ = Self.shell("rm -rf \(dir)") }
    let (run, _) = try Self.importing(dir)
    let outline = run.outline
    #expect(outline.contains(#"  hello("hi", 'c') → "hi""#), "\(outline)")
    #expect(outline.contains(#"  hello("thread", 'x') → "long""#), "\(outline)")
    #expect(outline.contains { $0.hasPrefix("  pthread_create(&work)") }, "\(outline)")
    let threads = run.events.filter { if case .thread = $0 { return true } else { return false } }
    #expect(threads.count == 2)
  }

  @Test func aSwiftBinaryReadsAsSwift() throws {
    guard
      let dir = Self.recorded(
        """
        printf '%s\\n' 'func fib(_ n: Int) -> Int { n < 2 ? n : fib(n - 1) + fib(n - 2) }' \
          'func greet(name: String, times: Int) -> Int { name.count * times }' \
          'print(fib(3) + greet(name: "ab", times: 3))' >main.swift
        swiftc -Onone main.swift -o app
        uftrace record -P . -A 'fibyS2iF$@arg1' -R 'fibyS2iF$@retval' ./app
        """)
    else { return }
    defer { _ = Self.shell("rm -rf \(dir)") }
    let (run, _) = try Self.importing(dir)
    let calls = run.outline.filter { $0.contains("fib(") || $0.contains("greet(") }
    #expect(
      calls.map { $0.trimmingPrefix(while: { $0 == " " }) }.prefix(4) == [
        "fib(3) → 2", "fib(2) → 1", "fib(1) → 1", "fib(0) → 0",
      ], "\(calls)")
    #expect(calls.contains("  greet()"), "\(calls)")
    #expect(!run.outline.contains { $0.contains("$s") }, "\(run.outline)")
  }
}

extension String {
  fileprivate func trimmingPrefix(while skip: (Character) -> Bool) -> String {
    String(drop(while: skip))
  }
}
