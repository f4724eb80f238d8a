package dev.poolkit.internal;

import dev.poolkit.Lease;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * A waiter that holds no thread: its outcome is pushed to it. It is its own deadline task (no
 * lambda per waiter: every byte here is multiplied by the number of waiting acquirers).
 */
abstract class AsyncWaiter<T> extends Waiter<T> implements Runnable {
  final SlotPool<T> pool;
  volatile @Nullable ScheduledFuture<?> timer;
  /** The acquire's timeout, for the deadline task and a create's deadline. */
  long timeoutNanos;
  /** {@link System#nanoTime()} the timeout counts from; set only when there is a deadline. */
  long start;

  AsyncWaiter(SlotPool<T> pool) {
    this.pool = pool;
  }

  /** Delivers a lease from the current thread, which the caller knows is safe to run user code on. */
  abstract void deliver(Lease<T> lease);

  /** Delivers a failure from the current thread. */
  abstract void fail(Throwable error);

  /** Delivers a lease handed over by a releasing thread, which must not run user code. */
  abstract void deliverHandedOver(Lease<T> lease);

  /** The deadline passed. */
  @Override
  public final void run() {
    pool.timeOut(this, timeoutNanos);
  }

  @Override
  final void onAssigned() {
    cancelTimer();
    pool.serveAssigned(this);
  }

  @Override
  final void onFailed() {
    cancelTimer();
    RuntimeException e = failure;
    pool.runAsync(() -> fail(e == null ? new IllegalStateException("no failure") : e));
  }

  /** Withdraws the waiter if it still waits; true if it did. */
  final boolean withdraw() {
    if (tryCancel()) {
      cancelTimer();
      pool.unlink(this);
      return true;
    }
    return false;
  }

  final void cancelTimer() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
  }
}
