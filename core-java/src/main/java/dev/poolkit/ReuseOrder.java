package dev.poolkit;

/** Which idle object an acquire takes when several are idle. */
public enum ReuseOrder {
  /**
   * Whichever idle object is quickest to take (the default). Each thread first tries a slot
   * chosen from its thread id, then scans: no shared structure is touched on the fast path.
   */
  ANY,
  /**
   * The object released longest ago (Poco's and pywebtransport's order): spreads use evenly over
   * all objects. Costs a lock on every acquire and release.
   */
  FIFO,
  /**
   * The object released most recently: keeps a small working set warm and lets the rest reach
   * their idle timeout, so the pool shrinks when load drops. Costs a lock on every acquire and
   * release.
   */
  LIFO
}
