// libFuzzer target: the theme file parser, and the sanitiser every trace string passes
// through before it reaches the terminal (its output must hold no control character).
import FlowTraceTUI
import FlowTraceText
import FlowTraceWire

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  do {
    let theme = try ThemeParser.parse(text, file: "fuzz.theme", name: "fuzz")
    _ = theme.attributesOnly()
  } catch {
    _ = error.description
  }
  for ascii in [false, true] {
    let clean = Sanitizer.clean(text, ascii: ascii)
    for scalar in clean.unicodeScalars {
      let value = scalar.value
      if value < 0x20 || (0x7F...0x9F).contains(value) {
        fatalError("control character U+\(String(value, radix: 16)) passed the sanitiser")
      }
      if ascii && value > 0x7E {
        fatalError("non-ASCII U+\(String(value, radix: 16)) in ASCII mode")
      }
    }
  }
  return 0
}
