package dev.poolkit;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * How a pool makes, checks, resets and disposes of its objects.
 *
 * <p>The pool calls these methods outside every lock it holds, so a slow {@code create} or {@code
 * destroy} never blocks other acquires or releases. They may be called from any thread, including
 * the pool's housekeeping virtual thread, and concurrently for different objects.
 *
 * @param <T> the pooled type
 */
public interface Allocator<T> {

  /**
   * An allocator from two lambdas, for the common case of "open" and "close":
   * {@code Allocator.of(() -> Connection.open(url), Connection::close)}.
   */
  static <T> Allocator<T> of(Callable<? extends T> create, Disposer<? super T> destroy) {
    Objects.requireNonNull(create, "create must not be null");
    Objects.requireNonNull(destroy, "destroy must not be null");
    return new Allocator<>() {
      @Override
      public T create() throws Exception {
        return create.call();
      }

      @Override
      public void destroy(T object) throws Exception {
        destroy.dispose(object);
      }
    };
  }

  /** Disposes of an object; the {@code destroy} half of {@link #of(Callable, Disposer)}. */
  @FunctionalInterface
  interface Disposer<T> {
    void dispose(T object) throws Exception;
  }

  /**
   * Makes a new object. May block (connect, handshake); it runs on the thread of the acquire that
   * needs the object, or on a virtual thread for asynchronous acquires and housekeeping.
   *
   * @return a new object, never {@code null}: a {@code null} is reported as a {@link
   *     PoolCreateException}
   * @throws Exception any failure; the pool wraps it in a {@link PoolCreateException} that keeps it
   *     as the cause, and gives the capacity back
   */
  T create() throws Exception;

  /**
   * Whether {@code object} can still be used (Poco's {@code isGood}, a connection's {@code
   * !isClosed()}). Called before an idle object is handed out, when it is released, and by
   * housekeeping; an object that is not alive is destroyed. Should be quick.
   */
  default boolean isAlive(T object) {
    return true;
  }

  /**
   * Reverts whatever a borrower changed, before the object becomes idle again (Poco's session reset,
   * MySQL's {@code mysql_reset_connection}). An exception destroys the object instead.
   */
  default void reset(T object) throws Exception {}

  /**
   * Disposes of {@code object}. Called exactly once for every object {@link #create()} returned,
   * whether it was invalidated, found dead, evicted, or the pool closed. An exception is logged and
   * counted in {@link PoolStats#destroyFailures()}; the object is gone from the pool either way.
   */
  default void destroy(T object) throws Exception {}
}
