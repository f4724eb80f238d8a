package dev.poolkit.internal;

import dev.poolkit.ReuseOrder;
import org.jspecify.annotations.Nullable;

/**
 * Where idle objects wait, and in which order they are reused. Every move out of the IDLE kind
 * goes through the store, so an ordered store can keep its queue exact.
 */
interface IdleStore<T> {

  static <T> IdleStore<T> create(ReuseOrder order, Slot<T>[] slots) {
    return switch (order) {
      case ANY -> new AnyIdleStore<>(slots);
      case FIFO -> new OrderedIdleStore<>(slots, true);
      case LIFO -> new OrderedIdleStore<>(slots, false);
    };
  }

  /**
   * Takes an idle slot for a lease of {@code pool} (IDLE to LEASED); {@code null} if none is idle.
   * The lease's stamp is the state the take's own CAS wrote, never a later read of it.
   */
  @Nullable LeaseImpl<T> take(int hint, SlotPool<T> pool);

  /** Takes any idle slot into ownership (IDLE to BUSY); {@code null} if none is idle. */
  @Nullable Slot<T> claimAny(int hint);

  /** Takes {@code slot} into ownership if its state is still exactly {@code idleState}. */
  boolean claimExact(Slot<T> slot, long idleState);

  /** Releases a lease straight to idle (LEASED with this stamp to IDLE); false if the lease is dead. */
  boolean put(Slot<T> slot, long stamp);

  /** Makes an owned slot (BUSY, holding an object) idle. */
  void putOwned(Slot<T> slot);

  /**
   * Makes an owned slot idle again at the place in the reuse order it had when {@link #claimExact}
   * took it (housekeeping checked it and found it alive: a check is not a use).
   */
  void putBack(Slot<T> slot);
}
