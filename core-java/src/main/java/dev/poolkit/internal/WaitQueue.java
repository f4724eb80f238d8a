package dev.poolkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The FIFO of waiters: an intrusive doubly-linked list under a {@link ReentrantLock} (never a
 * monitor: a virtual thread blocked on the lock unmounts). Only the slow path touches it.
 *
 * <p>{@link #signal} mirrors the queue for lock-free readers on the fast path: the sign bit is set
 * once the queue is closed, the rest is the number of linked waiters. A releasing thread reads it
 * once after making an object idle; a waiter links itself and then looks for idle objects again.
 * Both sides write before they read (volatile, hence sequentially consistent), so at least one of
 * them sees the other and no wake-up is lost.
 */
final class WaitQueue<T> {
  static final int CLOSED = Integer.MIN_VALUE;

  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Waiter<T> head;
  private @Nullable Waiter<T> tail;
  private int size;
  private boolean closed;
  volatile int signal;

  /** Outcome of {@link #enqueue}. */
  enum Admission {
    LINKED,
    CLOSED,
    FULL
  }

  Admission enqueue(Waiter<T> w, int maxPending) {
    lock.lock();
    try {
      if (closed) {
        return Admission.CLOSED;
      }
      if (size >= maxPending) {
        return Admission.FULL;
      }
      w.prev = tail;
      w.next = null;
      if (tail == null) {
        head = w;
      } else {
        tail.next = w;
      }
      tail = w;
      w.linked = true;
      size++;
      signal = size;
      return Admission.LINKED;
    } finally {
      lock.unlock();
    }
  }

  void remove(Waiter<T> w) {
    lock.lock();
    try {
      if (w.linked) {
        unlink(w);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands {@code slot} to the oldest waiter that is still waiting, skipping cancelled ones.
   *
   * @return the waiter that took it (call {@link Waiter#onAssigned()} on it after this returns), or
   *     {@code null} if none waits
   */
  @Nullable Waiter<T> handTo(Slot<T> slot) {
    lock.lock();
    try {
      Waiter<T> w;
      while ((w = head) != null) {
        unlink(w);
        if (w.tryAssign(slot)) {
          return w;
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Closes the queue and fails every waiter with {@code failure}.
   *
   * @return the failed waiters (call {@link Waiter#onFailed()} on each), or {@code null} if the
   *     queue was already closed
   */
  @Nullable List<Waiter<T>> close(RuntimeException failure) {
    List<Waiter<T>> failed = new ArrayList<>();
    lock.lock();
    try {
      if (closed) {
        return null;
      }
      closed = true;
      Waiter<T> w;
      while ((w = head) != null) {
        unlink(w);
        if (w.tryFail(failure)) {
          failed.add(w);
        }
      }
      signal = CLOSED;
      return failed;
    } finally {
      lock.unlock();
    }
  }

  int size() {
    return signal & Integer.MAX_VALUE;
  }

  boolean isClosed() {
    return signal < 0;
  }

  private void unlink(Waiter<T> w) {
    Waiter<T> p = w.prev;
    Waiter<T> n = w.next;
    if (p == null) {
      head = n;
    } else {
      p.next = n;
    }
    if (n == null) {
      tail = p;
    } else {
      n.prev = p;
    }
    w.prev = null;
    w.next = null;
    w.linked = false;
    size--;
    signal = closed ? CLOSED : size;
  }
}
