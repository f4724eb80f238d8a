package dev.poolkit.internal;

import dev.poolkit.Lease;
import dev.poolkit.PoolClosedException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The future of a keyed {@code acquireAsync(key, timeout)}. Each attempt is an async acquire on the
 * key's pool; an attempt that fails because that pool was dropped (CH-6) while the acquire was on
 * its way is made again on the key's new pool, within what is left of the deadline, as the
 * blocking acquire does. Completing or cancelling this future withdraws the current attempt, and a
 * lease that arrives for a future completed meanwhile goes back to the pool.
 */
final class KeyedFutureAcquire<K, T> extends CompletableFuture<Lease<T>> {
  private final KeyedSlotPools<K, T> keyed;
  private final K key;
  private final AttemptClock clock;
  private volatile @Nullable CompletableFuture<Lease<T>> attempt;

  KeyedFutureAcquire(KeyedSlotPools<K, T> keyed, K key, long nanos) {
    this.keyed = keyed;
    this.key = key;
    this.clock = new AttemptClock(nanos);
  }

  /** Starts an attempt on {@code pool}; its outcome settles this future or starts the next one. */
  void attempt(SlotPool<T> pool) {
    CompletableFuture<Lease<T>> f = pool.acquireAsyncNanos(clock.left());
    attempt = f;
    if (isDone()) {
      f.cancel(false); // completed or cancelled by the caller while this attempt started
    }
    f.whenComplete((lease, error) -> settle(pool, lease, error));
  }

  private void settle(SlotPool<T> pool, @Nullable Lease<T> lease, @Nullable Throwable error) {
    if (error == null) {
      if (!super.complete(lease)) {
        java.util.Objects.requireNonNull(lease).close(); // nobody wants it any more
      }
      return;
    }
    if (error instanceof PoolClosedException && !isDone() && keyed.wasDropped(key, pool)) {
      SlotPool<T> next;
      try {
        next = keyed.lookup(key);
      } catch (RuntimeException e) { // the keyed pool closed meanwhile, or the key became invalid
        super.completeExceptionally(e);
        return;
      }
      attempt(next);
      return;
    }
    super.completeExceptionally(error);
  }

  /** Withdraws the current attempt once this future is done by the caller's hand. */
  private boolean withdrawIf(boolean done) {
    CompletableFuture<Lease<T>> f = attempt;
    if (done && f != null) {
      f.cancel(false);
    }
    return done;
  }

  @Override
  public boolean complete(Lease<T> value) {
    return withdrawIf(super.complete(value));
  }

  @Override
  public boolean completeExceptionally(Throwable ex) {
    return withdrawIf(super.completeExceptionally(ex));
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return withdrawIf(super.cancel(mayInterruptIfRunning));
  }
}
