package dev.poolkit;

import dev.poolkit.internal.PoolConfig;
import dev.poolkit.internal.SlotPool;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Configures and builds a {@link Pool}. Every setter checks its argument at once and names the
 * parameter in the {@link IllegalArgumentException}; {@link #build()} checks how they fit together.
 * A builder is not thread-safe; it can build several independent pools.
 *
 * @param <T> the pooled type
 */
public final class PoolBuilder<T> {
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

  private final Allocator<T> allocator;
  private @Nullable String name;
  private int maxSize = 10;
  private int minIdle = 0;
  private boolean prefill = false;
  private Duration idleTimeout = Duration.ofMinutes(1);
  private Duration maxLifetime = Duration.ZERO;
  private Duration acquireTimeout = Duration.ofSeconds(30);
  private @Nullable Duration housekeepingInterval;
  private ReuseOrder reuseOrder = ReuseOrder.ANY;
  private int maxPending = Integer.MAX_VALUE;
  private @Nullable Consumer<? super T> onCreate;
  private @Nullable Executor asyncExecutor;

  PoolBuilder(Allocator<T> allocator) {
    this.allocator = Objects.requireNonNull(allocator, "allocator must not be null");
  }

  /** The name used in exception messages, stats and thread names. Default: {@code pool-N}. */
  public PoolBuilder<T> name(String name) {
    Objects.requireNonNull(name, "name must not be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    this.name = name;
    return this;
  }

  /**
   * The most objects that may exist at once: idle, leased or being created. Default 10; 1 to
   * {@link Pool#MAX_SIZE}.
   */
  public PoolBuilder<T> maxSize(int maxSize) {
    PoolConfig.checkSize("maxSize", maxSize);
    this.maxSize = maxSize;
    return this;
  }

  /**
   * Objects the pool keeps: idle eviction never goes below this many, and housekeeping creates
   * objects in the background (backing off after failures) until this many exist. Default 0.
   */
  public PoolBuilder<T> minIdle(int minIdle) {
    if (minIdle < 0) {
      throw new IllegalArgumentException("minIdle must not be negative, was " + minIdle);
    }
    this.minIdle = minIdle;
    return this;
  }

  /**
   * When {@code true}, {@link #build()} creates {@code minIdle} objects before it returns and fails
   * with {@link PoolCreateException} if one cannot be created. Default {@code false}: they are
   * created in the background.
   */
  public PoolBuilder<T> prefill(boolean prefill) {
    this.prefill = prefill;
    return this;
  }

  /**
   * How long an object may stay idle before housekeeping destroys it (while more than {@code
   * minIdle} exist). Checked every quarter of this (Poco's janitor), so an object goes after
   * between 1 and 1.25 times the timeout. {@link Duration#ZERO} turns idle eviction off. Default 1
   * minute.
   */
  public PoolBuilder<T> idleTimeout(Duration idleTimeout) {
    this.idleTimeout = nonNegative(idleTimeout, "idleTimeout");
    return this;
  }

  /**
   * The longest an object lives from its creation. Each object gets a lifetime between 90% and 100%
   * of this, so objects made together do not all expire together. An idle object past its lifetime
   * is not handed out; a leased one is destroyed when released. {@link Duration#ZERO} (the default)
   * means no limit.
   */
  public PoolBuilder<T> maxLifetime(Duration maxLifetime) {
    this.maxLifetime = nonNegative(maxLifetime, "maxLifetime");
    return this;
  }

  /**
   * The wait of {@link Pool#acquire()}, {@link Pool#acquireAsync()} and {@link
   * Pool#withLease(LeaseBody)}. {@link Duration#ZERO} makes them fail fast with {@link
   * PoolExhaustedException} (Poco's {@code get()}). Default 30 seconds.
   */
  public PoolBuilder<T> acquireTimeout(Duration acquireTimeout) {
    this.acquireTimeout = nonNegative(acquireTimeout, "acquireTimeout");
    return this;
  }

  /**
   * How often housekeeping runs. Default: a quarter of {@code idleTimeout}, a tenth of {@code
   * maxLifetime}, at most 30 seconds, at least 10 milliseconds.
   */
  public PoolBuilder<T> housekeepingInterval(Duration interval) {
    Objects.requireNonNull(interval, "housekeepingInterval must not be null");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("housekeepingInterval must be positive, was " + interval);
    }
    this.housekeepingInterval = interval;
    return this;
  }

  /** Which idle object is reused first. Default {@link ReuseOrder#ANY}, the fastest. */
  public PoolBuilder<T> reuseOrder(ReuseOrder reuseOrder) {
    this.reuseOrder = Objects.requireNonNull(reuseOrder, "reuseOrder must not be null");
    return this;
  }

  /**
   * The most acquires that may wait at once; one more fails at once with {@link
   * PoolExhaustedException}. Default: no bound.
   */
  public PoolBuilder<T> maxPending(int maxPending) {
    if (maxPending < 0) {
      throw new IllegalArgumentException("maxPending must not be negative, was " + maxPending);
    }
    this.maxPending = maxPending;
    return this;
  }

  /**
   * A hook run on every newly created object before its first lease (Poco's {@code
   * customizeSession}). If it throws, the object is destroyed and the creation fails.
   */
  public PoolBuilder<T> onCreate(Consumer<? super T> onCreate) {
    this.onCreate = Objects.requireNonNull(onCreate, "onCreate must not be null");
    return this;
  }

  /**
   * Where futures from {@link Pool#acquireAsync()} are completed when a waiter is served, and where
   * asynchronous acquires create objects. Default: a new virtual thread per task.
   */
  public PoolBuilder<T> asyncExecutor(Executor executor) {
    this.asyncExecutor = Objects.requireNonNull(executor, "asyncExecutor must not be null");
    return this;
  }

  /**
   * Builds the pool and starts its housekeeping.
   *
   * @throws IllegalArgumentException if {@code minIdle > maxSize}
   * @throws PoolCreateException if {@link #prefill(boolean)} is on and a creation failed
   */
  public Pool<T> build() {
    return SlotPool.start(config());
  }

  /** The validated configuration; the template of a keyed pool's per-key pools. */
  PoolConfig<T> config() {
    if (minIdle > maxSize) {
      throw new IllegalArgumentException(
          "minIdle (" + minIdle + ") must not exceed maxSize (" + maxSize + ")");
    }
    String poolName = name != null ? name : "pool-" + POOL_NUMBER.incrementAndGet();
    return new PoolConfig<>(
        poolName,
        allocator,
        maxSize,
        minIdle,
        prefill,
        saturatedNanos(idleTimeout),
        saturatedNanos(maxLifetime),
        saturatedNanos(acquireTimeout),
        housekeepingInterval == null ? 0 : saturatedNanos(housekeepingInterval),
        reuseOrder,
        maxPending,
        onCreate,
        asyncExecutor);
  }

  private static Duration nonNegative(Duration value, String parameter) {
    Objects.requireNonNull(value, parameter + " must not be null");
    if (value.isNegative()) {
      throw new IllegalArgumentException(parameter + " must not be negative, was " + value);
    }
    return value;
  }

  private static long saturatedNanos(Duration d) {
    return PoolConfig.saturatedNanos(d);
  }
}
