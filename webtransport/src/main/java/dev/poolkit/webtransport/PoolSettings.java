package dev.poolkit.webtransport;

import dev.poolkit.PoolBuilder;
import dev.poolkit.ReuseOrder;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The core pool settings the WebTransport pool builders share; unset ones keep the core's defaults. */
final class PoolSettings {
  @Nullable String name;
  int maxSize;
  @Nullable Duration acquireTimeout;
  @Nullable Duration idleTimeout;
  @Nullable Duration maxLifetime;
  @Nullable ReuseOrder reuseOrder;

  PoolSettings(int maxSize) {
    this.maxSize = maxSize;
  }

  void name(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) throw new IllegalArgumentException("name must not be blank");
    this.name = name;
  }

  void maxSize(int maxSize) {
    if (maxSize < 1) throw new IllegalArgumentException("maxSize must be >= 1, was " + maxSize); // PY-1
    this.maxSize = maxSize;
  }

  void acquireTimeout(Duration d) { this.acquireTimeout = nonNegative("acquireTimeout", d); }

  void idleTimeout(Duration d) { this.idleTimeout = nonNegative("idleTimeout", d); }

  void maxLifetime(Duration d) { this.maxLifetime = nonNegative("maxLifetime", d); }

  void reuseOrder(ReuseOrder order) { this.reuseOrder = Objects.requireNonNull(order, "reuseOrder"); }

  <T> PoolBuilder<T> applyTo(PoolBuilder<T> b, String defaultName) {
    b.name(name != null ? name : defaultName).maxSize(maxSize);
    if (acquireTimeout != null) b.acquireTimeout(acquireTimeout);
    if (idleTimeout != null) b.idleTimeout(idleTimeout);
    if (maxLifetime != null) b.maxLifetime(maxLifetime);
    if (reuseOrder != null) b.reuseOrder(reuseOrder);
    return b;
  }

  static Duration nonNegative(String parameter, Duration d) {
    Objects.requireNonNull(d, parameter);
    if (d.isNegative()) throw new IllegalArgumentException(parameter + " must not be negative, was " + d);
    return d;
  }
}
