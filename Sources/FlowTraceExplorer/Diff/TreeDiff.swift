/// Aligns two call trees and collects their differences (`DiffReport`).
///
/// Threads are paired by name (`RootMatcher`); the children of two paired nodes are put in a
/// scheduling-independent order (`ChildOrder`) and aligned (`SequenceAligner`); paired calls
/// are compared (`DiffSide.changes`) and their children aligned in turn. The walk keeps an
/// explicit stack (no recursion limit on deep trees) and one shared buffer of alignment steps.
public enum TreeDiff {
  /// Compares `a` and `b` under `options`.
  public static func compare(
    _ a: CallTree, _ b: CallTree, options: DiffOptions = DiffOptions()
  ) -> DiffReport {
    compare(a, b, options: options, weightsA: [:], weightsB: [:])
  }

  /// Compares trees built without the descendants of some calls (`weights`: node → calls it
  /// stands for).
  static func compare(
    _ a: CallTree, _ b: CallTree, options: DiffOptions, weightsA: [Int: Int],
    weightsB: [Int: Int]
  ) -> DiffReport {
    var names: [String: UInt32] = [:]
    let sideA = DiffSide(a, names: &names, options: options, weights: weightsA)
    let sideB = DiffSide(b, names: &names, options: options, weights: weightsB)
    var walk = DiffWalk(a: sideA, b: sideB, options: options)
    walk.run()
    var report = DiffReport(a: a, b: b)
    report.entries = walk.entries
    report.first = walk.first
    report.firstPath = walk.firstPath
    report.identicalCalls = walk.identicalCalls
    return report
  }
}
