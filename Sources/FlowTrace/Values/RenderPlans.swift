import CFlowTraceRuntime

/// The cache of render plans, one per type, built on first use and kept for the process.
///
/// Reads take no lock: a fixed table of (type, plan) slots, each written once under the lock
/// (plan first, then the key with release order) and never changed after, so a reader that
/// sees its key also sees that key's plan. A type whose home slot is taken takes the next free
/// one of `probes`; past those it goes to a locked dictionary (which holds every plan).
enum RenderPlans {
  private static let slotCount = 1024
  /// `slotCount` pairs of words: the type's metadata address, then the plan (retained).
  nonisolated(unsafe) private static let slots: UnsafeMutablePointer<Int> = {
    let slots = UnsafeMutablePointer<Int>.allocate(capacity: slotCount * 2)
    slots.initialize(repeating: 0, count: slotCount * 2)
    return slots
  }()
  private static let overflow = Locked<Table>(Table())

  /// Every plan built, and the types whose plans are being built.
  private struct Table {
    var plans: [ObjectIdentifier: AnyRenderPlan] = [:]
    var building: Set<ObjectIdentifier> = []
    /// Plans made for one use while their type's plan was being built, kept alive: a record
    /// may hold one's address.
    var interim: [AnyRenderPlan] = []
  }

  /// The plan of `T`.
  @inline(__always)
  static func typed<T>(_ type: T.Type) -> RenderPlan<T> {
    unsafeDowncast(plan(for: type), to: RenderPlan<T>.self)
  }

  /// The plan of a type known only at run time.
  static func plan(forAny type: Any.Type) -> AnyRenderPlan {
    func open<U>(_: U.Type) -> AnyRenderPlan { plan(for: U.self) }
    return _openExistential(type, do: open)
  }

  /// Slots a type may take, from its home slot on (types whose home slots collide take the
  /// next free one, rather than the locked dictionary on every use).
  private static let probes = 4

  /// The plan of `T`, type-erased.
  static func plan<T>(for type: T.Type) -> AnyRenderPlan {
    let key = Int(bitPattern: unsafeBitCast(type as Any.Type, to: UnsafeRawPointer.self))
    let home = homeSlot(ofKey: key)
    for probe in 0..<probes {
      let slot = slot(home, probe)
      let found = ft_load_acquire(slot)
      if found == key, let plan = UnsafeRawPointer(bitPattern: slot[1]) {
        return Unmanaged<AnyRenderPlan>.fromOpaque(plan).takeUnretainedValue()
      }
      if found == 0 { break }
    }
    return slowPlan(for: type, key: key, home: home)
  }

  private static func homeSlot(ofKey key: Int) -> Int { (key >> 4 ^ key >> 14) & (slotCount - 1) }

  /// The slot `probe` places after `home` (its key word; the plan is the next word).
  private static func slot(_ home: Int, _ probe: Int) -> UnsafeMutablePointer<Int> {
    slots + 2 * ((home + probe) & (slotCount - 1))
  }

  /// Tests only: the slot a type looks in first.
  static func homeSlot(of type: Any.Type) -> Int {
    homeSlot(ofKey: Int(bitPattern: unsafeBitCast(type, to: UnsafeRawPointer.self)))
  }

  /// Tests only: true when the type's plan is found in the slots (read without the lock).
  static func isInSlots(_ type: Any.Type) -> Bool {
    let key = Int(bitPattern: unsafeBitCast(type, to: UnsafeRawPointer.self))
    let home = homeSlot(ofKey: key)
    return (0..<probes).contains { ft_load_acquire(slot(home, $0)) == key }
  }

  private static func slowPlan<T>(for type: T.Type, key: Int, home: Int) -> AnyRenderPlan {
    let id = ObjectIdentifier(type)
    let known = overflow.withLock { table -> AnyRenderPlan? in
      if let known = table.plans[id] { return known }
      // A type met again while its plan is being built (`struct Node { var next: [Node] }`),
      // or built by another thread right now: this use renders by casts, as before plans.
      if table.building.contains(id) {
        let interim = RenderPlan<T>(style: .dynamic)
        if table.interim.count < 4096 { table.interim.append(interim) }
        return interim
      }
      table.building.insert(id)
      return nil
    }
    if let known { return known }
    // Built outside the lock: a plan builds its element types' plans first.
    let made = RenderPlan<T>.make()
    // Kept for the process and retained by every thread that records or renders a `T`:
    // immortal, so those retains leave its cache line shared (see `ft_make_immortal`).
    _ = ft_make_immortal(Unmanaged.passUnretained(made).toOpaque())
    return overflow.withLock { table in
      table.building.remove(id)
      table.plans[id] = made
      // The first free slot from home (slots are only written here, under the lock).
      for probe in 0..<probes {
        let slot = slot(home, probe)
        guard slot.pointee == 0 else { continue }
        slot[1] = Int(bitPattern: Unmanaged.passRetained(made as AnyRenderPlan).toOpaque())
        ft_store_release(slot, key)
        break
      }
      return made
    }
  }
}
