package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * A thread interrupted while it waits throws {@link InterruptedException} and leaves nothing
 * behind: it is no longer queued, and every unit of capacity can still be acquired (PY-B3).
 */
@Timeout(60)
class InterruptTest {

  @ContractTest
  void interruptWhileWaitingThrowsAndLeavesNothingBehind_PYB3(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(2).build()) {
      List<Lease<Res>> held = new ArrayList<>();
      held.add(pool.acquire());
      held.add(pool.acquire());
      Attempt<Lease<Res>> waiter = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.pending(pool, 1);
      waiter.thread.interrupt();
      Throwable failure = waiter.failure();
      assertInstanceOf(InterruptedException.class, failure);
      assertTrue(failure.getMessage().contains(pool.name()), failure.getMessage());
      assertEquals(0, pool.stats().pending());
      held.forEach(Lease::close);
      PoolAsserts.assertFullCapacity(pool, 2);
    }
  }

  @ContractTest
  void aWaiterInterruptedBeforeItWaitsThrowsAtOnce(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build();
        Lease<Res> held = pool.acquire()) {
      Attempt<Lease<Res>> waiter =
          Attempt.start(
              () -> {
                Thread.currentThread().interrupt();
                return pool.acquire(Duration.ofSeconds(30));
              });
      assertInstanceOf(InterruptedException.class, waiter.failure());
      assertEquals(0, pool.stats().pending());
      assertTrue(held.isActive());
    }
  }

  @ContractTest
  void anInterruptedWaiterDoesNotTakeTheNextWaitersTurn_PY6(Variant v) throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(1).build()) {
      Lease<Res> held = pool.acquire();
      Attempt<Lease<Res>> first = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.pending(pool, 1);
      Attempt<Lease<Res>> second = Attempt.start(() -> pool.acquire(Duration.ofSeconds(30)));
      Await.pending(pool, 2);
      first.thread.interrupt();
      assertInstanceOf(InterruptedException.class, first.failure());
      held.close();
      Lease<Res> lease = second.get();
      assertTrue(lease.isActive());
      lease.close();
      PoolAsserts.assertFullCapacity(pool, 1);
    }
  }
}
