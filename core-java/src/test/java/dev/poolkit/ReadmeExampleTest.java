package dev.poolkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Java example of the README, compiled and run here so that it cannot rot. */
class ReadmeExampleTest {

  /** A stand-in for a database connection. */
  static final class Connection {
    static int closed;

    static Connection open(String url) {
      return new Connection();
    }

    String query(String sql) {
      return "ok: " + sql;
    }

    void close() {
      closed++;
    }
  }

  @Test
  void theReadmeExampleRuns() throws Exception {
    String url = "db://example";
    // README: begin
    Pool<Connection> pool = Pool.builder(Allocator.of(() -> Connection.open(url), Connection::close))
        .name("orders-db")
        .maxSize(10)
        .acquireTimeout(Duration.ofSeconds(5))
        .build();

    try (Lease<Connection> lease = pool.acquire()) {   // parks a virtual thread while the pool is full
      lease.get().query("select 1");
    }                                                    // close() gives the connection back
    String answer = pool.withLease(c -> c.query("select 2"));
    // README: end
    assertEquals("ok: select 2", answer);
    pool.closeAsync().get();
    assertEquals(1, Connection.closed);
  }
}
