FlowTraceCommand.main()
