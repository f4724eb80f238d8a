package dev.poolkit;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Many pools behind one object, one per key (an endpoint, a tenant, a shard): ClickHouse's {@code
 * HTTPSessionPool} and Poco's {@code SessionPoolContainer}.
 *
 * <p>A key's pool is made on first use (CH-1); equal keys share it. Each key has its own maximum,
 * which may depend on the key (CH-B4), and all keys share a global maximum: when it is reached, an
 * acquire for one key destroys an idle object of another key to make room, or waits until one is
 * released (never a leased one, CH-B5). A key's pool that has held no objects for {@code
 * idlePoolTimeout} is dropped (CH-6). Waiting, timeouts, interrupts, close and memory effects are
 * those of {@link Pool}.
 *
 * @param <K> the key type; must have proper {@code equals} and {@code hashCode}
 * @param <T> the pooled type
 */
public interface KeyedPool<K, T> extends AutoCloseable {

  /** Starts building a keyed pool; {@code allocators} gives the allocator for a new key's pool. */
  static <K, T> KeyedPoolBuilder<K, T> builder(
      Function<? super K, ? extends Allocator<T>> allocators) {
    return new KeyedPoolBuilder<>(allocators);
  }

  /** The keyed pool's name; a key's pool is named {@code name[key]}. */
  String name();

  /** The wait of {@link #acquire(Object)} and the other acquires without a timeout. */
  Duration acquireTimeout();

  /** Leases an object for {@code key}, waiting up to the {@code acquireTimeout}. */
  Lease<T> acquire(K key) throws InterruptedException;

  /**
   * Leases an object for {@code key}, waiting up to {@code timeout}.
   *
   * @see Pool#acquire(Duration)
   */
  Lease<T> acquire(K key, Duration timeout) throws InterruptedException;

  /** Leases an idle object for {@code key} or creates one if there is room; never waits. */
  @Nullable Lease<T> tryAcquire(K key);

  /** @see Pool#acquireAsync() */
  CompletableFuture<Lease<T>> acquireAsync(K key);

  /** @see Pool#acquireAsync(Duration) */
  CompletableFuture<Lease<T>> acquireAsync(K key, Duration timeout);

  /** @see Pool#acquireAsync(Duration, AcquireCallback) */
  PendingAcquire acquireAsync(K key, Duration timeout, AcquireCallback<T> callback);

  /** Leases an object for {@code key}, runs {@code body}, releases. @see Pool#withLease(LeaseBody) */
  <R extends @Nullable Object, E extends Exception> R withLease(
      K key, LeaseBody<? super T, R, E> body) throws E, InterruptedException;

  /**
   * Gives a lease back; same as {@link Lease#close()}.
   *
   * @throws IllegalArgumentException if the lease did not come from this keyed pool
   */
  void release(Lease<T> lease);

  /** The counters of {@code key}'s pool; all zero if the key has no pool now. */
  PoolStats stats(K key);

  /**
   * Totals over every key's pool; {@code capacity} is the global maximum (or the sum of the keys'
   * maxima if that is smaller), counters include pools already dropped.
   */
  PoolStats stats();

  /** The keys that have a pool now. */
  Set<K> keys();

  boolean isClosed();

  /** Closes every key's pool: see {@link Pool#close()}. Idempotent. */
  @Override
  void close();

  /** Closes every key's pool, waiting up to {@code grace} in total: see {@link Pool#close(Duration)}. */
  boolean close(Duration grace);

  /** Completes when every key's pool has destroyed all its objects. */
  CompletableFuture<Void> closeAsync();
}
