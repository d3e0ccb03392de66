/// A unified diff of two texts with the same number of lines (the annotator's edits never add
/// or remove a line); texts whose line counts differ are shown as one hunk.
public enum LineDiff {
  public static func unified(old: String, new: String, path: String, context: Int = 2) -> String {
    let a = old.split(separator: "\n", omittingEmptySubsequences: false)
    let b = new.split(separator: "\n", omittingEmptySubsequences: false)
    var out = "--- a/\(path)\n+++ b/\(path)\n"
    guard a.count == b.count else {
      out += "@@ -1,\(a.count) +1,\(b.count) @@\n"
      return out + a.map { "-\($0)\n" }.joined() + b.map { "+\($0)\n" }.joined()
    }
    let changed = a.indices.filter { a[$0] != b[$0] }
    guard !changed.isEmpty else { return "" }
    // Group changed lines whose context windows touch into hunks.
    var hunks: [ClosedRange<Int>] = []
    for line in changed {
      let window = max(0, line - context)...min(a.count - 1, line + context)
      if let last = hunks.last, window.lowerBound <= last.upperBound + 1 {
        hunks[hunks.count - 1] = last.lowerBound...window.upperBound
      } else {
        hunks.append(window)
      }
    }
    for hunk in hunks {
      out += "@@ -\(hunk.lowerBound + 1),\(hunk.count) +\(hunk.lowerBound + 1),\(hunk.count) @@\n"
      for line in hunk {
        if a[line] == b[line] {
          out += " \(a[line])\n"
        } else {
          out += "-\(a[line])\n+\(b[line])\n"
        }
      }
    }
    return out
  }
}
