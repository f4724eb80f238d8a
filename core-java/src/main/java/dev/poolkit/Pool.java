package dev.poolkit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A bounded pool of reusable objects, made for virtual threads.
 *
 * {@snippet class=dev.poolkit.JavadocExamplesTest region=pool}
 *
 * <h2>Waiting</h2>
 *
 * An acquire first takes an idle object, else creates one if fewer than {@code maxSize} exist,
 * else waits for capacity. Waiters are served first come, first served; every event that frees
 * capacity (a release, an invalidation, a failed creation, an eviction) hands it to the oldest
 * waiter. One bounded exception, with the default {@link ReuseOrder#ANY} only: a release makes the
 * object idle and wakes the oldest blocking waiter, and a running thread may take the object first
 * (so two threads sharing one object do not park and unpark on every operation); a waiter that
 * has waited 1 ms or longer, and every asynchronous waiter, is handed released objects directly.
 * A blocking waiter parks its thread, which unmounts a virtual thread from its carrier; an
 * asynchronous waiter is a queue entry and holds no thread. No pool lock is held while an {@link
 * Allocator} method runs.
 *
 * <h2>Timeouts</h2>
 *
 * Every timeout is a deadline measured from the call. {@link Duration#ZERO} means "do not wait":
 * the acquire fails at once with {@link PoolExhaustedException} when nothing is free (Poco's
 * behaviour). The deadline bounds the whole acquire, a create it starts included: with a
 * deadline the create runs on a virtual thread of its own, and when the deadline passes (or the
 * waiting thread is interrupted) first, the acquire fails and the object, once created, joins the
 * pool for the next acquire, so a create that hangs never holds an acquire past its deadline and
 * loses nothing (L-4). {@link #tryAcquire()} and a zero timeout have no deadline to hold: a create
 * they start runs on the calling thread. Bound the create itself with your allocator's own
 * timeouts (connect, handshake), since a create that never returns keeps its slot.
 *
 * <h2>Close</h2>
 *
 * {@link #close()} fails every waiter at once with {@link PoolClosedException}, destroys idle
 * objects, and destroys leased ones when they come back. Acquires after close fail at once.
 *
 * <h2>Memory effects</h2>
 *
 * Actions in a thread before it releases an object happen-before actions after the next acquire of
 * that object returns; {@link Allocator#create()} happens-before the first acquire that returns its
 * object.
 *
 * @param <T> the pooled type
 */
public interface Pool<T> extends AutoCloseable {

  /**
   * The largest {@code maxSize} (and per-key size of a {@link KeyedPool}): 65,536. A pool allocates
   * one slot (about 200 bytes, padded against false sharing) per unit of capacity when it is
   * built, and an acquire that finds nothing idle scans them, so larger sizes are refused with an
   * {@link IllegalArgumentException} instead of exhausting the heap.
   */
  int MAX_SIZE = 1 << 16;

  /** Starts building a pool whose objects come from {@code allocator}. */
  static <T> PoolBuilder<T> builder(Allocator<T> allocator) {
    return new PoolBuilder<>(allocator);
  }

  /** The pool's name, as given to the builder; it appears in exception messages and stats. */
  String name();

  /** The wait of {@link #acquire()}, {@link #acquireAsync()} and {@link #withLease(LeaseBody)}. */
  Duration acquireTimeout();

  /**
   * Leases an object, waiting up to the pool's {@code acquireTimeout}.
   *
   * @see #acquire(Duration)
   */
  Lease<T> acquire() throws InterruptedException;

  /**
   * Leases an object, waiting up to {@code timeout} for one.
   *
   * <p>Timeout: a deadline from the call, also while an object is created for this acquire;
   * {@link PoolTimeoutException} when it passes, {@link PoolExhaustedException} at once when it is
   * zero and nothing is free. Interrupt: a thread interrupted while waiting, for capacity or for
   * its object's create, throws {@link InterruptedException} and takes nothing: an object handed
   * over (or created) at the same moment goes back to the pool. Close: fails with {@link
   * PoolClosedException}, at once if the pool is closed, or when {@code close} runs while waiting.
   *
   * @param timeout how long to wait at most; zero to fail fast
   * @throws PoolCreateException if an object had to be created and its creation failed
   * @throws PoolExhaustedException if {@code timeout} is zero and nothing is free, or too many
   *     acquires already wait ({@code maxPending})
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  Lease<T> acquire(Duration timeout) throws InterruptedException;

  /**
   * Leases an idle object, or creates one if there is room; never waits for capacity.
   *
   * <p>Best effort under concurrency: the look over the slots is not one atomic step, and capacity
   * held for a moment by another thread's create, check or destroy counts as taken, so it can
   * answer {@code null} while {@link #stats()} shows room. The same holds for a zero timeout.
   *
   * @return a lease, or {@code null} if every object is leased and the pool is full
   * @throws PoolClosedException if the pool is closed
   * @throws PoolCreateException if a creation was needed and failed
   */
  @Nullable Lease<T> tryAcquire();

  /**
   * {@link #acquireAsync(Duration)} with the pool's {@code acquireTimeout}.
   *
   * @see #acquireAsync(Duration)
   */
  CompletableFuture<Lease<T>> acquireAsync();

  /**
   * Leases an object without holding a thread while waiting.
   *
   * <p>The future completes with a lease, or exceptionally with the exceptions {@link
   * #acquire(Duration)} throws. Cancelling it (or completing it yourself, or {@code orTimeout})
   * withdraws the waiter; if a lease was handed over at the same moment it goes back to the pool,
   * so a cancel never leaks an object or capacity. A future completed by a hand-off runs its
   * dependent stages on the pool's async executor (by default a new virtual thread), never on the
   * thread that released the object.
   */
  CompletableFuture<Lease<T>> acquireAsync(Duration timeout);

  /**
   * Leases an object without a thread and without a future: the low-level form for frameworks
   * with their own scheduling (Kotlin coroutines, event loops).
   *
   * <p>{@code callback} is called exactly once, possibly before this method returns. See {@link
   * AcquireCallback} for the threads it runs on and {@link PendingAcquire#cancel()} for cancelling.
   *
   * @param timeout deadline from the call, zero to fail fast
   * @return a handle to withdraw the acquire
   */
  PendingAcquire acquireAsync(Duration timeout, AcquireCallback<T> callback);

  /**
   * Leases an object, runs {@code body} with it, and releases it, also when the body throws
   * (pywebtransport's {@code async with pool.get()}). Waits as {@link #acquire()} does.
   */
  <R extends @Nullable Object, E extends Exception> R withLease(LeaseBody<? super T, R, E> body)
      throws E, InterruptedException;

  /** {@link #withLease(LeaseBody)} with an explicit acquire timeout. */
  <R extends @Nullable Object, E extends Exception> R withLease(
      Duration timeout, LeaseBody<? super T, R, E> body) throws E, InterruptedException;

  /**
   * Gives a lease back: pywebtransport's spelling of {@link Lease#close()}. Releasing a lease twice
   * does nothing.
   *
   * @throws IllegalArgumentException if the lease was not handed out by this pool; nothing changes
   */
  void release(Lease<T> lease);

  /** A snapshot of the counters. Never blocks and calls no allocator method. */
  PoolStats stats();

  /** Whether {@link #close()} was called (Poco's {@code !isActive()}). */
  boolean isClosed();

  /**
   * Closes the pool; idempotent. Fails every waiter with {@link PoolClosedException}, destroys the
   * idle objects on this thread (one that housekeeping is checking at that moment is destroyed by
   * housekeeping right after), and leaves leased objects to be destroyed when they are released.
   * Does not wait for leases: {@link #closeAsync()} completes when everything is destroyed, and
   * {@link #close(Duration)} waits for that.
   */
  @Override
  void close();

  /**
   * Closes the pool, then waits up to {@code grace} for every lease to come back; leases still out
   * at the deadline are force-closed: their objects are destroyed and the leases go dead.
   *
   * <p>Interrupt: a thread interrupted while waiting stops waiting, keeps its interrupt status,
   * forces nothing and returns {@code false}; the pool is closed regardless.
   *
   * @return {@code true} if every lease came back in time, {@code false} otherwise
   */
  boolean close(Duration grace);

  /**
   * Closes the pool as {@link #close()} does and returns a future that completes when every object
   * has been destroyed, including leased ones once they come back.
   */
  CompletableFuture<Void> closeAsync();
}
