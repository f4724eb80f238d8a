package dev.poolkit;

/**
 * A snapshot of a pool's counters (Poco's {@code capacity/allocated/used/idle/available/dead},
 * ClickHouse's {@code created/reused/expired}).
 *
 * <p>The gauges ({@code allocated}, {@code idle}, {@code inUse}, {@code creating}) are read in one
 * pass over the pool's slots, so {@code allocated == idle + inUse + creating} holds in every
 * snapshot; at rest {@code creating} is 0. Counters only grow; at rest {@code allocated == created -
 * destroyed}. A snapshot taken while other threads work is not atomic across fields.
 *
 * @param name the pool's name
 * @param capacity the maximum number of objects ({@code maxSize})
 * @param allocated objects that exist: idle, leased, or being created, checked or destroyed
 * @param idle objects ready to be leased
 * @param inUse objects leased to a borrower (Poco's {@code used})
 * @param creating capacity held by work in progress: an object being created, reset, checked or
 *     destroyed
 * @param pending acquires waiting for capacity
 * @param available {@code capacity - inUse} while open (Poco: idle plus room to create), 0 once
 *     closed
 * @param acquired leases handed out since the pool was built
 * @param reused leases served by an object that already existed
 * @param created objects {@link Allocator#create()} returned
 * @param destroyed objects given to {@link Allocator#destroy(Object)}
 * @param timeouts acquires that reached their deadline
 * @param exhausted acquires rejected at once: zero timeout, or {@code maxPending} reached
 * @param createFailures {@link Allocator#create()} calls that threw or returned {@code null}
 * @param destroyFailures {@link Allocator#destroy(Object)} calls that threw
 * @param dead objects destroyed because {@link Allocator#isAlive(Object)} said no, or {@link
 *     Allocator#reset(Object)} threw (Poco's dead sessions, counted as they are purged)
 * @param expired objects destroyed for age (idle timeout, max lifetime), or, in a keyed pool, to
 *     make room for another key
 * @param invalidated objects destroyed through {@link Lease#invalidate()}
 * @param closed whether {@code close} was called
 */
public record PoolStats(
    String name,
    int capacity,
    int allocated,
    int idle,
    int inUse,
    int creating,
    int pending,
    int available,
    long acquired,
    long reused,
    long created,
    long destroyed,
    long timeouts,
    long exhausted,
    long createFailures,
    long destroyFailures,
    long dead,
    long expired,
    long invalidated,
    boolean closed) {

  /** Poco's spelling of {@link #inUse()}. */
  public int used() {
    return inUse;
  }
}
