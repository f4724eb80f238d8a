package dev.poolkit.internal;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * FIFO or LIFO reuse: the idle slots in release order, as an intrusive doubly-linked list over
 * the slot indexes (no allocation per release), under a lock. Every IDLE transition happens under
 * the lock, so the list holds exactly the idle slots. Each slot remembers its release sequence
 * number, so a slot housekeeping took out only to check it goes back to its old place ({@link
 * #putBack}), and checks never reorder. No allocator code runs under the lock.
 */
final class OrderedIdleStore<T> implements IdleStore<T> {
  private static final int NONE = -1;

  private final ReentrantLock lock = new ReentrantLock();
  private final Slot<T>[] slots;
  private final boolean fifo;
  // The list, by slot index; guarded by lock.
  private final int[] prev;
  private final int[] next;
  private final long[] sequence;
  private final boolean[] linked;
  private int head = NONE;
  private int tail = NONE;
  private long nextSequence;

  OrderedIdleStore(Slot<T>[] slots, boolean fifo) {
    this.slots = slots;
    this.fifo = fifo;
    this.prev = new int[slots.length];
    this.next = new int[slots.length];
    this.sequence = new long[slots.length];
    this.linked = new boolean[slots.length];
    Arrays.fill(prev, NONE);
    Arrays.fill(next, NONE);
  }

  @Override
  public @Nullable LeaseImpl<T> take(int hint, SlotPool<T> pool) {
    lock.lock();
    try {
      for (int i = first(); i != NONE; i = after(i)) {
        Slot<T> s = slots[i];
        long stamp = s.tryLeaseIdle();
        if (stamp != 0) {
          unlink(i);
          return new LeaseImpl<>(pool, s, stamp);
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** Takes the first idle slot in reuse order into ownership. */
  @Override
  public @Nullable Slot<T> claimAny(int hint) {
    lock.lock();
    try {
      for (int i = first(); i != NONE; i = after(i)) {
        Slot<T> s = slots[i];
        if (s.tryClaimIdle()) {
          unlink(i);
          return s;
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean claimExact(Slot<T> slot, long idleState) {
    lock.lock();
    try {
      if (slot.cas(idleState, Slot.with(idleState, Slot.BUSY))) {
        unlink(slot.index);
        return true;
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean put(Slot<T> slot, long stamp) {
    lock.lock();
    try {
      if (slot.cas(stamp, Slot.with(stamp, Slot.IDLE))) {
        append(slot.index);
        return true;
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void putOwned(Slot<T> slot) {
    lock.lock();
    try {
      slot.publish(Slot.IDLE);
      append(slot.index);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void putBack(Slot<T> slot) {
    lock.lock();
    try {
      slot.publish(Slot.IDLE);
      insertBySequence(slot.index);
    } finally {
      lock.unlock();
    }
  }

  private int first() {
    return fifo ? head : tail;
  }

  private int after(int i) {
    return fifo ? next[i] : prev[i];
  }

  private void append(int i) {
    sequence[i] = nextSequence++;
    linkBefore(i, NONE);
  }

  /** Re-links {@code i} where its old sequence number puts it (housekeeping only: O(n)). */
  private void insertBySequence(int i) {
    int at = head;
    while (at != NONE && sequence[at] < sequence[i]) {
      at = next[at];
    }
    linkBefore(i, at);
  }

  /** Links {@code i} before {@code at}, or at the tail when {@code at} is NONE. */
  private void linkBefore(int i, int at) {
    int p = at == NONE ? tail : prev[at];
    prev[i] = p;
    next[i] = at;
    if (p == NONE) {
      head = i;
    } else {
      next[p] = i;
    }
    if (at == NONE) {
      tail = i;
    } else {
      prev[at] = i;
    }
    linked[i] = true;
  }

  private void unlink(int i) {
    if (!linked[i]) {
      return;
    }
    int p = prev[i];
    int n = next[i];
    if (p == NONE) {
      head = n;
    } else {
      next[p] = n;
    }
    if (n == NONE) {
      tail = p;
    } else {
      prev[n] = p;
    }
    prev[i] = NONE;
    next[i] = NONE;
    linked[i] = false;
  }
}
