package dev.poolkit.internal;

import dev.poolkit.Lease;
import java.util.concurrent.CompletableFuture;

/**
 * The waiter behind {@code acquireAsync()}: completes a {@link LeaseFuture}. A hand-off is
 * completed on the pool's async executor, so dependent stages never run on (and never recurse
 * through) the releasing thread.
 */
final class FutureWaiter<T> extends AsyncWaiter<T> {
  final LeaseFuture<T> future;

  FutureWaiter(SlotPool<T> pool) {
    super(pool);
    this.future = new LeaseFuture<>(this);
  }

  @Override
  void deliver(Lease<T> lease) {
    if (!future.completeFromPool(lease)) {
      lease.close(); // cancelled or completed by someone else meanwhile: give the object back
    }
  }

  @Override
  void deliverHandedOver(Lease<T> lease) {
    pool.runAsync(() -> deliver(lease));
  }

  @Override
  void fail(Throwable error) {
    future.failFromPool(error);
  }

  /** The future handed to the caller; completing or cancelling it withdraws the waiter. */
  static final class LeaseFuture<T> extends CompletableFuture<Lease<T>> {
    private final FutureWaiter<T> waiter;

    LeaseFuture(FutureWaiter<T> waiter) {
      this.waiter = waiter;
    }

    boolean completeFromPool(Lease<T> lease) {
      return super.complete(lease);
    }

    boolean failFromPool(Throwable error) {
      return super.completeExceptionally(error);
    }

    @Override
    public boolean complete(Lease<T> value) {
      boolean done = super.complete(value);
      if (done) {
        waiter.withdraw();
      }
      return done;
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
      boolean done = super.completeExceptionally(ex);
      if (done) {
        waiter.withdraw();
      }
      return done;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean done = super.cancel(mayInterruptIfRunning);
      if (done) {
        waiter.withdraw();
      }
      return done;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
      return new CompletableFuture<>(); // dependents are plain futures, not waiters
    }
  }
}
