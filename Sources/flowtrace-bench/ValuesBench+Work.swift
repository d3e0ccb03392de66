import FlowTrace

// The values suite's real-shape workload: many small methods on the mix's types (a graph
// walk, big-number arithmetic, a Markdown-like line classifier), written once as the steps
// of `ValuesWork` and run untraced (`PlainWork`) and traced (`TracedWork`, `@Trace` on each
// step: arguments and results recorded, the default configuration).

/// The small methods of the workload.
protocol ValuesWork {
  static func step(from vertex: Vertex, along edge: Edge) -> Vertex
  static func weight(_ edge: Edge) -> Double
  static func isShorter(_ a: Double, than b: Double) -> Bool
  static func add(_ a: BigNum, _ b: BigNum) -> BigNum
  static func isZero(_ a: BigNum) -> Bool
  static func classify(_ line: String) -> Block
  static func words(_ line: String) -> [String]
  static func advance(_ cursor: Cursor, by count: Int) -> Int
  static func day(_ index: Int) -> Weekday
  static func lookup(_ key: String, in table: [String: Int]) -> Int?
}

/// The bodies, shared by both variants.
enum WorkSteps {
  @inline(__always) static func step(_ vertex: Vertex, _ edge: Edge) -> Vertex {
    Vertex(id: edge.to, name: vertex.name)
  }
  @inline(__always) static func add(_ a: BigNum, _ b: BigNum) -> BigNum {
    var limbs = a.limbs
    var carry: UInt64 = 0
    for index in limbs.indices {
      let sum = UInt64(limbs[index]) + UInt64(index < b.limbs.count ? b.limbs[index] : 0) + carry
      limbs[index] = UInt32(truncatingIfNeeded: sum)
      carry = sum >> 32
    }
    return BigNum(limbs)
  }
  @inline(__always) static func classify(_ line: String) -> Block {
    guard let first = line.utf8.first else { return .blank }
    if first == UInt8(ascii: "#") { return .heading(level: 1, text: line) }
    if first == UInt8(ascii: "-") { return .list([line]) }
    return .paragraph(line)
  }
  @inline(__always) static func words(_ line: String) -> [String] {
    line.split(separator: " ", maxSplits: 2).map(String.init)
  }
  @inline(__always) static func advance(_ cursor: Cursor, _ count: Int) -> Int {
    cursor.position += count
    return cursor.position
  }
  @inline(__always) static func day(_ index: Int) -> Weekday {
    index % 2 == 0 ? .monday : .tuesday
  }
}

enum PlainWork: ValuesWork {
  static func step(from vertex: Vertex, along edge: Edge) -> Vertex {
    WorkSteps.step(vertex, edge)
  }
  static func weight(_ edge: Edge) -> Double { edge.weight }
  static func isShorter(_ a: Double, than b: Double) -> Bool { a < b }
  static func add(_ a: BigNum, _ b: BigNum) -> BigNum { WorkSteps.add(a, b) }
  static func isZero(_ a: BigNum) -> Bool { a.limbs.allSatisfy { $0 == 0 } }
  static func classify(_ line: String) -> Block { WorkSteps.classify(line) }
  static func words(_ line: String) -> [String] { WorkSteps.words(line) }
  static func advance(_ cursor: Cursor, by count: Int) -> Int { WorkSteps.advance(cursor, count) }
  static func day(_ index: Int) -> Weekday { WorkSteps.day(index) }
  static func lookup(_ key: String, in table: [String: Int]) -> Int? { table[key] }
}

enum TracedWork: ValuesWork {
  @Trace static func step(from vertex: Vertex, along edge: Edge) -> Vertex {
    WorkSteps.step(vertex, edge)
  }
  @Trace static func weight(_ edge: Edge) -> Double { edge.weight }
  @Trace static func isShorter(_ a: Double, than b: Double) -> Bool { a < b }
  @Trace static func add(_ a: BigNum, _ b: BigNum) -> BigNum { WorkSteps.add(a, b) }
  @Trace static func isZero(_ a: BigNum) -> Bool { a.limbs.allSatisfy { $0 == 0 } }
  @Trace static func classify(_ line: String) -> Block { WorkSteps.classify(line) }
  @Trace static func words(_ line: String) -> [String] { WorkSteps.words(line) }
  @Trace static func advance(_ cursor: Cursor, by count: Int) -> Int {
    cursor.position += count
    return cursor.position
  }
  @Trace static func day(_ index: Int) -> Weekday { index % 2 == 0 ? .monday : .tuesday }
  @Trace static func lookup(_ key: String, in table: [String: Int]) -> Int? { table[key] }
}

