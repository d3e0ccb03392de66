import FlowTraceDemo
import Foundation

// flowtrace-demo examples            issue 2's example programs and more, printed as trees
// flowtrace-demo fib                 only `_ = fib(3)`, the first program as written
// flowtrace-demo live [--seconds N]  the live demo for flowtrace-tui (default 6 seconds)
// flowtrace-demo batch LINE…         parses the lines (the worked example of flowtrace diff)

let usage = """
  usage: flowtrace-demo examples
         flowtrace-demo fib
         flowtrace-demo live [--seconds N]
         flowtrace-demo batch LINE...
  """

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "examples" where arguments.count == 1:
  runExamples()
case "fib" where arguments.count == 1:
  runFib()
case "live":
  let rest = Array(arguments.dropFirst())
  var seconds = 6.0
  if rest.count == 2, rest[0] == "--seconds", let value = Double(rest[1]), value >= 0 {
    seconds = value
  } else if !rest.isEmpty {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
  }
  runLive(seconds: seconds)
case "batch":
  runBatch(Array(arguments.dropFirst()))
case nil, "-h", "--help", "help":
  print(usage)
default:
  FileHandle.standardError.write(Data((usage + "\n").utf8))
  exit(2)
}
