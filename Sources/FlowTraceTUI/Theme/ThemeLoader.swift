import Foundation

/// Finds and reads a theme by name (`solarized-dark`) or path (`./my.theme`).
package enum ThemeLoader {
  /// Loads `nameOrPath`, looking for names in `directories` (default: `searchDirectories()`).
  package static func load(
    _ nameOrPath: String, directories: [String]? = nil
  ) throws(ThemeError) -> Theme {
    let fm = FileManager.default
    if nameOrPath.contains("/") || nameOrPath.hasPrefix(".") {
      return try read(path: nameOrPath)
    }
    let dirs = directories ?? searchDirectories()
    for dir in dirs {
      let path = dir + "/" + nameOrPath
      var isDir: ObjCBool = false
      if fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
        return try read(path: path, name: nameOrPath)
      }
    }
    if nameOrPath == "default" {
      return try ThemeParser.parse(BuiltinTheme.defaultText, file: "(built-in)", name: "default")
    }
    if fm.fileExists(atPath: nameOrPath) { return try read(path: nameOrPath) }
    let known = Set(dirs.flatMap { (try? fm.contentsOfDirectory(atPath: $0)) ?? [] }).sorted()
    let hint = known.isEmpty ? "" : " (known: \(known.joined(separator: ", ")))"
    throw ThemeError(file: nameOrPath, line: 0, message: "no such theme\(hint)")
  }

  /// Reads and parses one theme file.
  package static func read(path: String, name: String? = nil) throws(ThemeError) -> Theme {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ThemeError(file: path, line: 0, message: "cannot read theme file")
    }
    let text = String(decoding: data, as: UTF8.self)
    let themeName = name ?? URL(fileURLWithPath: path).lastPathComponent
    return try ThemeParser.parse(text, file: path, name: themeName)
  }

  /// Where theme names are looked up: `$FLOWTRACE_THEMES`, `themes/` beside or above the
  /// executable (a build directory inside the repository), `share/flowtrace/themes` of an
  /// install prefix, and `./themes`.
  package static func searchDirectories() -> [String] {
    var dirs: [String] = []
    if let env = ProcessInfo.processInfo.environment["FLOWTRACE_THEMES"], !env.isEmpty {
      dirs.append(contentsOf: env.split(separator: ":").map(String.init))
    }
    let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    for _ in 0..<6 {
      dirs.append(dir.appendingPathComponent("themes").path)
      dirs.append(dir.appendingPathComponent("share/flowtrace/themes").path)
      dir = dir.deletingLastPathComponent()
    }
    dirs.append(FileManager.default.currentDirectoryPath + "/themes")
    var seen = Set<String>()
    return dirs.filter { seen.insert($0).inserted }
  }
}
