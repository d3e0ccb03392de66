import FlowTraceText
import Testing

/// Durations and counts as every view shows them.
@Suite struct NumberTextTests {
  @Test(arguments: [
    (UInt64(0), "0 ns"), (850, "850 ns"), (999, "999 ns"), (1000, "1.00 µs"),
    (12_345, "12.3 µs"), (99_949, "99.9 µs"), (99_950, "100 µs"), (999_499, "999 µs"),
    (999_500, "1.00 ms"), (4_564_000, "4.56 ms"), (999_500_000, "1.00 s"),
    (1_234_000_000, "1.23 s"), (152_400_000_000, "152 s"),
  ])
  func durationsKeepThreeSignificantDigits(nanos: UInt64, expected: String) {
    #expect(DurationText.short(nanos) == expected)
  }

  @Test func asciiAndMinutes() {
    #expect(DurationText.short(12_345, ascii: true) == "12.3 us")
    #expect(DurationText.short(59_000_000_000, minutes: true) == "59.0 s")
    #expect(DurationText.short(59_950_000_000, minutes: true) == "1m00s")
    #expect(DurationText.short(123_400_000_000, minutes: true) == "2m03s")
  }

  @Test(arguments: [
    (0, "0"), (999, "999"), (1000, "1,000"), (1_234_567, "1,234,567"),
    (-1204, "-1,204"), (Int.min, "-9,223,372,036,854,775,808"),
  ])
  func countsGroupedByThree(n: Int, expected: String) {
    #expect(CountText.grouped(n) == expected)
  }
}
