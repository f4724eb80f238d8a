package dev.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/** Padding before the hot fields, so two slots' states never share a cache line. */
@SuppressWarnings("unused")
abstract class SlotPadBefore {
  long p00, p01, p02, p03, p04, p05, p06, p07;
}

/**
 * The hot fields of a slot. The state word packs a generation counter and a kind:
 *
 * <pre>
 *   state = generation << 2 | kind
 *   kind EMPTY  (0): no object; the slot is free capacity
 *   kind IDLE   (1): an object ready to lease
 *   kind LEASED (2): an object held by the lease whose stamp equals this whole state word
 *   kind BUSY   (3): owned by one party that is creating, checking, resetting or destroying
 *
 *   EMPTY --claim--> BUSY --created--> LEASED(g+1)        acquire that creates
 *   IDLE(g) --take--> LEASED(g+1)                         acquire of an idle object
 *   LEASED(g) --release--> IDLE(g) | BUSY(g)              fast / checked release
 *   IDLE(g) --claim--> BUSY(g)                            housekeeping, close, hand-off
 *   BUSY --> IDLE | LEASED(g+1) | EMPTY                   owner finishes
 * </pre>
 *
 * The generation only grows, and grows on every lease, so a lease whose stamp no longer equals the
 * state is dead: closing it again, or after a forced close, fails its CAS and does nothing. Whoever
 * moves the state to BUSY (or LEASED) owns the slot's plain fields until it publishes a new state.
 */
abstract class SlotFields<T> extends SlotPadBefore {
  static final int EMPTY = 0;
  static final int IDLE = 1;
  static final int LEASED = 2;
  static final int BUSY = 3;

  volatile long state;
  /** The object; written by the owner, published by the next state write. */
  @Nullable T object;
  /** {@link System#nanoTime()} after which the object is past its lifetime (if lifetimes are on). */
  long expiresAt;
  /** Housekeeping's last view of an idle state, and since when; touched by housekeeping only. */
  long seenIdleState = -1;

  long seenIdleSince;
}

@SuppressWarnings("unused")
abstract class SlotPadAfter<T> extends SlotFields<T> {
  long p10, p11, p12, p13, p14, p15, p16, p17;
}

/** One unit of capacity: holds at most one pooled object. */
final class Slot<T> extends SlotPadAfter<T> {
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(SlotFields.class, "state", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final int index;

  Slot(int index) {
    this.index = index;
  }

  static int kind(long state) {
    return (int) (state & 3);
  }

  static long with(long state, int kind) {
    return (state & ~3L) | kind;
  }

  /** The state of the next lease after {@code state}: generation + 1, kind LEASED. */
  static long nextLease(long state) {
    return ((state >>> 2) + 1) << 2 | LEASED;
  }

  boolean cas(long expected, long next) {
    return STATE.compareAndSet(this, expected, next);
  }

  /** Publishes a new state from the owning party (no other party writes an owned slot). */
  void publish(int kind) {
    state = with(state, kind);
  }

  /** Takes an idle slot for a lease; returns the lease stamp, or 0 if the slot was not idle. */
  long tryLeaseIdle() {
    long s = state;
    if (kind(s) == IDLE) {
      long next = nextLease(s);
      if (cas(s, next)) {
        return next;
      }
    }
    return 0;
  }

  /** Takes an idle slot into ownership (BUSY); true if it was idle. */
  boolean tryClaimIdle() {
    long s = state;
    return kind(s) == IDLE && cas(s, with(s, BUSY));
  }

  /** Takes an empty slot into ownership (BUSY) to create into it; true if it was empty. */
  boolean tryClaimEmpty() {
    long s = state;
    return kind(s) == EMPTY && cas(s, with(s, BUSY));
  }

  /** Moves an owned slot to a fresh lease and returns its stamp. */
  long publishLease() {
    long next = nextLease(state);
    state = next;
    return next;
  }
}
