package dev.poolkit.internal;

import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * FIFO or LIFO reuse: a deque of idle slots under a lock. Every IDLE transition happens under the
 * lock, so the deque holds exactly the idle slots, in release order. No allocator code runs under
 * the lock.
 */
final class OrderedIdleStore<T> implements IdleStore<T> {
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Slot<T>> idle;
  private final boolean fifo;

  OrderedIdleStore(int capacity, boolean fifo) {
    this.idle = new ArrayDeque<>(capacity);
    this.fifo = fifo;
  }

  @Override
  public @Nullable Slot<T> take(int hint) {
    lock.lock();
    try {
      Slot<T> s;
      while ((s = poll()) != null) {
        if (s.tryLeaseIdle() != 0) {
          return s;
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public @Nullable Slot<T> claimAny(int hint) {
    lock.lock();
    try {
      Slot<T> s;
      while ((s = poll()) != null) {
        if (s.tryClaimIdle()) {
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
        idle.remove(slot);
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
        idle.addLast(slot);
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
      idle.addLast(slot);
    } finally {
      lock.unlock();
    }
  }

  private @Nullable Slot<T> poll() {
    return fifo ? idle.pollFirst() : idle.pollLast();
  }
}
