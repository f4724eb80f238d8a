package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Timeout;

/**
 * PY-6: with the pool full, waiters are served first come, first served, whatever kind they are.
 * Each waiter is started only once the previous one is really queued ({@code pending} grew), and
 * objects are released one at a time, each after the previous hand-off was observed.
 */
@Timeout(60)
class WaiterFairnessTest {
  private static final int WAITERS = 8;

  private final List<Integer> served = new CopyOnWriteArrayList<>();
  private final Map<Integer, Lease<Res>> leases = new ConcurrentHashMap<>();

  private void servedWith(int waiter, Lease<Res> lease) {
    leases.put(waiter, lease);
    served.add(waiter);
  }

  private enum Kind {
    BLOCKING,
    FUTURE,
    CALLBACK
  }

  private void startWaiter(Pool<Res> pool, int i, Kind kind) {
    switch (kind) {
      case BLOCKING -> Attempt.start(() -> {
        servedWith(i, pool.acquire(Duration.ofSeconds(30)));
        return null;
      });
      case FUTURE -> pool.acquireAsync(Duration.ofSeconds(30)).thenAccept(l -> servedWith(i, l));
      case CALLBACK ->
          pool.acquireAsync(
              Duration.ofSeconds(30),
              new AcquireCallback<>() {
                @Override
                public void onLease(Lease<Res> lease) {
                  servedWith(i, lease);
                }

                @Override
                public void onFailure(Throwable error) {
                  served.add(-1000 - i);
                }
              });
    }
  }

  private void assertServedInArrivalOrder(Variant v, int maxSize, List<Kind> kinds)
      throws Exception {
    try (Pool<Res> pool = v.builder(v.allocator()).maxSize(maxSize).build()) {
      List<Lease<Res>> held = new ArrayList<>();
      for (int i = 0; i < maxSize; i++) {
        held.add(pool.acquire());
      }
      for (int i = 0; i < kinds.size(); i++) {
        startWaiter(pool, i, kinds.get(i));
        Await.pending(pool, i + 1);
      }
      for (int i = 0; i < kinds.size(); i++) {
        Lease<Res> next = i < maxSize ? held.get(i) : leases.get(i - maxSize);
        next.close();
        int expectedCount = i + 1;
        Await.until("hand-off " + expectedCount, () -> served.size() >= expectedCount);
      }
      List<Integer> arrival = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        arrival.add(i);
      }
      assertEquals(arrival, served, "order of service for " + kinds);
      leases.values().forEach(Lease::close);
      Await.atRest(pool);
    }
  }

  @ContractTest
  void blockingWaitersAreServedFirstComeFirstServed_PY6(Variant v) throws Exception {
    assertServedInArrivalOrder(v, 1, repeat(Kind.BLOCKING));
  }

  @ContractTest
  void futureWaitersAreServedFirstComeFirstServed_PY6(Variant v) throws Exception {
    assertServedInArrivalOrder(v, 1, repeat(Kind.FUTURE));
  }

  @ContractTest
  void callbackWaitersAreServedFirstComeFirstServed_PY6(Variant v) throws Exception {
    assertServedInArrivalOrder(v, 1, repeat(Kind.CALLBACK));
  }

  @ContractTest
  void mixedWaitersShareOneQueue_PY6(Variant v) throws Exception {
    List<Kind> kinds = new ArrayList<>();
    for (int i = 0; i < WAITERS; i++) {
      kinds.add(Kind.values()[(i * 7 + 1) % 3]);
    }
    assertServedInArrivalOrder(v, 3, kinds);
  }

  private static List<Kind> repeat(Kind kind) {
    List<Kind> kinds = new ArrayList<>();
    for (int i = 0; i < WAITERS; i++) {
      kinds.add(kind);
    }
    return kinds;
  }
}
