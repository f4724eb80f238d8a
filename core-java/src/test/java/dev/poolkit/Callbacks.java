package dev.poolkit;

import java.util.concurrent.CompletableFuture;

/** Small {@link AcquireCallback}s for tests. */
final class Callbacks {
  private Callbacks() {}

  /** Completes {@code failure} with the error; a lease is closed at once and completes it with null. */
  static AcquireCallback<Res> into(CompletableFuture<Throwable> failure) {
    return new AcquireCallback<>() {
      @Override
      public void onLease(Lease<Res> lease) {
        lease.close();
        failure.complete(null);
      }

      @Override
      public void onFailure(Throwable error) {
        failure.complete(error);
      }
    };
  }

  /** Completes {@code outcome} with the lease, or exceptionally with the error. */
  static AcquireCallback<Res> completing(CompletableFuture<Lease<Res>> outcome) {
    return new AcquireCallback<>() {
      @Override
      public void onLease(Lease<Res> lease) {
        if (!outcome.complete(lease)) {
          lease.close();
        }
      }

      @Override
      public void onFailure(Throwable error) {
        outcome.completeExceptionally(error);
      }
    };
  }

  /** A {@code whenComplete} action that passes a future's outcome on to {@code target}. */
  static java.util.function.BiConsumer<Lease<Res>, Throwable> relay(
      CompletableFuture<Lease<Res>> target) {
    return (lease, error) -> {
      if (error != null) {
        target.completeExceptionally(error);
      } else if (!target.complete(lease)) {
        lease.close();
      }
    };
  }
}
