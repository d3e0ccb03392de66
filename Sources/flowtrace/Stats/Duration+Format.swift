import FlowTraceText

/// Formats nanoseconds for people with three significant digits: `850 ns`, `12.3 µs`,
/// `4.56 ms`, `1.23 s`, `152 s`.
func formatDuration(_ nanos: UInt64) -> String { DurationText.short(nanos) }
