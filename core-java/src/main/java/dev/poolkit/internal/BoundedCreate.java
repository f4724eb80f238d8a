package dev.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A creation that an acquire with a deadline waits for: the create runs on a thread of its own, so
 * a create that hangs cannot hold the acquire past its deadline (L-4, CH-B1). Its outcome is
 * decided once, by one CAS:
 *
 * <pre>
 *   RUNNING --creator finished first---------> DONE       the acquire gets the object (or the failure)
 *   RUNNING --deadline, interrupt, first-----> ABANDONED  the acquire fails; when the create
 *                                                         finishes its object goes to the pool
 * </pre>
 *
 * A blocking acquire parks on it; an async acquire's deadline is a timer task. Nothing is lost
 * either way (L-1): a failed create freed its capacity already ({@link SlotPool#createInto}), and
 * an abandoned object is made available like any released one, to the next waiter or idle.
 */
final class BoundedCreate<T> implements Runnable {
  static final int RUNNING = 0;
  static final int DONE = 1;
  static final int ABANDONED = 2;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(BoundedCreate.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final SlotPool<T> pool;
  final Slot<T> slot;
  /** The thread of a blocking acquire, to unpark; {@code null} for an async one. */
  private final @Nullable Thread acquirer;
  /** The async acquire served, or {@code null} for a blocking one. */
  private final @Nullable AsyncWaiter<T> waiter;

  volatile int state;
  /** What the create threw; written before the CAS to DONE publishes it. */
  @Nullable Throwable failure;
  /** The async deadline's task; set before the create starts. */
  volatile @Nullable ScheduledFuture<?> timer;

  private BoundedCreate(
      SlotPool<T> pool, Slot<T> slot, @Nullable Thread acquirer, @Nullable AsyncWaiter<T> waiter) {
    this.pool = pool;
    this.slot = slot;
    this.acquirer = acquirer;
    this.waiter = waiter;
  }

  static <T> BoundedCreate<T> forThread(SlotPool<T> pool, Slot<T> slot, Thread acquirer) {
    return new BoundedCreate<>(pool, slot, acquirer, null);
  }

  static <T> BoundedCreate<T> forWaiter(SlotPool<T> pool, Slot<T> slot, AsyncWaiter<T> waiter) {
    return new BoundedCreate<>(pool, slot, null, waiter);
  }

  /** The create, on its own thread. */
  @Override
  public void run() {
    Throwable error = null;
    try {
      pool.createInto(slot);
    } catch (Throwable e) {
      error = e;
    }
    failure = error;
    if (STATE.compareAndSet(this, RUNNING, DONE)) {
      if (acquirer != null) {
        LockSupport.unpark(acquirer);
      } else {
        serveWaiter(error);
      }
    } else if (error == null) {
      pool.makeAvailable(slot); // the acquire left: the new object serves the next one
    } else {
      pool.logAbandonedCreateFailure(error);
    }
  }

  private void serveWaiter(@Nullable Throwable error) {
    AsyncWaiter<T> w = java.util.Objects.requireNonNull(waiter);
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    if (error != null) {
      w.fail(error);
    } else {
      w.deliver(pool.leaseCreated(slot));
    }
  }

  /** The acquire gives up (deadline or interrupt); false if the create finished first. */
  boolean abandon() {
    return STATE.compareAndSet(this, RUNNING, ABANDONED);
  }

  /** An async acquire's deadline passed, on the shared timer: decided here, delivered elsewhere. */
  void expire(long nanos) {
    if (abandon()) {
      pool.timedOutWhileCreating(java.util.Objects.requireNonNull(waiter), nanos);
    }
  }
}
