import FlowTrace
