package dev.poolkit.webtransport;

/**
 * A snapshot of the connections under a {@link SessionPool}: how many were opened, closed and
 * reused for further sessions. At rest {@code open == created - closed}.
 *
 * <pre>{@code
 * ConnectionStats c = sessionPool.connectionStats();
 * System.out.printf("connections: %d created, %d sessions on reused ones%n", c.created(), c.reused());
 * }</pre>
 *
 * @param open connections made and not yet closed by the pool (dead ones included until their
 *     last session is disposed)
 * @param connecting connects under way
 * @param created connections opened
 * @param closed connections closed (each when its last session was disposed)
 * @param connectFailures connects that failed
 * @param reused sessions placed on a connection that already existed
 */
public record ConnectionStats(
    int open, int connecting, long created, long closed, long connectFailures, long reused) {}
