import FlowTraceTUI
import Testing

/// `flowtrace-tui --attach` without a pid: the list of programs, keys, refresh.
@Suite struct AttachPickerTests {
  static let programs = [
    AttachCandidate(
      pid: 4242, program: "server", uptimeSeconds: 3 * 86400 + 4 * 3600, calls: 12_345),
    AttachCandidate(pid: 77, program: "flowtrace-demo", uptimeSeconds: 65, calls: 309),
    AttachCandidate(
      pid: 80, program: "(pid 80 did not answer within 2 s)", uptimeSeconds: nil, calls: nil),
  ]

  @Test func listsProgramPidUptimeAndCallsWithTheFirstSelected() {
    let screen = ScreenBuffer(rows: 7, cols: 72)
    AttachPickerModel(candidates: Self.programs, directory: "/run/user/0/flowtrace").draw(
      on: screen)
    let text = (0..<7).map { screen.line($0) }.joined(separator: "\n")
    #expect(
      text == """
         Attach to a running program · /run/user/0/flowtrace
              PID  PROGRAM                              UPTIME       CALLS
             4242  server                                3d04h      12,345
               77  flowtrace-demo                        1m05s         309
               80  (pid 80 did not answer within 2…          ?           -

         j/k move · Enter attach · q quit
        """)
    #expect(screen[2, 5].style.attrs.contains(.reverse))
    #expect(!screen[3, 5].style.attrs.contains(.reverse))
  }

  @Test func keysMoveAndChooseAndAProgramThatDidNotAnswerCannotBeChosen() {
    var model = AttachPickerModel(candidates: Self.programs, directory: "/d")
    #expect(model.handle(.char("j")) == .stay)
    #expect(model.selected == 1)
    #expect(model.handle(.down) == .stay)
    #expect(model.handle(.down) == .stay)
    #expect(model.selected == 2)
    #expect(model.handle(.enter) == .stay)  // no status: not attachable
    #expect(model.handle(.char("k")) == .stay)
    #expect(model.handle(.enter) == .choose(77))
    #expect(model.handle(.char("q")) == .quit)
  }

  @Test func theLoopRefreshesWhenNoKeyComesAndKeepsTheSelection() {
    let screen = ScreenBuffer(rows: 8, cols: 72)
    screen.pendingKeys = [.char("j")]
    var model = AttachPickerModel(candidates: Self.programs, directory: "/d")
    var scans = 0
    let none = AttachPicker.choose(&model, on: screen) {
      scans += 1
      return Array(Self.programs.reversed())
    }
    #expect(none == nil)  // the keys ran out
    #expect(model.selected == 1)  // still pid 77, now second of the reversed list
    screen.pendingKeys = [.enter]
    #expect(AttachPicker.choose(&model, on: screen) { [] } == 77)
    _ = scans
  }
}
