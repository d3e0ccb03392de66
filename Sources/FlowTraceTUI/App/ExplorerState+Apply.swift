import FlowTraceExplorer

extension ExplorerState {
  /// Applies one action and returns the effects the world must run (their results come back
  /// as actions). The only way keys and results change the state.
  mutating func apply(_ action: ExplorerAction) -> [ExplorerEffect] {
    reduce(action) + prepareDetail()
  }

  private mutating func reduce(_ action: ExplorerAction) -> [ExplorerEffect] {
    switch action {
    case .key(let key): return handle(key)
    case .perform(let keyAction): return perform(keyAction)
    case .layout(let size): fit(to: size)
    case .filter(let text): setFilter(text)
    case .sourceRead(let path, let bytes): sourceRead(path, bytes: bytes)
    case .traceOpened(let path, let opened): compare(with: path, opened: opened)
    case .saved(let result):
      if let result {
        message = result.files.isEmpty ? .error(result.message) : .info(result.message)
      } else {
        message = .info("saving is for live sessions: this trace is already a file")
      }
    case .loaded(let header, let progress, let problem):
      loaded(header: header, progress: progress, problem: problem)
    case .notice, .treeGrew, .select, .title: applyLive(action)
    }
    return []
  }

  mutating func handle(_ key: Key) -> [ExplorerEffect] {
    switch mode {
    case .prompt(let kind, var editor):
      switch editor.handle(key) {
      case .edited:
        mode = .prompt(kind, editor)
        if kind == .search { previewSearch(editor.string) }
      case .ignored:
        break
      case .cancel:
        mode = .normal
        if kind == .search { restoreSearchAfterCancel() }
        message = nil
      case .submit(let text):
        mode = .normal
        return submit(kind, text)
      }
      return []
    case .help(let scroll):
      return handleHelp(key, scroll: scroll)
    case .normal:
      break
    }
    guard let action = KeyMap.action(for: key) else {
      if key != .resize { message = .info("\(key.label): no action (press ? for help)") }
      return []
    }
    return perform(action)
  }

  mutating func handleHelp(_ key: Key, scroll: Int) -> [ExplorerEffect] {
    let lines = HelpOverlay.lines().count
    let page = HelpOverlay.visibleLines(size: lastSize)
    let maxScroll = max(0, lines - page + 2)
    switch KeyMap.action(for: key) {
    case .quit, .cancel, .help: mode = .normal
    case .forceQuit: return [.quit]
    case .moveDown: mode = .help(scroll: min(maxScroll, scroll + 1))
    case .moveUp: mode = .help(scroll: max(0, scroll - 1))
    case .pageDown, .halfPageDown: mode = .help(scroll: min(maxScroll, scroll + page))
    case .pageUp, .halfPageUp: mode = .help(scroll: max(0, scroll - page))
    case .top: mode = .help(scroll: 0)
    case .bottom: mode = .help(scroll: maxScroll)
    default: break
    }
    return []
  }

  /// Applies one action in normal mode.
  mutating func perform(_ action: Action) -> [ExplorerEffect] {
    // A resize or redraw keeps the message (e.g. where a truncated trace stopped).
    if action == .resize || action == .redraw { return [] }
    message = nil
    switch action {
    case .quit, .forceQuit: return [.quit]
    case .save: return [.save]
    case .help: mode = .help(scroll: 0)
    case .cancel: cancel()
    case .redraw, .resize, .suspend: break
    case .startSearch:
      mode = .prompt(.search, LineEditor(history: searchHistory))
    case .startFilter:
      mode = .prompt(
        .filter, LineEditor(text: outline.filter?.source ?? "", history: filterHistory))
    case .nextMatch: stepSearch(forward: true)
    case .previousMatch: stepSearch(forward: false)
    case .switchFocus, .nextTab, .previousTab, .toggleDetail, .growDetail, .shrinkDetail,
      .flipDetail:
      performInPanes(action)
    case .nextDifference, .previousDifference, .differencesOnly, .compareTrace:
      performDiff(action)
    // Live sessions (`LiveApp`) take `F` before it reaches the explorer.
    case .toggleFollow: message = .info("follow mode is for live sessions")
    default:
      if focus == .detail {
        performInDetail(action)
      } else {
        performInTree(action)
      }
    }
    return []
  }

  mutating func cancel() {
    if search != nil {
      clearSearch()
      message = .info("search cleared")
    } else if focus == .detail {
      focus = .tree
    }
  }

  mutating func submit(_ kind: PromptKind, _ text: String) -> [ExplorerEffect] {
    switch kind {
    case .search:
      if !text.isEmpty && searchHistory.last != text { searchHistory.append(text) }
      startSearch(text)
    case .filter:
      if !text.isEmpty && filterHistory.last != text { filterHistory.append(text) }
      setFilter(text)
    case .compare:
      if !text.isEmpty { return [.openTrace(path: text)] }
    }
    return []
  }
}
