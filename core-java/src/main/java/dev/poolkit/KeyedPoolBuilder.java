package dev.poolkit;

import dev.poolkit.internal.KeyedSlotPools;
import dev.poolkit.internal.PoolConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Configures a {@link KeyedPool}. The per-key settings are those of {@link PoolBuilder}, applied
 * to each key's pool.
 *
 * @param <K> the key type
 * @param <T> the pooled type
 */
public final class KeyedPoolBuilder<K, T> {
  private final Function<? super K, ? extends Allocator<T>> allocators;
  private final PoolBuilder<T> perKey;
  private String name = "keyed";
  private ToIntFunction<? super K> maxSizePerKey = key -> 8;
  private int maxTotal = Integer.MAX_VALUE;
  private Duration idlePoolTimeout = Duration.ofMinutes(5);

  KeyedPoolBuilder(Function<? super K, ? extends Allocator<T>> allocators) {
    this.allocators = Objects.requireNonNull(allocators, "allocators must not be null");
    this.perKey = new PoolBuilder<>(() -> {
      throw new IllegalStateException("template allocator");
    });
  }

  /** The keyed pool's name. Default {@code keyed}. */
  public KeyedPoolBuilder<K, T> name(String name) {
    perKey.name(name); // validates
    this.name = name;
    return this;
  }

  /** The same maximum for every key. Default 8; 1 to {@link Pool#MAX_SIZE}. */
  public KeyedPoolBuilder<K, T> maxSizePerKey(int maxSizePerKey) {
    PoolConfig.checkSize("maxSizePerKey", maxSizePerKey);
    this.maxSizePerKey = key -> maxSizePerKey;
    return this;
  }

  /**
   * A maximum that depends on the key, asked once when the key's pool is made (CH-B4: not fixed
   * by whichever caller came first). A key's pool holds {@code min(maxSizePerKey(key), maxTotal)}
   * objects at most; a result below 1, or a size above {@link Pool#MAX_SIZE}, fails that key's
   * acquire with an {@link IllegalArgumentException} naming {@code maxSizePerKey}.
   */
  public KeyedPoolBuilder<K, T> maxSizePerKey(ToIntFunction<? super K> maxSizePerKey) {
    this.maxSizePerKey = Objects.requireNonNull(maxSizePerKey, "maxSizePerKey must not be null");
    return this;
  }

  /** The most objects across all keys. Default: no global limit. */
  public KeyedPoolBuilder<K, T> maxTotal(int maxTotal) {
    if (maxTotal < 1) {
      throw new IllegalArgumentException("maxTotal must be at least 1, was " + maxTotal);
    }
    this.maxTotal = maxTotal;
    return this;
  }

  /**
   * How long a key's pool may hold no objects before it is dropped (CH-6); a later acquire for the
   * key makes a new one. {@link Duration#ZERO} keeps pools for ever. Default 5 minutes.
   */
  public KeyedPoolBuilder<K, T> idlePoolTimeout(Duration idlePoolTimeout) {
    Objects.requireNonNull(idlePoolTimeout, "idlePoolTimeout must not be null");
    if (idlePoolTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "idlePoolTimeout must not be negative, was " + idlePoolTimeout);
    }
    this.idlePoolTimeout = idlePoolTimeout;
    return this;
  }

  /** @see PoolBuilder#idleTimeout(Duration) */
  public KeyedPoolBuilder<K, T> idleTimeout(Duration idleTimeout) {
    perKey.idleTimeout(idleTimeout);
    return this;
  }

  /** @see PoolBuilder#maxLifetime(Duration) */
  public KeyedPoolBuilder<K, T> maxLifetime(Duration maxLifetime) {
    perKey.maxLifetime(maxLifetime);
    return this;
  }

  /** @see PoolBuilder#acquireTimeout(Duration) */
  public KeyedPoolBuilder<K, T> acquireTimeout(Duration acquireTimeout) {
    perKey.acquireTimeout(acquireTimeout);
    return this;
  }

  /** @see PoolBuilder#reuseOrder(ReuseOrder) */
  public KeyedPoolBuilder<K, T> reuseOrder(ReuseOrder reuseOrder) {
    perKey.reuseOrder(reuseOrder);
    return this;
  }

  /** The most acquires that may wait for one key. @see PoolBuilder#maxPending(int) */
  public KeyedPoolBuilder<K, T> maxPending(int maxPending) {
    perKey.maxPending(maxPending);
    return this;
  }

  public KeyedPool<K, T> build() {
    return new KeyedSlotPools<>(
        name, allocators, maxSizePerKey, maxTotal, idlePoolTimeout, perKey.config());
  }
}
