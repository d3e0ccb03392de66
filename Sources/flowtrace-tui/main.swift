print("flowtrace-tui: waiting for the trace decoder")
