// The public macro declarations. The implementations live in the FlowTraceMacros plugin;
// the shapes they expand to are documented in docs/MACRO-ABI.md.

/// Traces each call of the function, method or initializer it is written on.
///
/// Flags left out (nil) come from the running session, else from `FlowTrace.config`.
/// They never cascade to callees.
@attached(body)
public macro Trace(showArgs: Bool? = nil, showResult: Bool? = nil, showTiming: Bool? = nil) =
  #externalMacro(module: "FlowTraceMacros", type: "TraceMacro")

/// Traces every method and initializer of a type or extension, with the same optional flags.
@attached(memberAttribute)
public macro TraceAll(showArgs: Bool? = nil, showResult: Bool? = nil, showTiming: Bool? = nil) =
  #externalMacro(module: "FlowTraceMacros", type: "TraceAllMacro")

/// Keeps `@TraceAll` from tracing this one method.
@attached(peer)
public macro NoTrace() = #externalMacro(module: "FlowTraceMacros", type: "NoTraceMacro")
