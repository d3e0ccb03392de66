FlowTraceCommand.main(DiffCommand.withTimingDefault(Array(CommandLine.arguments.dropFirst())))
