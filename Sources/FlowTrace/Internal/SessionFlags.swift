/// Session flags (nil = inherit the configuration's).
struct SessionFlags {
  var showArgs: Bool?
  var showResult: Bool?
  var showTiming: Bool?
}
