package dev.poolkit.internal;

import dev.poolkit.AcquireCallback;
import dev.poolkit.Allocator;
import dev.poolkit.KeyedPool;
import dev.poolkit.Lease;
import dev.poolkit.LeaseBody;
import dev.poolkit.PendingAcquire;
import dev.poolkit.PoolClosedException;
import dev.poolkit.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KeyedPool}: a {@link SlotPool} per key, made lazily, and (when {@code maxTotal} is set)
 * a shared {@link CapacityGate} that counts every object of every key.
 *
 * <p>Room for a key whose pool is not full but the global limit is: the acquire first destroys an
 * idle object of another key ({@link #makeRoom}); if none is idle it waits in its key's queue, and
 * from then on every other key destroys instead of idling what is released ({@link #wantsRoom}),
 * and every destroyed object's room is offered to the waiting keys ({@link #release}).
 */
public final class KeyedSlotPools<K, T> implements KeyedPool<K, T>, CapacityGate {
  private final String name;
  private final Function<? super K, ? extends Allocator<T>> allocators;
  private final ToIntFunction<? super K> maxSizePerKey;
  private final int maxTotal;
  private final long idlePoolTimeout;
  private final PoolConfig<?> template;
  private final ConcurrentHashMap<K, SlotPool<T>> pools = new ConcurrentHashMap<>();
  private final AtomicInteger reserved = new AtomicInteger();
  private final DroppedTotals dropped = new DroppedTotals();
  /**
   * Dropped key pools whose counters are not in {@link #dropped} yet. A drop moves a pool from
   * {@link #pools} here, then into {@link #dropped}; each move is one step under the write lock and
   * {@link #stats()} reads under the read lock, so the totals never miss or double-count a pool.
   */
  private final Set<SlotPool<T>> retiring = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private final java.util.concurrent.locks.ReentrantReadWriteLock statsLock =
      new java.util.concurrent.locks.ReentrantReadWriteLock();
  private final @Nullable Thread janitor;
  private volatile boolean closed;

  public KeyedSlotPools(
      String name,
      Function<? super K, ? extends Allocator<T>> allocators,
      ToIntFunction<? super K> maxSizePerKey,
      int maxTotal,
      Duration idlePoolTimeout,
      PoolConfig<?> template) {
    this.name = name;
    this.allocators = allocators;
    this.maxSizePerKey = maxSizePerKey;
    this.maxTotal = maxTotal;
    this.idlePoolTimeout = PoolConfig.saturatedNanos(idlePoolTimeout);
    this.template = template;
    this.janitor =
        this.idlePoolTimeout > 0
            ? Thread.ofVirtual().name("poolkit-" + name + "-janitor").start(this::dropIdlePools)
            : null;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Duration acquireTimeout() {
    return Duration.ofNanos(template.acquireTimeoutNanos());
  }

  private boolean bounded() {
    return maxTotal != Integer.MAX_VALUE;
  }

  /** The key's pool, made on first use (CH-1) outside any map lock. */
  SlotPool<T> pool(K key) {
    Objects.requireNonNull(key, "key must not be null");
    if (closed) {
      throw new PoolClosedException(name + ": pool is closed");
    }
    SlotPool<T> pool = pools.get(key);
    if (pool != null) {
      return pool;
    }
    int size = Math.min(maxSizePerKey.applyAsInt(key), maxTotal);
    if (size < 1 || size > dev.poolkit.Pool.MAX_SIZE) {
      throw new IllegalArgumentException(
          name
              + ": maxSizePerKey gave "
              + size
              + " for key "
              + key
              + "; must be 1 to "
              + dev.poolkit.Pool.MAX_SIZE
              + " (Pool.MAX_SIZE), or capped by a maxTotal in that range");
    }
    Allocator<T> allocator =
        Objects.requireNonNull(allocators.apply(key), "allocators gave null for key " + key);
    PoolConfig<T> config =
        template.forKey(name + "[" + key + "]", allocator, size);
    SlotPool<T> made = SlotPool.start(config, bounded() ? this : CapacityGate.NONE);
    made.owner = this;
    SlotPool<T> raced = pools.putIfAbsent(key, made);
    if (raced != null) {
      made.close();
      return raced;
    }
    if (closed) {
      made.close();
    }
    return made;
  }

  /**
   * The key's pool for an async attempt. {@link #afterLookup}, set only by tests, runs between the
   * lookup and the attempt: the moment a drop can overtake an acquire.
   */
  SlotPool<T> lookup(K key) {
    SlotPool<T> pool = pool(key);
    java.util.function.BiConsumer<K, SlotPool<T>> hook = afterLookup;
    if (hook != null) {
      hook.accept(key, pool);
    }
    return pool;
  }

  /** Test seam: see {@link #lookup}. */
  volatile java.util.function.@Nullable BiConsumer<K, SlotPool<T>> afterLookup;

  /** Whether a closed exception from {@code pool} came from a drop of that key's pool, not close. */
  boolean wasDropped(K key, SlotPool<T> pool) {
    return !closed && pools.get(key) != pool;
  }

  /** An acquire from one key's pool. */
  @FunctionalInterface
  private interface PoolAcquire<T, L> {
    L from(SlotPool<T> pool) throws InterruptedException;
  }

  /** Runs {@code acquire} on the key's pool, again on a new pool if the old one was just dropped. */
  private <L> L withPool(K key, PoolAcquire<T, L> acquire) throws InterruptedException {
    while (true) {
      SlotPool<T> pool = pool(key);
      try {
        return acquire.from(pool);
      } catch (PoolClosedException e) {
        if (!wasDropped(key, pool)) {
          throw e;
        }
      }
    }
  }

  @Override
  public Lease<T> acquire(K key) throws InterruptedException {
    return withPool(key, SlotPool::acquire);
  }

  @Override
  public Lease<T> acquire(K key, Duration timeout) throws InterruptedException {
    SlotPool.timeoutNanos(timeout);
    return withPool(key, pool -> pool.acquire(timeout));
  }

  @Override
  public @Nullable Lease<T> tryAcquire(K key) {
    try {
      return withPool(key, SlotPool::tryAcquire);
    } catch (InterruptedException e) { // tryAcquire never waits, so this cannot happen
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // The async forms retry after a drop as withPool does, but asynchronously: the drop may fail an
  // attempt after it linked a waiter, not only at the call (see KeyedFutureAcquire).

  @Override
  public CompletableFuture<Lease<T>> acquireAsync(K key) {
    return acquireAsyncNanos(key, template.acquireTimeoutNanos());
  }

  @Override
  public CompletableFuture<Lease<T>> acquireAsync(K key, Duration timeout) {
    return acquireAsyncNanos(key, SlotPool.timeoutNanos(timeout));
  }

  private CompletableFuture<Lease<T>> acquireAsyncNanos(K key, long nanos) {
    SlotPool<T> first = lookup(key); // a closed keyed pool or a bad key throws here, at the call
    KeyedFutureAcquire<K, T> future = new KeyedFutureAcquire<>(this, key, nanos);
    future.attempt(first);
    return future;
  }

  @Override
  public PendingAcquire acquireAsync(K key, Duration timeout, AcquireCallback<T> callback) {
    long nanos = SlotPool.timeoutNanos(timeout);
    Objects.requireNonNull(callback, "callback must not be null");
    SlotPool<T> first = lookup(key);
    KeyedCallbackAcquire<K, T> pending = new KeyedCallbackAcquire<>(this, key, nanos, callback);
    pending.start(first);
    return pending;
  }

  @Override
  public <R extends @Nullable Object, E extends Exception> R withLease(
      K key, LeaseBody<? super T, R, E> body) throws E, InterruptedException {
    Objects.requireNonNull(body, "body must not be null");
    try (Lease<T> lease = acquire(key)) {
      return body.apply(lease.get());
    }
  }

  @Override
  public void release(Lease<T> lease) {
    Objects.requireNonNull(lease, "lease must not be null");
    if (!(lease instanceof LeaseImpl<T> impl) || impl.pool.owner != this) {
      throw new IllegalArgumentException(
          name + ": cannot release " + lease + ": it was not handed out by this pool");
    }
    lease.close();
  }

  // ---------------------------------------------------------------- the shared limit

  @Override
  public boolean tryReserve(SlotPool<?> pool) {
    int r;
    do {
      r = reserved.get();
      if (r >= maxTotal) {
        return false;
      }
    } while (!reserved.compareAndSet(r, r + 1));
    return true;
  }

  @Override
  public void release(SlotPool<?> pool) {
    reserved.decrementAndGet();
    for (SlotPool<T> other : pools.values()) {
      if (other != pool && other.offerRoom()) {
        return;
      }
    }
  }

  @Override
  public boolean wantsRoom(SlotPool<?> pool) {
    if (reserved.get() < maxTotal) {
      return false;
    }
    for (SlotPool<T> other : pools.values()) {
      if (other != pool && other.waitsForRoom()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean makeRoom(SlotPool<?> pool) {
    for (SlotPool<T> other : pools.values()) {
      if (other != pool && other.evictOneIdle()) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- dropping idle pools (CH-6)

  private void dropIdlePools() {
    long period = Math.max(10_000_000L, Math.min(idlePoolTimeout / 4, 30_000_000_000L));
    Map<SlotPool<T>, Long> emptySince = new IdentityHashMap<>();
    while (!closed) {
      long now = System.nanoTime();
      for (Map.Entry<K, SlotPool<T>> e : pools.entrySet()) {
        SlotPool<T> pool = e.getValue();
        PoolStats s = pool.stats();
        if (s.allocated() > 0 || s.pending() > 0) {
          emptySince.remove(pool);
          continue;
        }
        Long since = emptySince.putIfAbsent(pool, now);
        if (since != null && now - since >= idlePoolTimeout && drop(e.getKey(), pool)) {
          emptySince.remove(pool);
        }
      }
      emptySince.keySet().retainAll(pools.values());
      LockSupport.parkNanos(this, period);
    }
  }

  /**
   * Drops the key's pool (CH-6): out of the map, closed, its counters kept in the totals. An
   * acquire that got the pool just before fails on it with a closed exception and is retried on
   * the key's new pool. Package-private for tests.
   */
  boolean drop(K key, SlotPool<T> pool) {
    if (!retire(key, pool)) {
      return false;
    }
    pool.close();
    statsLock.writeLock().lock();
    try {
      dropped.add(pool.stats());
      retiring.remove(pool);
    } finally {
      statsLock.writeLock().unlock();
    }
    return true;
  }

  private boolean retire(K key, SlotPool<T> pool) {
    statsLock.writeLock().lock();
    try {
      if (!pools.remove(key, pool)) {
        return false;
      }
      retiring.add(pool);
      return true;
    } finally {
      statsLock.writeLock().unlock();
    }
  }

  // ---------------------------------------------------------------- stats and close

  @Override
  public PoolStats stats(K key) {
    SlotPool<T> pool = pools.get(Objects.requireNonNull(key, "key must not be null"));
    return pool != null ? pool.stats() : DroppedTotals.empty(name + "[" + key + "]", closed);
  }

  @Override
  public PoolStats stats() {
    statsLock.readLock().lock();
    try {
      List<PoolStats> all = new ArrayList<>();
      for (SlotPool<T> pool : pools.values()) {
        all.add(pool.stats());
      }
      for (SlotPool<T> pool : retiring) {
        all.add(pool.stats());
      }
      return dropped.total(name, all, maxTotal, closed);
    } finally {
      statsLock.readLock().unlock();
    }
  }

  @Override
  public Set<K> keys() {
    return Set.copyOf(pools.keySet());
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    if (janitor != null) {
      LockSupport.unpark(janitor);
    }
    for (SlotPool<T> pool : pools.values()) {
      pool.close();
    }
  }

  @Override
  public boolean close(Duration grace) {
    long deadline = System.nanoTime() + SlotPool.timeoutNanos(grace);
    close();
    boolean graceful = true;
    for (SlotPool<T> pool : pools.values()) {
      long left = Math.max(0, deadline - System.nanoTime());
      graceful &= pool.close(Duration.ofNanos(left));
    }
    return graceful;
  }

  @Override
  public CompletableFuture<Void> closeAsync() {
    close();
    return CompletableFuture.allOf(
        pools.values().stream().map(SlotPool::closeAsync).toArray(CompletableFuture[]::new));
  }

  @Override
  public String toString() {
    return "KeyedPool[" + name + ", " + pools.size() + " keys" + (closed ? ", closed]" : "]");
  }
}
