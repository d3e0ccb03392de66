import ArgumentParser
import FlowTraceAnnotate
import Foundation

/// `flowtrace-annotate PATH...` (also run as `flowtrace annotate`): writes `@TraceAll` out as `@Trace` on each member where the
/// compiler cannot take the member-attribute macro.
struct AnnotateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flowtrace-annotate",
    abstract: "Write @TraceAll out as @Trace on each member, where the compiler cannot take it.",
    discussion: """
      On constrained extensions, extensions of protocols with associated types and generic \
      classes conforming to such protocols, @TraceAll can run into a compiler request cycle \
      (swiftlang/swift #78154). For each such declaration this puts @Trace (same arguments) on \
      every function and initializer with a body and no @Trace/@NoTrace, and replaces \
      @TraceAll with the comment /* flowtrace annotate: @TraceAll */. Running it again adds \
      @Trace to members added since and changes nothing else. Lines do not move.
      PATH is a folder, a Swift file, or FILE:LINE[:COLUMN] (as a compiler error names it) to \
      expand the @TraceAll declaration holding that line whatever its shape.
      """)

  @Argument(help: "Folders, Swift files, or FILE:LINE of a declaration to expand.")
  var paths: [String]

  @Flag(help: "Expand every @TraceAll, not only the shapes that can hit the compiler cycle.")
  var all = false

  @Flag(help: "Change nothing; list what would change and exit 1 if anything would.")
  var check = false

  @Flag(help: "Change nothing; print the changes as a unified diff.")
  var dryRun = false

  func run() throws {
    try Self.reportingErrors {
      let targets = try AnnotateTargets(arguments: paths)
      var protocols: Set<String> = []
      var sources: [String: String] = [:]
      var failed = false
      for file in targets.files {
        do {
          let text = try SwiftFiles.read(file)
          sources[file] = text
          protocols.formUnion(TraceAllExpansion.protocolNames(in: text))
        } catch {
          Self.printError("flowtrace annotate: \(file): \(error)")
          failed = true
        }
      }
      var changed = 0
      for file in targets.files {
        guard let text = sources[file] else { continue }
        let selection: ExpansionSelection =
          targets.lines[file].map { .lines($0) } ?? (all ? .all : .cycleShapes)
        let shown = SwiftFiles.relative(file)
        do {
          let result = try TraceAllExpansion.expand(
            source: text, fileName: shown, selection: selection, protocols: protocols)
          guard result.rewritten != text else { continue }
          changed += 1
          if dryRun {
            print(LineDiff.unified(old: text, new: result.rewritten, path: shown), terminator: "")
          } else {
            for change in result.changes { print("\(shown):\(change)") }
          }
          if !check && !dryRun {
            try Data(result.rewritten.utf8).write(to: URL(fileURLWithPath: file))
          }
        } catch {
          Self.printError("flowtrace annotate: \(shown): \(error)")
          failed = true
        }
      }
      if failed { throw ExitCode(2) }
      if check && changed > 0 { throw ExitCode.failure }
    }
  }

  /// Runs `body`; any error but an exit code becomes one line on standard error and status 1.
  private static func reportingErrors(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as ExitCode {
      throw error
    } catch {
      printError("flowtrace annotate: \(error)")
      throw ExitCode.failure
    }
  }

  private static func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}

/// The files `flowtrace annotate` reads, and the lines named for some of them.
struct AnnotateTargets {
  var files: [String] = []
  var lines: [String: Set<Int>] = [:]

  init(arguments: [String]) throws {
    var seen: Set<String> = []
    func add(_ file: String) {
      if seen.insert(file).inserted { files.append(file) }
    }
    for argument in arguments {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) {
        if isFolder.boolValue {
          SwiftFiles.under(argument).forEach(add)
        } else {
          add(argument)
        }
        continue
      }
      // FILE:LINE or FILE:LINE:COLUMN.
      let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
      let numbers = parts.reversed().prefix { Int($0) != nil }.count
      guard (1...2).contains(numbers), parts.count > numbers,
        let line = Int(parts[parts.count - numbers])
      else { throw ValidationError("\(argument): no such file or folder") }
      let file = parts.dropLast(numbers).joined(separator: ":")
      guard FileManager.default.fileExists(atPath: file) else {
        throw ValidationError("\(file): no such file")
      }
      add(file)
      lines[file, default: []].insert(line)
    }
  }
}
