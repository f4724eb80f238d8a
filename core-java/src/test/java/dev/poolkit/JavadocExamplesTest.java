package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/*
 * The examples in dev.poolkit's Javadoc: each marked region below is shown by a snippet tag with
 * class=dev.poolkit.JavadocExamplesTest and the region's name (javadoc reads this file through
 * --snippet-path src/test/java), so the examples compile, and run here.
 */
class JavadocExamplesTest {

  /** A stand-in for whatever a pool holds: it records what it was asked to do. */
  static final class Connection {
    final List<String> sent = new ArrayList<>();
    boolean closed;

    void query(String sql) {
      sent.add(sql);
    }

    void send(String request) {
      sent.add(request);
    }

    void close() {
      closed = true;
    }
  }

  static final class ConnectionAllocator implements Allocator<Connection> {
    final List<Connection> made = new ArrayList<>();

    ConnectionAllocator(String url) {
      if (url.isEmpty()) throw new IllegalArgumentException("url must not be empty");
    }

    @Override
    public Connection create() {
      Connection c = new Connection();
      made.add(c);
      return c;
    }

    @Override
    public void destroy(Connection connection) {
      connection.close();
    }
  }

  @Test
  void thePoolExampleLeasesAnObjectAndGivesItBack() throws InterruptedException {
    String url = "db://orders";
    // @start region=pool
    Pool<Connection> pool = Pool.builder(new ConnectionAllocator(url)).maxSize(10).build();
    try (Lease<Connection> lease = pool.acquire()) {
      lease.get().query("select 1");
    }
    // @end
    try (pool) {
      try (Lease<Connection> again = pool.acquire()) {
        assertEquals(List.of("select 1"), again.get().sent, "the released object is reused");
      }
    }
  }

  @Test
  void theLeaseExampleReleasesOnClose() throws InterruptedException {
    Allocator<Connection> allocator = Allocator.of(Connection::new, Connection::close);
    String request = "ping";
    try (Pool<Connection> pool = Pool.builder(allocator).maxSize(1).build()) {
      // @start region=lease
      try (Lease<Connection> lease = pool.acquire()) {
        lease.get().send(request);
      }
      // @end
      assertEquals(0, pool.stats().inUse(), "the lease went back at the end of the try");
    }
  }

  @Test
  void theRegistryExampleFindsThePoolByName() {
    Allocator<Connection> allocator = Allocator.of(Connection::new, Connection::close);
    // @start region=registry
    PoolRegistry registry = new PoolRegistry();
    registry.add(Pool.builder(allocator).name("orders-db").build());
    Pool<?> pool = registry.get("orders-db");
    // @end
    try (registry) {
      assertSame(pool, registry.find("orders-db"));
      assertEquals("orders-db", pool.name());
    }
  }
}
