package dev.poolkit;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** One soak thread: a random mix of every way to acquire, give back and give up. */
final class SoakWorker implements Runnable {
  private final Pool<Res> pool;
  private final SplittableRandom random;
  private final PoolSoakTest.SoakCounters counters;
  private final long deadline;
  private final List<CompletableFuture<?>> async;

  SoakWorker(
      Pool<Res> pool,
      SplittableRandom random,
      PoolSoakTest.SoakCounters counters,
      long deadline,
      List<CompletableFuture<?>> async) {
    this.pool = pool;
    this.random = random;
    this.counters = counters;
    this.deadline = deadline;
    this.async = async;
  }

  @Override
  public void run() {
    while (System.nanoTime() - deadline < 0) {
      counters.operations.increment();
      try {
        step(random.nextInt(100));
      } catch (PoolTimeoutException e) {
        counters.timeouts.increment();
      } catch (PoolExhaustedException e) {
        counters.exhausted.increment();
      } catch (PoolCreateException e) {
        // counted by the allocator
      } catch (InterruptedException e) {
        counters.violation("worker interrupted: " + e);
      } catch (RuntimeException | Error e) {
        counters.violation("unexpected " + e);
      }
    }
  }

  private Duration timeout() {
    return Duration.ofNanos(random.nextLong(20_000_000L));
  }

  private void step(int op) throws InterruptedException {
    if (op < 35) {
      use(pool.acquire(timeout()));
    } else if (op < 45) {
      Lease<Res> lease = pool.tryAcquire();
      if (lease != null) {
        use(lease);
      }
    } else if (op < 60) {
      futureAcquire();
    } else if (op < 75) {
      callbackAcquire();
    } else if (op < 85) {
      pool.withLease(timeout(), r -> {
        hold(r);
        return r;
      });
    } else {
      interruptedAcquire();
    }
  }

  /** Uses the object as its only holder, then releases or (sometimes) invalidates it. */
  void use(Lease<Res> lease) {
    hold(lease.get());
    if (random.nextInt(10) == 0) {
      counters.invalidations.increment();
      lease.invalidate();
    } else {
      lease.close();
    }
  }

  private void hold(Res r) {
    if (r.destroyed()) {
      counters.violation(r + " handed out after destroy");
    }
    if (!r.held.compareAndSet(false, true)) {
      counters.violation(r + " leased to two holders at once");
      return;
    }
    if (random.nextInt(4) == 0) {
      LockSupport.parkNanos(random.nextInt(500_000));
    }
    r.held.set(false);
  }

  private void futureAcquire() throws InterruptedException {
    CompletableFuture<Lease<Res>> f = pool.acquireAsync(timeout());
    if (random.nextInt(3) == 0) {
      LockSupport.parkNanos(random.nextInt(200_000));
      if (f.cancel(true)) {
        counters.cancels.increment();
        return;
      }
    }
    try {
      use(f.get(30, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      rethrow(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      counters.violation("an async acquire never completed");
    }
  }

  private void callbackAcquire() {
    SplittableRandom r = random.split();
    CompletableFuture<Void> done = new CompletableFuture<>();
    PendingAcquire p =
        pool.acquireAsync(
            timeout(),
            new AcquireCallback<>() {
              @Override
              public void onLease(Lease<Res> lease) {
                if (done.isDone()) {
                  counters.violation("callback called after cancel() or twice");
                }
                if (r.nextBoolean()) {
                  useInline(lease); // releases on the thread that handed the lease over
                  done.complete(null);
                } else {
                  Thread.ofVirtual().start(() -> {
                    useInline(lease);
                    done.complete(null);
                  });
                }
              }

              @Override
              public void onFailure(Throwable error) {
                if (error instanceof PoolTimeoutException) {
                  counters.timeouts.increment();
                } else if (error instanceof PoolExhaustedException) {
                  counters.exhausted.increment();
                } else if (!(error instanceof PoolCreateException)) {
                  counters.violation("callback failure " + error);
                }
                done.complete(null);
              }
            });
    if (random.nextInt(3) == 0 && p.cancel()) {
      counters.cancels.increment();
      done.complete(null);
    }
    async.add(done);
  }

  private void useInline(Lease<Res> lease) {
    Res r = lease.get();
    if (!r.held.compareAndSet(false, true)) {
      counters.violation(r + " leased to two holders at once (callback)");
      return;
    }
    r.held.set(false);
    lease.close();
  }

  private void interruptedAcquire() throws InterruptedException {
    Attempt<Lease<Res>> attempt = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
    LockSupport.parkNanos(random.nextInt(1_000_000));
    attempt.thread.interrupt();
    try {
      use(attempt.get());
    } catch (InterruptedException e) {
      counters.interrupts.increment();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      counters.violation("interrupted acquire: " + e);
    }
  }

  private static void rethrow(Throwable t) {
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t);
  }
}
