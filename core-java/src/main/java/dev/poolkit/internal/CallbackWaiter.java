package dev.poolkit.internal;

import dev.poolkit.AcquireCallback;
import dev.poolkit.Lease;
import dev.poolkit.PendingAcquire;

/**
 * The waiter behind {@code acquireAsync(timeout, callback)}: the callback runs inline on whichever
 * thread decides the outcome; the framework behind the callback does its own dispatching.
 */
final class CallbackWaiter<T> extends AsyncWaiter<T> implements PendingAcquire {
  private final AcquireCallback<T> callback;

  CallbackWaiter(SlotPool<T> pool, AcquireCallback<T> callback) {
    super(pool);
    this.callback = callback;
  }

  @Override
  void deliver(Lease<T> lease) {
    Thread self = Thread.currentThread();
    boolean outermost = pool.inCallback.add(self);
    try {
      callback.onLease(lease);
    } catch (Throwable e) { // checked ones thrown undeclared too: never into the releasing thread
      lease.close();
      pool.logCallbackFailure(e);
    } finally {
      if (outermost) {
        pool.inCallback.remove(self);
      }
    }
  }

  /**
   * A callback that releases inline hands the object to the next callback on its own thread;
   * nesting each such hand-off inside the previous callback grows the stack with the queue until it
   * overflows (stranding the slot mid hand-off). So a hand-off made from inside a callback is
   * delivered on the async executor; any other hand-off runs inline.
   */
  @Override
  void deliverHandedOver(Lease<T> lease) {
    if (pool.inCallback.contains(Thread.currentThread())) {
      pool.runAsync(() -> deliver(lease));
    } else {
      deliver(lease);
    }
  }

  @Override
  void fail(Throwable error) {
    try {
      callback.onFailure(error);
    } catch (Throwable e) {
      pool.logCallbackFailure(e);
    }
  }

  @Override
  public boolean cancel() {
    return withdraw();
  }
}
