/// A part of the screen a theme rule colours, named as theme files spell it.
package enum ThemeArea: String, CaseIterable, Sendable {
  /// Title bar and the filter shown in it.
  case title
  case titleFilter = "title-filter"
  /// Status line (breadcrumb, position, search counter) and the prompt/message line.
  case status
  case message
  case messageError = "message-error"
  case prompt
  /// Tree rows and their parts.
  case tree
  case cursor
  case cursorBlur = "cursor-blur"
  case guide
  case foldMark = "fold-mark"
  case name
  case args
  case result
  case arrow
  case errorMark = "error-mark"
  case duration
  case durationHot = "duration-hot"
  case thread
  case task
  case loss
  case match
  /// Detail pane.
  case detail
  case tab
  case tabActive = "tab-active"
  case label
  case value
  case border
  /// Help overlay.
  case help
  case helpKey = "help-key"
  /// Diff view (`--diff`): calls only in A, only in B, changed, and on the way to a change.
  case diffRemoved = "diff-removed"
  case diffAdded = "diff-added"
  case diffChanged = "diff-changed"
  case diffContext = "diff-context"

  /// The attributes an area gets when colours are off and its rule gives none, so that the
  /// cursor, matches and errors stay visible on a monochrome terminal.
  package var monoAttributes: TextAttributes {
    switch self {
    case .title, .status, .cursor, .tabActive: return .reverse
    case .titleFilter: return [.reverse, .bold]
    case .cursorBlur: return .underline
    case .messageError, .errorMark, .helpKey, .thread, .durationHot: return .bold
    case .match: return [.bold, .underline]
    case .guide, .arrow, .task, .duration: return .dim
    case .label, .prompt: return .bold
    case .loss: return [.bold, .reverse]
    case .diffAdded: return .bold
    case .diffRemoved: return [.dim, .underline]
    case .diffChanged: return [.bold, .underline]
    default: return []
    }
  }
}
