package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.WebTransportException;
import dev.poolkit.webtransport.WebTransportTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs a Kwik/Flupke call that has no deadline of its own (and ignores interrupts) on a virtual
 * thread, and waits for it at most a deadline. A call that finishes after its caller gave up hands
 * its result to {@code orphan}, which must dispose of it.
 */
final class Blocking {
  private Blocking() {}

  /** A call that may throw. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws Exception;
  }

  static <T> T within(Duration timeout, String what, Call<T> call, Consumer<T> orphan)
      throws IOException, InterruptedException {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread.ofVirtual().name("poolkit-wt-", 0).start(() -> {
      try {
        result.complete(call.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    try {
      return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      giveUp(result, orphan);
      throw new WebTransportTimeoutException(what + " did not finish within " + timeout);
    } catch (InterruptedException e) {
      giveUp(result, orphan);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new WebTransportException(what + " failed: " + cause, cause);
    }
  }

  private static <T> void giveUp(CompletableFuture<T> result, Consumer<T> orphan) {
    result.thenAccept(orphan);
  }
}
