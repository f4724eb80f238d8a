package dev.poolkit.internal;

import dev.poolkit.AcquireCallback;
import dev.poolkit.Lease;
import dev.poolkit.PendingAcquire;
import dev.poolkit.PoolClosedException;
import org.jspecify.annotations.Nullable;

/**
 * A keyed {@code acquireAsync(key, timeout, callback)}: attempts on the key's pool as in {@link
 * KeyedFutureAcquire}, an attempt whose pool was dropped (CH-6) made again on the key's new pool.
 * The caller's callback sees one outcome, exactly once, as {@link AcquireCallback} promises.
 *
 * <p>{@link #cancel} withdraws the latest attempt. It answers {@code false} (the callback will be
 * called) when that attempt was decided already or is still starting: a retry that begins while
 * cancel runs is not withdrawn, so a {@code false} answer is always followed by a callback.
 */
final class KeyedCallbackAcquire<K, T> implements PendingAcquire {
  private final KeyedSlotPools<K, T> keyed;
  private final K key;
  private final AcquireCallback<T> callback;
  private final AttemptClock clock;
  private volatile @Nullable Attempt latest;

  KeyedCallbackAcquire(KeyedSlotPools<K, T> keyed, K key, long nanos, AcquireCallback<T> callback) {
    this.keyed = keyed;
    this.key = key;
    this.callback = callback;
    this.clock = new AttemptClock(nanos);
  }

  void start(SlotPool<T> pool) {
    new Attempt(pool).begin();
  }

  @Override
  public boolean cancel() {
    Attempt a = latest;
    PendingAcquire pending = a == null ? null : a.pending;
    return pending != null && pending.cancel();
  }

  /** One acquire on one key pool; it is its own callback, so it knows which pool failed it. */
  private final class Attempt implements AcquireCallback<T> {
    private final SlotPool<T> pool;
    volatile @Nullable PendingAcquire pending;

    Attempt(SlotPool<T> pool) {
      this.pool = pool;
    }

    void begin() {
      latest = this; // before the acquire: a failure inside it may begin the next attempt
      pending = pool.acquireAsyncNanos(clock.left(), this);
    }

    @Override
    public void onLease(Lease<T> lease) {
      callback.onLease(lease);
    }

    @Override
    public void onFailure(Throwable error) {
      if (error instanceof PoolClosedException && keyed.wasDropped(key, pool)) {
        SlotPool<T> next;
        try {
          next = keyed.lookup(key);
        } catch (RuntimeException e) { // the keyed pool closed meanwhile
          callback.onFailure(e);
          return;
        }
        new Attempt(next).begin();
        return;
      }
      callback.onFailure(error);
    }
  }
}
