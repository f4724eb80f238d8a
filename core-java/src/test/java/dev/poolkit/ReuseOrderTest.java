package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PY-4: FIFO reuse takes the object released longest ago (pywebtransport, Poco); LIFO the one
 * released last. Release orders are chosen to differ from creation order, and every test runs
 * with a release order and its reverse, so an order that merely follows slot numbers fails.
 */
@Timeout(60)
class ReuseOrderTest {
  private static final List<Integer> ORDER = List.of(1, 3, 0, 4, 2);

  @ParameterizedTest(name = "checking allocator: {0}")
  @ValueSource(booleans = {false, true})
  void fifoReusesTheObjectReleasedLongestAgo_PY4(boolean checking) throws Exception {
    assertReuse(ReuseOrder.FIFO, checking, ORDER, false);
    assertReuse(ReuseOrder.FIFO, checking, ORDER.reversed(), false);
  }

  @ParameterizedTest(name = "checking allocator: {0}")
  @ValueSource(booleans = {false, true})
  void lifoReusesTheObjectReleasedLast(boolean checking) throws Exception {
    assertReuse(ReuseOrder.LIFO, checking, ORDER, false);
    assertReuse(ReuseOrder.LIFO, checking, ORDER.reversed(), false);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"FIFO", "LIFO"})
  void housekeepingHealthChecksKeepTheReuseOrder_PY4_PO4(String order) throws Exception {
    // ORDER is no rotation of creation order, which is what a pass in slot order would leave.
    assertReuse(ReuseOrder.valueOf(order), true, ORDER, true);
  }

  /**
   * Creates five objects, releases them in {@code releaseOrder} (indices in creation order), then
   * acquires five times and checks the objects come back in release order (FIFO) or reversed
   * (LIFO). With {@code housekeeping}, waits for a full health-check pass in between and then
   * acquires in the quiet second before the next one.
   */
  private static void assertReuse(
      ReuseOrder order, boolean checking, List<Integer> releaseOrder, boolean housekeeping)
      throws Exception {
    TestAllocator alloc = checking ? new CheckingAllocator() : new TestAllocator();
    PoolBuilder<Res> builder = Pool.builder(alloc).maxSize(5).reuseOrder(order);
    if (housekeeping) {
      builder.housekeepingInterval(Duration.ofSeconds(1));
    }
    try (Pool<Res> pool = builder.build()) {
      // With housekeeping, a round whose acquires overlapped a health check (a stalled test thread
      // or housekeeper) proves nothing about the order: it is run again, up to five times.
      for (int round = 1; ; round++) {
        List<Lease<Res>> leases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          leases.add(pool.acquire());
        }
        List<Res> released = new ArrayList<>();
        for (int i : releaseOrder) {
          released.add(leases.get(i).get());
          leases.get(i).close();
        }
        int checksBefore = 0;
        if (housekeeping) {
          awaitFullPass((CheckingAllocator) alloc, pool);
          checksBefore = ((CheckingAllocator) alloc).housekeeperChecks.get();
        }
        List<Res> expected = order == ReuseOrder.FIFO ? released : released.reversed();
        List<Res> reused = new ArrayList<>();
        List<Lease<Res>> again = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          Lease<Res> lease = pool.acquire();
          again.add(lease);
          reused.add(lease.get());
        }
        again.forEach(Lease::close);
        boolean overlapped =
            housekeeping && ((CheckingAllocator) alloc).housekeeperChecks.get() != checksBefore;
        if (!overlapped) {
          assertEquals(expected, reused, order + " reuse after releasing " + released);
          return;
        }
        assertTrue(round < 5, "every round's acquires overlapped a housekeeping pass");
      }
    }
  }

  /** Waits until housekeeping has checked all five idle objects and its pass is over. */
  private static void awaitFullPass(CheckingAllocator alloc, Pool<Res> pool) {
    // Checks after this read: the tail of a pass under way, then a pass that saw all five idle.
    int target = alloc.housekeeperChecks.get() + 5;
    Await.until(
        "a full housekeeping pass over the idle objects",
        () ->
            alloc.housekeeperChecks.get() >= target
                && System.nanoTime() - alloc.lastHousekeeperCheck > 50_000_000L
                && pool.stats().idle() == 5);
  }
}
