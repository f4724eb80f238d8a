package dev.poolkit.benchmarks.pools;

/**
 * One pool implementation behind the two operations every scenario measures.
 *
 * <p>{@code H} is whatever the pool hands out (a Poolkit {@code Lease}, a Stormpot {@code
 * Pooled}, a HikariCP bag entry, or the bare object), so an adapter adds no allocation and no
 * indirection beyond one interface call. Each JMH fork runs one pool, so that call site stays
 * monomorphic and is inlined.
 *
 * @param <H> the handle the pool hands out
 */
public interface BenchPool<H> extends AutoCloseable {
  /** Every blocking acquire waits at most this long: a stuck benchmark fails instead of hanging. */
  long TIMEOUT_SECONDS = 30;

  /** Takes an object, waiting up to {@link #TIMEOUT_SECONDS} for one. */
  H acquire() throws Exception;

  /** The pooled object behind {@code handle}, as a user would read it. */
  Res object(H handle);

  /** Gives {@code handle} back; may be called on another thread than the acquire. */
  void release(H handle);

  @Override
  void close() throws Exception;
}
