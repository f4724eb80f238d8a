package dev.poolkit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * An acquire waiting for capacity: a node of the {@link WaitQueue}.
 *
 * <p>Its outcome is decided by one CAS on {@link #state}, so a hand-off and a cancel (timeout,
 * interrupt, future cancel) can race safely: whoever loses knows it, and the party that won a
 * slot it cannot use gives it back (SEMANTICS L-1).
 *
 * <pre>
 *   WAITING --tryAssign (hand-off, under the queue lock)--> ASSIGNED   slot now owned by the waiter
 *   WAITING --tryFail (close, under the queue lock)-------> FAILED     failure set
 *   WAITING --tryCancel (the waiter itself, any thread)---> CANCELLED  then unlinked
 *
 *   blocking waiters of an unordered pool only (barging, see SlotPool):
 *   WAITING --tryWake (a releaser, under the queue lock)--> WOKEN      stays linked, not counted
 *   WOKEN   --tryRearm (the waiter, under the queue lock)--> WAITING   found nothing: waits again
 *   WOKEN   --tryLeave (the waiter itself)-----------------> CANCELLED then unlinked, wake-up re-passed
 *   WOKEN   --tryFail (close, under the queue lock)--------> FAILED
 *   WOKEN   --tryAssignWoken (hand-off, under the lock)----> ASSIGNED  only once past the window
 * </pre>
 *
 * A WOKEN waiter inside the barging window is never handed a slot: it looks for objects itself.
 */
abstract class Waiter<T> {
  static final int WAITING = 0;
  static final int ASSIGNED = 1;
  static final int CANCELLED = 2;
  static final int FAILED = 3;
  static final int WOKEN = 4;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  volatile int state;
  /** The owned slot handed over; written before the CAS to ASSIGNED publishes it. */
  @Nullable Slot<T> slot;
  /** Why it failed; written before the CAS to FAILED publishes it. */
  @Nullable RuntimeException failure;

  // Queue links, guarded by the queue lock.
  @Nullable Waiter<T> prev;
  @Nullable Waiter<T> next;
  boolean linked;
  /** How the queue counts it in its signal; guarded by the queue lock. */
  byte mark;

  final boolean tryAssign(@Nullable Slot<T> s) {
    slot = s;
    return STATE.compareAndSet(this, WAITING, ASSIGNED);
  }

  final boolean tryFail(RuntimeException e) {
    failure = e;
    return STATE.compareAndSet(this, WAITING, FAILED) || STATE.compareAndSet(this, WOKEN, FAILED);
  }

  final boolean tryCancel() {
    return STATE.compareAndSet(this, WAITING, CANCELLED);
  }

  /** Hands a slot to a WOKEN waiter that waited too long to race for one. */
  final boolean tryAssignWoken(@Nullable Slot<T> s) {
    slot = s;
    return STATE.compareAndSet(this, WOKEN, ASSIGNED);
  }

  final boolean tryWake() {
    return STATE.compareAndSet(this, WAITING, WOKEN);
  }

  final boolean tryRearm() {
    return STATE.compareAndSet(this, WOKEN, WAITING);
  }

  /**
   * Cancels the waiter if it still waits, WOKEN or not.
   *
   * @return the state it left ({@link #WAITING} or {@link #WOKEN}), or -1 if its outcome was
   *     decided already
   */
  final int tryLeave() {
    if (STATE.compareAndSet(this, WAITING, CANCELLED)) {
      return WAITING;
    }
    if (STATE.compareAndSet(this, WOKEN, CANCELLED)) {
      return WOKEN;
    }
    return -1;
  }

  /** Called after a successful {@link #tryAssign}, outside every lock. */
  abstract void onAssigned();

  /** Called after a successful {@link #tryFail}, outside every lock. */
  abstract void onFailed();
}
