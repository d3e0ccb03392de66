import ArgumentParser
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `flowtrace annotate ...`: runs `flowtrace-annotate` (built beside `flowtrace`), which holds
/// the swift-syntax parser the CLI itself does not link.
struct AnnotateForwarding: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "annotate",
    abstract: "Write @TraceAll out as @Trace on each member, where the compiler cannot take it.",
    discussion: "Runs flowtrace-annotate; see `flowtrace annotate --help`.")

  @Argument(parsing: .captureForPassthrough, help: "Arguments for flowtrace-annotate.")
  var arguments: [String] = []

  func run() throws {
    try reportingErrors {
      let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
      let tool = me.deletingLastPathComponent().appendingPathComponent("flowtrace-annotate").path
      guard FileManager.default.isExecutableFile(atPath: tool) else {
        throw CLIError(
          "annotate: \(tool) not found (build it: swift build --product flowtrace-annotate)")
      }
      let argv = ([tool] + arguments).map { strdup($0) } + [nil]
      execv(tool, argv)
      throw CLIError("annotate: cannot run \(tool): \(String(cString: strerror(errno)))")
    }
  }
}
