package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;

/**
 * PO-3 / CH-B2: a zero timeout means "do not wait". With nothing free the acquire fails at once
 * with {@link PoolExhaustedException} (Poco's {@code SessionPoolExhaustedException}); it never
 * queues and never spins. With something free it succeeds like any acquire.
 */
@Timeout(60)
class FailFastTest {

  @ContractTest
  void zeroTimeoutOnAFullPoolFailsAtOnceWithExhausted_PO3(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build();
        Lease<Res> held = pool.acquire()) {
      PoolExhaustedException e =
          assertThrows(PoolExhaustedException.class, () -> pool.acquire(Duration.ZERO));
      assertTrue(e.getMessage().contains(pool.name()), e.getMessage());
      ExecutionException async =
          assertThrows(
              ExecutionException.class,
              () -> pool.acquireAsync(Duration.ZERO).get(5, TimeUnit.SECONDS));
      assertInstanceOf(PoolExhaustedException.class, async.getCause());
      CompletableFuture<Throwable> callback = new CompletableFuture<>();
      pool.acquireAsync(Duration.ZERO, Callbacks.into(callback));
      assertInstanceOf(PoolExhaustedException.class, callback.get(5, TimeUnit.SECONDS));
      PoolStats s = pool.stats();
      assertEquals(3, s.exhausted());
      assertEquals(0, s.pending());
      assertEquals(0, s.timeouts(), "fail-fast is not a timeout");
      assertTrue(held.isActive());
    }
  }

  @ContractTest
  void aZeroDefaultAcquireTimeoutMakesEveryFormFailFast_PO3(Variant v) throws Exception {
    try (Pool<Res> pool =
            v.builder(v.allocator()).maxSize(1).acquireTimeout(Duration.ZERO).build();
        Lease<Res> held = pool.acquire()) {
      assertThrows(PoolExhaustedException.class, pool::acquire);
      assertThrows(PoolExhaustedException.class, () -> pool.withLease(r -> r));
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> pool.acquireAsync().get(5, TimeUnit.SECONDS));
      assertInstanceOf(PoolExhaustedException.class, e.getCause());
      assertEquals(3, pool.stats().exhausted());
      assertTrue(held.isActive());
    }
  }

  @ContractTest
  void zeroTimeoutStillTakesAnIdleObjectOrCreatesOne_PO3(Variant v) throws Exception {
    TestAllocator alloc = v.allocator();
    try (Pool<Res> pool = v.builder(alloc).maxSize(2).build()) {
      Lease<Res> created = pool.acquire(Duration.ZERO);
      Res object = created.get();
      created.close();
      try (Lease<Res> idle = pool.acquire(Duration.ZERO);
          Lease<Res> second = pool.acquire(Duration.ZERO)) {
        assertEquals(object, idle.get());
        assertEquals(2, alloc.created.get());
        assertTrue(second.isActive());
      }
      assertEquals(0, pool.stats().exhausted());
    }
  }

  @ContractTest
  void zeroTimeoutNeverQueuesOrSpins_CHB2(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build();
        Lease<Res> held = pool.acquire()) {
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger maxPending = new AtomicInteger();
      Thread sampler =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (!done.get()) {
                      maxPending.accumulateAndGet(pool.stats().pending(), Math::max);
                    }
                  });
      int calls = 5_000;
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        assertThrows(PoolExhaustedException.class, () -> pool.acquire(Duration.ZERO));
      }
      long elapsed = System.nanoTime() - start;
      done.set(true);
      sampler.join();
      assertEquals(0, maxPending.get(), "a zero-timeout acquire was queued");
      assertEquals(calls, pool.stats().exhausted());
      assertTrue(
          elapsed < Duration.ofSeconds(10).toNanos(), calls + " fail-fast calls took " + elapsed);
      assertTrue(held.isActive());
    }
  }
}
