package dev.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The FIFO of waiters: an intrusive doubly-linked list under a {@link ReentrantLock} (never a
 * monitor: a virtual thread blocked on the lock unmounts). Only the slow path touches it.
 *
 * <p>The lock is fair: a thread that was unparked to take it (possibly a virtual thread waiting for
 * a carrier) is not overtaken for ever by running threads that barge in on every release.
 *
 * <p>{@link #signal} mirrors the queue for lock-free readers on the fast path: the sign bit is set
 * once the queue is closed; {@link #WOKEN_BIT} is set while some linked waiter is WOKEN (running to
 * race for an object, see {@link SlotPool}'s protocol; {@link #wokenSince} says since when the
 * oldest of them waits); the low bits count the linked waiters in state WAITING. A releasing
 * thread reads it once after making an object idle; a waiter links itself (or re-arms after a
 * wake-up) and then looks for idle objects again. Both sides write before they read (volatile,
 * hence sequentially consistent), so at least one of them sees the other and no wake-up is lost.
 */
final class WaitQueue<T> {
  static final int CLOSED = Integer.MIN_VALUE;
  /** In {@link #signal}: some linked waiter is WOKEN. */
  static final int WOKEN_BIT = 1 << 30;

  /** A waiter that has waited this long is handed objects directly, never woken to race. */
  static final long BARGE_WINDOW_NANOS = 1_000_000;

  /** A waiter woken this often is handed objects directly, never woken to race again. */
  static final int MAX_WAKEUPS = Integer.MAX_VALUE;

  /** Outcomes of {@link #wakeFirst}. */
  static final int NONE = 0;

  static final int WOKE = 1;
  static final int HAND_OFF = 2;
  static final int SHUT = 3;

  // Waiter.mark: how a linked waiter is counted; guarded by lock.
  private static final byte UNCOUNTED = 0;
  private static final byte COUNTED_WAITING = 1;
  private static final byte COUNTED_WOKEN = 2;

  private final ReentrantLock lock = new ReentrantLock(true);
  private @Nullable Waiter<T> head;
  private @Nullable Waiter<T> tail;
  /** Linked waiters (WAITING or WOKEN); guarded by lock. */
  private int size;
  /** Linked waiters counted as WAITING; guarded by lock. */
  private int waiting;
  /** Linked waiters counted as WOKEN; guarded by lock. */
  private int woken;
  private boolean closed;
  volatile int signal;
  /**
   * While {@link #WOKEN_BIT} is set: no later than the wait start of the oldest WOKEN waiter (it
   * may be older than the truth, never younger: a stale value only sends a release to the lock).
   */
  volatile long wokenSince;
  /** {@link #size} for lock-free readers (statistics). */
  private volatile int pending;
  /**
   * Threads blocked (or about to block) on the queue lock. Releases read it beside {@link
   * #signal}: while it is not zero they pass through the lock ({@link #letContendersIn}), so
   * threads re-taking objects on the fast path cannot keep a thread that needs the lock (a
   * virtual thread waiting for a carrier, a {@code close()}) out for ever.
   */
  volatile int contenders;

  private static final VarHandle CONTENDERS;

  static {
    try {
      CONTENDERS = MethodHandles.lookup().findVarHandle(WaitQueue.class, "contenders", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Locks; barges in only while nobody is queued for the lock (tryLock ignores fairness). */
  private void lockQueue() {
    if (contenders != 0 || !lock.tryLock()) {
      CONTENDERS.getAndAdd(this, 1);
      try {
        lock.lock();
      } finally {
        CONTENDERS.getAndAdd(this, -1);
      }
    }
  }

  /**
   * Takes and drops the (fair) queue lock, so threads queued for it go first: the caller blocks
   * (a virtual thread unmounts) until they are through.
   */
  void letContendersIn() {
    lock.lock();
    lock.unlock();
  }

  /** The WAITING count in a {@link #signal} value of an open queue. */
  static int waitingIn(int signal) {
    return signal & (WOKEN_BIT - 1);
  }

  /** Outcome of {@link #enqueue}. */
  enum Admission {
    LINKED,
    CLOSED,
    FULL
  }

  Admission enqueue(Waiter<T> w, int maxPending) {
    lockQueue();
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
      pending = size;
      w.mark = COUNTED_WAITING;
      waiting++;
      publish();
      return Admission.LINKED;
    } finally {
      lock.unlock();
    }
  }

  void remove(Waiter<T> w) {
    lockQueue();
    try {
      if (w.linked) {
        unlink(w);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands {@code slot} to the oldest waiter that may take a hand-off: a WAITING one, or a WOKEN one
   * that has waited past the barging window (it may be a virtual thread that cannot get a carrier
   * while others keep re-taking objects). Cancelled waiters met on the way are unlinked; young
   * WOKEN ones are skipped (they stay linked and look for objects themselves).
   *
   * @return the waiter that took it (call {@link Waiter#onAssigned()} on it after this returns), or
   *     {@code null} if none waits
   */
  @Nullable Waiter<T> handTo(Slot<T> slot) {
    lockQueue();
    try {
      long now = 0;
      Waiter<T> w = head;
      while (w != null) {
        Waiter<T> n = w.next;
        int state = w.state;
        if (state == Waiter.WOKEN) {
          if (now == 0) {
            now = System.nanoTime();
          }
          if (isOld(w, now)) {
            unlink(w);
            if (w.tryAssignWoken(slot)) {
              return w;
            }
          }
        } else {
          unlink(w);
          if (w.tryAssign(slot)) {
            return w;
          }
        }
        w = n;
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * After an object was made idle: wakes the oldest WAITING waiter if it may barge (a blocking
   * waiter inside the barging window), leaving it linked in state WOKEN and the object idle for
   * whoever is fastest.
   *
   * @return {@link #WOKE} (it was unparked); {@link #HAND_OFF} if the oldest waiter that needs
   *     something must be handed an object directly (a WAITING one that may not barge, or an old
   *     WOKEN one); {@link #NONE} if no waiter needs anything; {@link #SHUT} if closed
   */
  int wakeFirst() {
    BlockingWaiter<T> wake = null;
    lockQueue();
    try {
      if (closed) {
        return SHUT;
      }
      long now = System.nanoTime();
      long oldestWoken = Long.MAX_VALUE;
      Waiter<T> w = head;
      while (w != null) {
        Waiter<T> n = w.next;
        int state = w.state;
        if (state == Waiter.WOKEN) {
          if (isOld(w, now)) {
            return HAND_OFF;
          }
          oldestWoken = Math.min(oldestWoken, ((BlockingWaiter<T>) w).since);
        } else if (state == Waiter.WAITING) {
          if (!(w instanceof BlockingWaiter<T> b) || isOld(b, now)) {
            return HAND_OFF;
          }
          if (b.tryWake()) {
            wake = b;
            break;
          }
          unlink(w); // cancelled meanwhile
        } else {
          unlink(w);
        }
        w = n;
      }
      if (wake == null) {
        if (woken > 0) {
          wokenSince = oldestWoken; // walked every waiter: exact again
        }
        return NONE;
      }
      wake.wakeups++;
      recount(wake, COUNTED_WOKEN);
    } finally {
      lock.unlock();
    }
    wake.onWoken();
    return WOKE;
  }

  /**
   * A woken waiter that found nothing waits again at its old place: WOKEN to WAITING, counted as
   * waiting again. False if it is not WOKEN (it was never woken, or was handed an object or failed
   * meanwhile).
   */
  boolean rearm(Waiter<T> w) {
    lockQueue();
    try {
      if (!w.tryRearm()) {
        return false;
      }
      recount(w, COUNTED_WAITING);
      return true;
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
    lockQueue();
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
      publish();
      return failed;
    } finally {
      lock.unlock();
    }
  }

  /** Linked waiters, woken ones included. */
  int size() {
    return pending;
  }

  boolean isClosed() {
    return signal < 0;
  }

  private static boolean isOld(Waiter<?> w, long now) {
    return w instanceof BlockingWaiter<?> b
        && (b.wakeups >= MAX_WAKEUPS || now - b.since >= BARGE_WINDOW_NANOS);
  }

  private void recount(Waiter<T> w, byte mark) {
    uncount(w);
    w.mark = mark;
    if (mark == COUNTED_WAITING) {
      waiting++;
    } else {
      long since = ((BlockingWaiter<T>) w).since;
      if (woken == 0 || since - wokenSince < 0) {
        wokenSince = since;
      }
      woken++;
    }
    publish();
  }

  private void uncount(Waiter<T> w) {
    if (w.mark == COUNTED_WAITING) {
      waiting--;
    } else if (w.mark == COUNTED_WOKEN) {
      woken--;
    }
    w.mark = UNCOUNTED;
  }

  private void publish() {
    signal = closed ? CLOSED : waiting | (woken > 0 ? WOKEN_BIT : 0);
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
    pending = size;
    uncount(w);
    publish();
  }
}
