import Foundation

/// Finding the Swift files to annotate.
public enum SwiftFiles {
  /// The Swift files under `folder`, sorted, hidden folders left out.
  public static func under(_ folder: String) -> [String] {
    let root = URL(fileURLWithPath: folder)
    guard
      let walker = FileManager.default.enumerator(
        at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
    else { return [] }
    var paths: [String] = []
    for case let url as URL in walker where url.pathExtension == "swift" {
      paths.append(url.path)
    }
    return paths.sorted()
  }

  /// `path` relative to the current folder when it lies inside it.
  public static func relative(_ path: String) -> String {
    let here = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
  }

  /// The text of a UTF-8 file.
  public static func read(_ path: String) throws(AnnotateError) -> String {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else { throw .unreadable }
    return text
  }
}
