package dev.poolkit.internal;

import org.jspecify.annotations.Nullable;

/**
 * The unordered store: the slots themselves. A thread starts its scan at a slot picked from its
 * thread id, so threads mostly take different slots and touch no shared structure.
 */
final class AnyIdleStore<T> implements IdleStore<T> {
  private final Slot<T>[] slots;

  AnyIdleStore(Slot<T>[] slots) {
    this.slots = slots;
  }

  @Override
  public @Nullable LeaseImpl<T> take(int hint, SlotPool<T> pool) {
    Slot<T>[] all = slots;
    int i = hint;
    for (int n = all.length; n > 0; n--) {
      Slot<T> s = all[i];
      long stamp = s.tryLeaseIdle();
      if (stamp != 0) {
        return new LeaseImpl<>(pool, s, stamp);
      }
      if (++i == all.length) {
        i = 0;
      }
    }
    return null;
  }

  @Override
  public @Nullable Slot<T> claimAny(int hint) {
    Slot<T>[] all = slots;
    int i = hint;
    for (int n = all.length; n > 0; n--) {
      Slot<T> s = all[i];
      if (s.tryClaimIdle()) {
        return s;
      }
      if (++i == all.length) {
        i = 0;
      }
    }
    return null;
  }

  @Override
  public boolean claimExact(Slot<T> slot, long idleState) {
    return slot.cas(idleState, Slot.with(idleState, Slot.BUSY));
  }

  @Override
  public boolean put(Slot<T> slot, long stamp) {
    return slot.cas(stamp, Slot.with(stamp, Slot.IDLE));
  }

  @Override
  public void putOwned(Slot<T> slot) {
    slot.publish(Slot.IDLE);
  }

  @Override
  public void putBack(Slot<T> slot) {
    slot.publish(Slot.IDLE);
  }
}
