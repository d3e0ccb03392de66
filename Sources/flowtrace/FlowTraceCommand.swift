import ArgumentParser

/// `flowtrace`: read, convert, summarise and record FlowTrace traces.
struct FlowTraceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flowtrace",
    abstract: "Read, convert, summarise and record FlowTrace call traces.",
    discussion: """
      Traces are binary (.ftrace, written by FLOWTRACE_OUT) or JSON Lines (.jsonl); readers tell \
      them apart by their first byte. The format is described in docs/FORMAT.md.
      """,
    subcommands: [
      PrintCommand.self, ExportCommand.self, ImportCommand.self, StatsCommand.self,
      RecordCommand.self, DiffCommand.self, AnnotateForwarding.self,
    ]
  )
}
