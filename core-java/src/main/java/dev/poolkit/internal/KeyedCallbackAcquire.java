package dev.poolkit.internal;

import dev.poolkit.AcquireCallback;
import dev.poolkit.Lease;
import dev.poolkit.PendingAcquire;
import dev.poolkit.PoolClosedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * A keyed {@code acquireAsync(key, timeout, callback)}: attempts on the key's pool as in {@link
 * KeyedFutureAcquire}, an attempt whose pool was dropped (CH-6) made again on the key's new pool.
 * The caller's callback sees one outcome, exactly once, as {@link AcquireCallback} promises.
 *
 * <pre>
 *   ACTIVE --an attempt's outcome reaches the caller--> DELIVERED   callback called
 *   ACTIVE --cancel------------------------------------> CANCELLED  callback never called
 * </pre>
 *
 * A cancel withdraws the latest attempt if it can; an attempt it could not withdraw (decided, or
 * still starting) still ends, and a lease it brings then is closed, so nothing is kept.
 */
final class KeyedCallbackAcquire<K, T> implements PendingAcquire {
  private static final int ACTIVE = 0;
  private static final int DELIVERED = 1;
  private static final int CANCELLED = 2;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(KeyedCallbackAcquire.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final KeyedSlotPools<K, T> keyed;
  private final K key;
  private final AcquireCallback<T> callback;
  private final AttemptClock clock;
  private volatile int state;
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

  /**
   * {@inheritDoc}
   *
   * <p>{@code false} only once the outcome has reached (or is reaching) the callback.
   */
  @Override
  public boolean cancel() {
    if (!STATE.compareAndSet(this, ACTIVE, CANCELLED)) {
      return false;
    }
    Attempt a = latest;
    if (a != null) {
      a.withdraw();
    }
    return true;
  }

  private boolean deliver() {
    return STATE.compareAndSet(this, ACTIVE, DELIVERED);
  }

  /** One acquire on one key pool; it is its own callback, so it knows which pool failed it. */
  private final class Attempt implements AcquireCallback<T> {
    private final SlotPool<T> pool;
    private volatile @Nullable PendingAcquire pending;

    Attempt(SlotPool<T> pool) {
      this.pool = pool;
    }

    void begin() {
      latest = this; // before the acquire: a failure inside it may begin the next attempt
      pending = pool.acquireAsyncNanos(clock.left(), this);
      if (state == CANCELLED) {
        withdraw(); // cancelled while this attempt started
      }
    }

    void withdraw() {
      PendingAcquire p = pending;
      if (p != null) {
        p.cancel();
      }
    }

    @Override
    public void onLease(Lease<T> lease) {
      if (deliver()) {
        callback.onLease(lease);
      } else {
        lease.close(); // cancelled: nobody takes it
      }
    }

    @Override
    public void onFailure(Throwable error) {
      if (error instanceof PoolClosedException
          && state == ACTIVE
          && keyed.wasDropped(key, pool)) {
        SlotPool<T> next;
        try {
          next = keyed.lookup(key);
        } catch (RuntimeException e) { // the keyed pool closed meanwhile
          if (deliver()) {
            callback.onFailure(e);
          }
          return;
        }
        new Attempt(next).begin();
        return;
      }
      if (deliver()) {
        callback.onFailure(error);
      }
    }
  }
}
