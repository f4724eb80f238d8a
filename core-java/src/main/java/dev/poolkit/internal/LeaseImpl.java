package dev.poolkit.internal;

import dev.poolkit.Lease;
import java.lang.invoke.VarHandle;

/**
 * A lease: a slot and the stamp the slot's state had when it was leased. The lease is alive
 * exactly while the slot's state still equals the stamp, so it needs no state of its own.
 */
final class LeaseImpl<T> implements Lease<T> {
  final SlotPool<T> pool;
  final Slot<T> slot;
  final long stamp;

  LeaseImpl(SlotPool<T> pool, Slot<T> slot, long stamp) {
    this.pool = pool;
    this.slot = slot;
    this.stamp = stamp;
  }

  /**
   * The object, read between two checks of the stamp: a forced close (or a release by another
   * thread) may end the lease at any moment, and whoever ends it may destroy the object and clear
   * the field. One check before the read could hand out {@code null} or a later lease's object;
   * the second check, ordered after the read, sees any ending the read could have seen.
   */
  @Override
  @SuppressWarnings("NullAway") // an object is always present while the stamp matches
  public T get() {
    if (slot.state == stamp) {
      T object = slot.object;
      VarHandle.loadLoadFence();
      if (slot.state == stamp) {
        return object;
      }
    }
    throw new IllegalStateException(pool.name() + ": lease is closed; acquire a new one");
  }

  @Override
  public boolean isActive() {
    return slot.state == stamp;
  }

  @Override
  public void close() {
    pool.release(slot, stamp);
  }

  @Override
  public void invalidate() {
    pool.invalidate(slot, stamp);
  }

  @Override
  public String toString() {
    return "Lease[" + pool.name() + "#" + slot.index + (isActive() ? "" : ", closed") + "]";
  }
}
