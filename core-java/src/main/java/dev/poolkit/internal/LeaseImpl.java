package dev.poolkit.internal;

import dev.poolkit.Lease;

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

  @Override
  @SuppressWarnings("NullAway") // an object is always present while the stamp matches
  public T get() {
    if (slot.state != stamp) {
      throw new IllegalStateException(pool.name() + ": lease is closed; acquire a new one");
    }
    return slot.object;
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