/// The untraced workload that also calls the `description`s a recording renders (`Vertex`
/// arguments and results, `BigNum` arguments and results): what the types' own texts cost,
/// whoever calls them.
enum DescribedWork: ValuesWork {
  nonisolated(unsafe) static var length = 0
  @inline(never) static func describe(_ value: some CustomStringConvertible) {
    length &+= value.description.utf8.count
  }
  static func step(from vertex: Vertex, along edge: Edge) -> Vertex {
    let next = WorkSteps.step(vertex, edge)
    describe(vertex)
    describe(next)
    return next
  }
  static func weight(_ edge: Edge) -> Double { edge.weight }
  static func isShorter(_ a: Double, than b: Double) -> Bool { a < b }
  static func add(_ a: BigNum, _ b: BigNum) -> BigNum {
    let sum = WorkSteps.add(a, b)
    describe(a)
    describe(b)
    describe(sum)
    return sum
  }
  static func isZero(_ a: BigNum) -> Bool {
    describe(a)
    return a.limbs.allSatisfy { $0 == 0 }
  }
  static func classify(_ line: String) -> Block { WorkSteps.classify(line) }
  static func words(_ line: String) -> [String] { WorkSteps.words(line) }
  static func advance(_ cursor: Cursor, by count: Int) -> Int { WorkSteps.advance(cursor, count) }
  static func day(_ index: Int) -> Weekday { WorkSteps.day(index) }
  static func lookup(_ key: String, in table: [String: Int]) -> Int? { table[key] }
}

/// The workload's inputs, made once.
struct WorkInput {
  let edges = (0..<64).map { Edge(from: $0, to: ($0 * 7 + 3) % 64, weight: Double($0 % 5) + 0.5) }
  let lines = ["# Title", "- item one", "plain text here", "", "another paragraph line"]
  let table = ["alpha": 1, "beta": 2, "gamma": 3]
  let big = BigNum([0x1234_5678, 0x9ABC_DEF0, 0x0FED_CBA9, 0x8765_4321])
  /// Calls one round makes (traced variant).
  static let callsPerRound = 64 * 5 + 16 * 3 + 5 * 3 * 4 + 32 * 3
}

/// One round of work: a graph walk, big-number sums, line classification, cursor moves.
@inline(never)
func workRound<W: ValuesWork>(_: W.Type, _ input: WorkInput) -> Int {
  var checksum = 0
  var vertex = Vertex(id: 0, name: "start")
  var best = Double.infinity
  for edge in input.edges {
    vertex = W.step(from: vertex, along: edge)
    let weight = W.weight(edge)
    if W.isShorter(weight, than: best) { best = weight }
    checksum &+= vertex.id
    checksum &+= W.lookup(input.lines[vertex.id % 5], in: input.table) ?? 1
    checksum &+= W.day(vertex.id) == .monday ? 1 : 2
  }
  var sum = input.big
  for _ in 0..<16 {
    sum = W.add(sum, input.big)
    if W.isZero(sum) { checksum &+= 1 }
    checksum &+= W.lookup("beta", in: input.table) ?? 0
  }
  for _ in 0..<3 {
    for line in input.lines {
      if case .heading = W.classify(line) { checksum &+= 1 }
      checksum &+= W.words(line).count
      checksum &+= W.lookup(line, in: input.table) ?? 0
      checksum &+= W.day(line.utf8.count) == .monday ? 1 : 0
    }
  }
  let cursor = Cursor()
  for index in 0..<32 {
    checksum &+= W.advance(cursor, by: index)
    checksum &+= W.day(index) == .tuesday ? 1 : 0
    checksum &+= W.lookup("gamma", in: input.table) ?? 0
  }
  return checksum &+ Int(best)
}
