import FlowTraceWire

extension TreeTextPrinter {
  /// Prints a whole buffered subtree and releases its nodes.
  mutating func printSubtree(_ root: Int32, to out: inout some TextOutputStream) {
    // Iterative depth-first walk: (node, next child index).
    var stack: [(Int32, Int)] = [(root, 0)]
    while let (node, next) = stack.last {
      let children = nodes[Int(node)].children
      if next < children.count {
        stack[stack.count - 1].1 = next + 1
        let child = children[next]
        if visible(nodes[Int(child)].depth) { printEntry(node, to: &out) }
        stack.append((child, 0))
        continue
      }
      stack.removeLast()
      if visible(nodes[Int(node)].depth) { printEnding(node, to: &out) }
    }
    releaseTree(root)
  }

  /// Prints the buffered children of a node already on the printed path, then its ending.
  mutating func printRest(_ node: Int32, to out: inout some TextOutputStream) {
    let children = nodes[Int(node)].children
    nodes[Int(node)].children = []
    for child in children {
      if visible(nodes[Int(child)].depth) { printEntry(node, to: &out) }
      printSubtree(child, to: &out)
    }
    if visible(nodes[Int(node)].depth) { printEnding(node, to: &out) }
  }

  /// Prints a node's caught-error line (if any) and its exit line (if it ended).
  mutating func printEnding(_ node: Int32, to out: inout some TextOutputStream) {
    let depth = nodes[Int(node)].depth
    if let caught = nodes[Int(node)].caught, visible(depth + 1) {
      printEntry(node, to: &out)
      printCaught(node, caught, depth: depth + 1, to: &out)
    }
    if nodes[Int(node)].ended {
      printExit(node, to: &out)
    } else if !nodes[Int(node)].entryPrinted {
      printEntry(node, to: &out)
    }
  }

  /// Prints `→ name(args)` once, when a node turns out to have visible children.
  mutating func printEntry(_ node: Int32, to out: inout some TextOutputStream) {
    guard !nodes[Int(node)].entryPrinted else { return }
    nodes[Int(node)].entryPrinted = true
    format.indent(nodes[Int(node)].depth, to: &line)
    format.arrow("→", to: &line)
    line.append(0x20)
    appendCall(node)
    endLine(to: &out)
  }

  mutating func printCaught(
    _ node: Int32, _ error: CallError, depth: Int, to out: inout some TextOutputStream
  ) {
    format.indent(depth, to: &line)
    format.arrow("↯", error: true, to: &line)
    line.append(0x20)
    appendCall(node)
    line.append(0x20)
    format.error(error, to: &line)
    endLine(to: &out)
  }

  /// Prints the exit line: `← name(args) [t] → result`, or the single leaf line, or `↯`.
  mutating func printExit(_ node: Int32, to out: inout some TextOutputStream) {
    let leaf = !nodes[Int(node)].entryPrinted
    let propagated = nodes[Int(node)].propagated
    let flags = nodes[Int(node)].call.flags
    format.indent(nodes[Int(node)].depth, to: &line)
    if leaf {
      format.arrow("→", to: &line)
    } else if propagated != nil {
      format.arrow("↯", error: true, to: &line)
    } else {
      format.arrow("←", to: &line)
    }
    line.append(0x20)
    appendCall(node)
    if flags.contains(.timing), let start = nodes[Int(node)].call.timestamp,
      let end = nodes[Int(node)].end?.timestamp
    {
      format.duration(end >= start ? end - start : 0, to: &line)
    }
    if let error = propagated {
      line.append(0x20)
      if leaf {
        format.arrow("↯", error: true, to: &line)
        line.append(0x20)
      }
      format.error(error, to: &line)
    } else if flags.contains(.result), let result = nodes[Int(node)].end?.result {
      format.result(result, to: &line)
    }
    endLine(to: &out)
  }

  /// Appends `name(args)`, the name and labels rendered once per site (`SiteText`).
  mutating func appendCall(_ node: Int32) {
    guard node >= 0 else { return }
    let call = nodes[Int(node)].call
    let index = Int(call.site)
    guard let text = index < siteTexts.count ? siteTexts[index] : otherSiteTexts[call.site]
    else {
      format.call(
        name: "site#\(call.site)", labels: [], args: call.flags.contains(.args) ? call.args : nil,
        to: &line)
      return
    }
    text.append(args: call.flags.contains(.args) ? call.args : nil, to: &line)
  }

  mutating func release(_ node: Int32) {
    nodes[Int(node)].children = []
    freeNodes.append(node)
  }

  mutating func releaseTree(_ root: Int32) {
    var pending = [root]
    while let node = pending.popLast() {
      pending.append(contentsOf: nodes[Int(node)].children)
      open.removeValue(forKey: nodes[Int(node)].call.id)
      release(node)
    }
  }
}
