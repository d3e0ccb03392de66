import CFlowTraceRuntime

/// The cache of render plans, one per type, built on first use and kept for the process.
///
/// Reads take no lock: a fixed table of (type, plan) slots, each written once under the lock
/// (plan first, then the key with release order) and never changed after, so a reader that
/// sees its key also sees that key's plan. Types whose slot is taken go to a locked
/// dictionary (which holds every plan).
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

  /// The plan of `T`, type-erased.
  static func plan<T>(for type: T.Type) -> AnyRenderPlan {
    let key = Int(bitPattern: unsafeBitCast(type as Any.Type, to: UnsafeRawPointer.self))
    let slot = slots + 2 * ((key >> 4 ^ key >> 14) & (slotCount - 1))
    if ft_load_acquire(slot) == key, let plan = UnsafeRawPointer(bitPattern: slot[1]) {
      return Unmanaged<AnyRenderPlan>.fromOpaque(plan).takeUnretainedValue()
    }
    return slowPlan(for: type, key: key, slot: slot)
  }

  private static func slowPlan<T>(
    for type: T.Type, key: Int, slot: UnsafeMutablePointer<Int>
  ) -> AnyRenderPlan {
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
      if slot.pointee == 0 {
        slot[1] = Int(bitPattern: Unmanaged.passRetained(made as AnyRenderPlan).toOpaque())
        ft_store_release(slot, key)
      }
      return made
    }
  }
}
