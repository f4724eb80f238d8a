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
    try {
      callback.onLease(lease);
    } catch (RuntimeException | Error e) {
      lease.close();
      pool.logCallbackFailure(e);
    }
  }

  @Override
  void deliverHandedOver(Lease<T> lease) {
    deliver(lease);
  }

  @Override
  void fail(Throwable error) {
    try {
      callback.onFailure(error);
    } catch (RuntimeException | Error e) {
      pool.logCallbackFailure(e);
    }
  }

  @Override
  public boolean cancel() {
    return withdraw();
  }
}
