package dev.poolkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Pools by name (Poco's {@code SessionPoolContainer}, PO-11). Thread-safe.
 *
 * {@snippet class=dev.poolkit.JavadocExamplesTest region=registry}
 */
public final class PoolRegistry implements AutoCloseable {
  private final Map<String, Pool<?>> pools = new ConcurrentHashMap<>();

  /** An empty registry. */
  public PoolRegistry() {}

  /**
   * Registers {@code pool} under its {@link Pool#name()}.
   *
   * @throws IllegalArgumentException if a pool with that name is registered already; nothing
   *     changes
   */
  public <T> Pool<T> add(Pool<T> pool) {
    Objects.requireNonNull(pool, "pool must not be null");
    Pool<?> previous = pools.putIfAbsent(pool.name(), pool);
    if (previous != null) {
      throw new IllegalArgumentException(
          "a pool named '" + pool.name() + "' is registered already");
    }
    return pool;
  }

  /**
   * The pool registered as {@code name}.
   *
   * @throws NoSuchElementException if none is, naming the names that are
   */
  public Pool<?> get(String name) {
    Pool<?> pool = find(name);
    if (pool == null) {
      throw new NoSuchElementException(
          "no pool named '" + name + "'; registered: " + new TreeSet<>(pools.keySet()));
    }
    return pool;
  }

  /** The pool registered as {@code name}, or {@code null}. */
  public @Nullable Pool<?> find(String name) {
    return pools.get(Objects.requireNonNull(name, "name must not be null"));
  }

  /** Whether a pool is registered as {@code name}. */
  public boolean has(String name) {
    return find(name) != null;
  }

  /** Unregisters and returns the pool named {@code name} (without closing it), or {@code null}. */
  public @Nullable Pool<?> remove(String name) {
    return pools.remove(Objects.requireNonNull(name, "name must not be null"));
  }

  /** The registered names, sorted. */
  public Set<String> names() {
    return new TreeSet<>(pools.keySet());
  }

  /** Closes and unregisters every pool. A failing close does not stop the others; it is rethrown. */
  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (String name : names()) {
      Pool<?> pool = pools.remove(name);
      if (pool != null) {
        try {
          pool.close();
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}
