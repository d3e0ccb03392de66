/// The one rule for a call's text, shared by the runtime's events, the printed trees and the
/// explorer: arguments read as the Swift call site reads them (`b(3, y: 10)`): a value shows
/// its parameter's external label, and `_` (or no label) shows none.
public enum CallText {
  /// The label shown before argument `index`'s value, nil when it shows none (`_`, empty, or
  /// fewer labels than values).
  public static func shownLabel(at index: Int, in labels: [String]) -> String? {
    guard index < labels.count else { return nil }
    let label = labels[index]
    return label == "_" || label.isEmpty ? nil : label
  }

  /// `3, y: 10`: the values, each after its shown label, separated by `, `.
  public static func argumentList(labels: [String], values: [String]) -> String {
    var text = ""
    for (index, value) in values.enumerated() {
      if index > 0 { text += ", " }
      if let label = shownLabel(at: index, in: labels) { text += label + ": " }
      text += value
    }
    return text
  }
}
