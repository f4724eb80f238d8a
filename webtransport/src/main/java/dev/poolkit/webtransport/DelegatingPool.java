package dev.poolkit.webtransport;

import dev.poolkit.AcquireCallback;
import dev.poolkit.Lease;
import dev.poolkit.LeaseBody;
import dev.poolkit.PendingAcquire;
import dev.poolkit.Pool;
import dev.poolkit.PoolStats;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** A {@link Pool} that forwards every call to a core pool; the WebTransport pools extend it. */
abstract class DelegatingPool<T> implements Pool<T> {
  final Pool<T> pool;

  DelegatingPool(Pool<T> pool) {
    this.pool = pool;
  }

  @Override public String name() { return pool.name(); }
  @Override public Duration acquireTimeout() { return pool.acquireTimeout(); }
  @Override public Lease<T> acquire() throws InterruptedException { return pool.acquire(); }
  @Override public Lease<T> acquire(Duration timeout) throws InterruptedException { return pool.acquire(timeout); }
  @Override public @Nullable Lease<T> tryAcquire() { return pool.tryAcquire(); }
  @Override public CompletableFuture<Lease<T>> acquireAsync() { return pool.acquireAsync(); }
  @Override public CompletableFuture<Lease<T>> acquireAsync(Duration timeout) { return pool.acquireAsync(timeout); }

  @Override
  public PendingAcquire acquireAsync(Duration timeout, AcquireCallback<T> callback) {
    return pool.acquireAsync(timeout, callback);
  }

  @Override
  public <R extends @Nullable Object, E extends Exception> R withLease(LeaseBody<? super T, R, E> body)
      throws E, InterruptedException {
    return pool.withLease(body);
  }

  @Override
  public <R extends @Nullable Object, E extends Exception> R withLease(
      Duration timeout, LeaseBody<? super T, R, E> body) throws E, InterruptedException {
    return pool.withLease(timeout, body);
  }

  @Override public void release(Lease<T> lease) { pool.release(lease); }
  @Override public PoolStats stats() { return pool.stats(); }
  @Override public boolean isClosed() { return pool.isClosed(); }
  @Override public void close() { pool.close(); }
  @Override public boolean close(Duration grace) { return pool.close(grace); }
  @Override public CompletableFuture<Void> closeAsync() { return pool.closeAsync(); }
}
