/// The detail pane's tabs, in the order `[`/`]` cycle them.
package enum DetailTab: Int, CaseIterable, Sendable {
  case args, result, timing, exception, thread, source

  package var title: String {
    switch self {
    case .args: return "Args"
    case .result: return "Result"
    case .timing: return "Timing"
    case .exception: return "Exception"
    case .thread: return "Thread/Task"
    case .source: return "Source"
    }
  }
}

/// Which pane the movement keys act on.
package enum Focus: Sendable, Equatable {
  case tree
  case detail
}

/// What the prompt line is asking for.
package enum PromptKind: Sendable, Equatable {
  case search
  case filter
  /// A second trace to compare with.
  case compare

  var label: String {
    switch self {
    case .search: return "/"
    case .compare: return "compare with: "
    case .filter: return "filter: "
    }
  }
}

/// Whether keys go to the tree, an overlay or a prompt.
package enum InputMode: Sendable, Equatable {
  case normal
  case help(scroll: Int)
  case prompt(PromptKind, LineEditor)
}
