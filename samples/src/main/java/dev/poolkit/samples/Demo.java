package dev.poolkit.samples;

import dev.poolkit.Allocator;
import dev.poolkit.Lease;
import dev.poolkit.Pool;
import dev.poolkit.PoolStats;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The README's demo: 10,000 virtual threads share a pool of 8 slow-to-open "connections", then the
 * pool closes. Prints what happened and the pool's counters.
 *
 * <p>Run: {@code ./mvnw -q -Pdemo -pl samples -am package}
 */
public final class Demo {
  private Demo() {}

  /** A stand-in for a network connection: opening it takes 20 ms. */
  record Connection(int id) {
    String query(String sql) {
      return "connection " + id + " ran " + sql;
    }
  }

  public static void main(String[] args) throws Exception {
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    Allocator<Connection> allocator =
        new Allocator<>() {
          @Override
          public Connection create() throws InterruptedException {
            Thread.sleep(20); // a handshake: runs outside every pool lock
            return new Connection(opened.incrementAndGet());
          }

          @Override
          public void destroy(Connection c) {
            closed.incrementAndGet();
          }
        };

    Pool<Connection> pool =
        Pool.builder(allocator).name("demo-db").maxSize(8).acquireTimeout(Duration.ofSeconds(10)).build();

    String first = pool.withLease(c -> c.query("select 1"));
    System.out.println(first);

    int threads = 10_000;
    long start = System.nanoTime();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < threads; i++) {
        executor.submit(
            () -> {
              try (Lease<Connection> lease = pool.acquire()) {
                lease.get().query("select 1");
                Thread.sleep(1); // the virtual thread parks while holding the connection
              }
              return null;
            });
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("%,d virtual threads shared %d connections in %d ms%n", threads, 8, millis);

    CompletableFuture<Lease<Connection>> async = pool.acquireAsync();
    try (Lease<Connection> lease = async.join()) {
      System.out.println("async: " + lease.get().query("select 2"));
    }

    PoolStats stats = pool.stats();
    System.out.printf(
        "created %d, reused %d, timeouts %d, allocated %d (idle %d, in use %d)%n",
        stats.created(), stats.reused(), stats.timeouts(), stats.allocated(), stats.idle(), stats.inUse());
    pool.closeAsync().join();
    System.out.printf("closed: %d opened, %d closed%n", opened.get(), closed.get());
  }
}
