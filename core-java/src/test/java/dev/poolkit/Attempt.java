package dev.poolkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A call running on its own virtual thread, whose outcome the test inspects later. */
final class Attempt<V> {
  final Thread thread;
  final CompletableFuture<V> outcome = new CompletableFuture<>();

  private Attempt(Callable<V> call) {
    thread =
        Thread.ofVirtual()
            .name("attempt")
            .start(
                () -> {
                  try {
                    outcome.complete(call.call());
                  } catch (Throwable t) {
                    outcome.completeExceptionally(t);
                  }
                });
  }

  static <V> Attempt<V> start(Callable<V> call) {
    return new Attempt<>(call);
  }

  /** The result; fails the test if the call does not finish within {@link Await#LONG}. */
  V get() throws Exception {
    try {
      return outcome.get(Await.LONG.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    } catch (TimeoutException e) {
      throw new AssertionError("the call did not finish within " + Await.LONG, e);
    }
  }

  /** What the call threw; fails the test if it returned normally or did not finish. */
  Throwable failure() throws Exception {
    return failure(Await.LONG);
  }

  Throwable failure(Duration within) throws Exception {
    try {
      V v = outcome.get(within.toNanos(), TimeUnit.NANOSECONDS);
      throw new AssertionError("expected a failure, got " + v);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("the call did not finish within " + within, e);
    }
  }

  boolean isDone() {
    return outcome.isDone();
  }
}
