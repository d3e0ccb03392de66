// 100,000 distinct call sites on the runtime side (issue 6). `.ci/e2e/robust-many-sites.sh`
// compiles this with a generated `Sites.swift` holding one site literal per function
// (`let sites: [StaticString] = ["Gen.f0\t_\tGen/Sites.swift\t1", …]`): each literal is a
// distinct StaticString, so its address is a distinct site, exactly as in `@Trace` expansions
// (docs/MACRO-ABI.md), without compiling 100,000 functions.
//
//   many-sites [ROUNDS]     calls every site ROUNDS times (default 2), prints a summary line
import FlowTrace
import Glibc

@main
struct ManySites {
  static func main() {
    let arguments = CommandLine.arguments
    let rounds = arguments.count > 1 ? Int(arguments[1]) ?? 2 : 2
    for _ in 0..<rounds {
      for index in sites.indices { call(sites[index], index) }
    }
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    print("sites \(sites.count) rounds \(rounds) maxrss_kb \(usage.ru_maxrss)")
  }

  /// The expansion of `@Trace func fN(_ n: Int)` with an empty body, its site passed in.
  @inline(never)
  static func call(_ site: StaticString, _ index: Int) {
    let __ftCall = _TraceCall(site: site, flags: _TraceFlags())
    if __ftCall.recordsArguments {
      __ftCall.argument(index)
    }
    __ftCall.entered()
    __ftCall.returningVoid()
  }
}
