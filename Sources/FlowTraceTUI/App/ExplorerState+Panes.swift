extension ExplorerState {
  /// The detail pane's keys: focus, tabs, showing, size and placement.
  mutating func performInPanes(_ action: Action) {
    switch action {
    case .switchFocus:
      if showDetail && layout(for: lastSize).detail != nil {
        focus = focus == .tree ? .detail : .tree
      } else {
        message = .info("the detail pane is hidden (p shows it)")
      }
    case .nextTab: cycleTab(1)
    case .previousTab: cycleTab(-1)
    case .toggleDetail:
      showDetail.toggle()
      if !showDetail { focus = .tree }
    case .growDetail: detailShare = min(0.8, detailShare + 0.05)
    case .shrinkDetail: detailShare = max(0.2, detailShare - 0.05)
    case .flipDetail:
      switch placement {
      case .auto: placement = .right
      case .right: placement = .below
      case .below: placement = .auto
      }
      message = .info("detail pane: \(placement)")
    default: break
    }
  }

  mutating func cycleTab(_ step: Int) {
    let all = DetailTab.allCases
    let index = (tab.rawValue + step + all.count) % all.count
    tab = all[index]
    detailScroll = 0
    detailSelection = 0
  }
}
