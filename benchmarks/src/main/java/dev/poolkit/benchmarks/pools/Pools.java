package dev.poolkit.benchmarks.pools;

import dev.poolkit.ReuseOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The pool variants, by the names the benchmarks' {@code pool} parameter uses. Every pool is
 * opened full: all its objects made before the first measured acquire.
 */
public final class Pools {
  public static final String POOLKIT = "poolkit";
  public static final String POOLKIT_FIFO = "poolkit-fifo";
  public static final String POOLKIT_LIFO = "poolkit-lifo";
  public static final String STORMPOT = "stormpot";
  public static final String STORMPOT_VT = "stormpot-vt";
  public static final String COMMONS_POOL2 = "commons-pool2";
  public static final String VIBUR = "vibur";
  public static final String HIKARI_BAG = "hikari-bag";
  public static final String SEMAPHORE_DEQUE = "semaphore-deque";

  /**
   * Not a pool: the blocking-hold scenarios' baseline, the hold alone on as many threads as the
   * pool has objects.
   */
  public static final String NO_POOL = "none";

  /** Every variant, in report order: Poolkit's first, then the peers. */
  public static final List<String> ALL =
      List.of(
          POOLKIT,
          POOLKIT_FIFO,
          POOLKIT_LIFO,
          STORMPOT,
          STORMPOT_VT,
          COMMONS_POOL2,
          VIBUR,
          HIKARI_BAG,
          SEMAPHORE_DEQUE);

  private Pools() {}

  /** Whether {@code name} is one of Poolkit's own variants rather than a peer. */
  public static boolean isPoolkit(String name) {
    return name.startsWith(POOLKIT);
  }

  /** Whether {@code name} is a peer pool: neither Poolkit's own nor the no-pool baseline. */
  public static boolean isPeer(String name) {
    return !isPoolkit(name) && !name.equals(NO_POOL);
  }

  /** What a variant is, for reports. */
  public static String describe(String name) {
    return switch (name) {
      case POOLKIT -> "Poolkit, ReuseOrder.ANY (default)";
      case POOLKIT_FIFO -> "Poolkit, ReuseOrder.FIFO";
      case POOLKIT_LIFO -> "Poolkit, ReuseOrder.LIFO";
      case STORMPOT -> "Stormpot 4.1, getThreadSafeTap() (ThreadLocal cache)";
      case STORMPOT_VT -> "Stormpot 4.1, getVirtualThreadSafeTap()";
      case COMMONS_POOL2 -> "Commons Pool 2.12.1 GenericObjectPool";
      case VIBUR -> "Vibur object pool 26.0 ConcurrentPool";
      case HIKARI_BAG -> "HikariCP 6.2.1 ConcurrentBag";
      case SEMAPHORE_DEQUE -> "Semaphore + ConcurrentLinkedDeque";
      case NO_POOL -> "No pool: the hold alone, one thread per object (the ceiling)";
      case "cas-cas" -> "CAS + CAS (Poolkit's fast path)";
      case "cas-volatile" -> "CAS + volatile store (a release without CAS that still looks for waiters)";
      case "cas-lazyset" -> "CAS + lazySet (Stormpot's tap)";
      default -> name;
    };
  }

  /** A short label, for charts. */
  public static String label(String name) {
    return switch (name) {
      case POOLKIT -> "Poolkit";
      case POOLKIT_FIFO -> "Poolkit FIFO";
      case POOLKIT_LIFO -> "Poolkit LIFO";
      case STORMPOT -> "Stormpot (thread-safe tap)";
      case STORMPOT_VT -> "Stormpot (VT-safe tap)";
      case COMMONS_POOL2 -> "Commons Pool 2";
      case VIBUR -> "Vibur";
      case HIKARI_BAG -> "HikariCP ConcurrentBag";
      case SEMAPHORE_DEQUE -> "Semaphore + deque";
      case NO_POOL -> "No pool (hold only)";
      case "cas-cas" -> "CAS + CAS";
      case "cas-volatile" -> "CAS + volatile store";
      case "cas-lazyset" -> "CAS + lazySet";
      default -> name;
    };
  }

  /** Opens variant {@code name} with {@code size} objects, all made and idle. */
  @SuppressWarnings("unchecked")
  public static BenchPool<Object> open(String name, int size) throws Exception {
    BenchPool<?> pool =
        switch (name) {
          case POOLKIT -> new PoolkitPool(size, ReuseOrder.ANY);
          case POOLKIT_FIFO -> new PoolkitPool(size, ReuseOrder.FIFO);
          case POOLKIT_LIFO -> new PoolkitPool(size, ReuseOrder.LIFO);
          case STORMPOT -> new StormpotPool(size, false);
          case STORMPOT_VT -> new StormpotPool(size, true);
          case COMMONS_POOL2 -> new CommonsPool2Pool(size);
          case VIBUR -> new ViburPool(size);
          case HIKARI_BAG -> new HikariBagPool(size);
          case SEMAPHORE_DEQUE -> new SemaphoreDequePool(size);
          default -> throw new IllegalArgumentException("unknown pool " + name + "; known: " + ALL);
        };
    BenchPool<Object> open = (BenchPool<Object>) pool;
    fill(open, size);
    return open;
  }

  /** Takes every object once (making the lazy pools create them), then gives them all back. */
  private static void fill(BenchPool<Object> pool, int size) throws Exception {
    List<Object> held = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      held.add(pool.acquire());
    }
    for (Object handle : held) {
      pool.release(handle);
    }
  }
}
