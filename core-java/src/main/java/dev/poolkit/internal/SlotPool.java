package dev.poolkit.internal;

import dev.poolkit.AcquireCallback;
import dev.poolkit.Allocator;
import dev.poolkit.Lease;
import dev.poolkit.LeaseBody;
import dev.poolkit.PendingAcquire;
import dev.poolkit.Pool;
import dev.poolkit.PoolClosedException;
import dev.poolkit.PoolCreateException;
import dev.poolkit.PoolExhaustedException;
import dev.poolkit.PoolStats;
import dev.poolkit.PoolTimeoutException;
import dev.poolkit.ReuseOrder;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The pool: a fixed array of {@link Slot}s, one per unit of capacity, an {@link IdleStore} that
 * orders idle slots, and a {@link WaitQueue} for acquires that must wait.
 *
 * <p>Fast path (nothing waits): an acquire takes an idle slot with one CAS, a release gives it
 * back with one CAS and one volatile read. Slow path: an acquire that finds nothing idle and no
 * empty slot links a {@link Waiter}; every event that frees capacity hands it to the oldest waiter
 * directly ({@link #capacityFreed}), and so does every release in a FIFO or LIFO pool ({@link
 * #makeAvailable}). Allocator code always runs on the thread that owns the slot (state BUSY),
 * never under a lock.
 *
 * <h2>Bounded barging (ReuseOrder.ANY)</h2>
 *
 * Handing every released object to a parked waiter makes two threads sharing one object convoy:
 * each acquire parks, each release unparks, and the releasing thread, which wants the object again
 * at once, parks too. So in an unordered pool a release with waiters makes the object idle and
 * only wakes the oldest waiter, which then races for it with running threads (as Go's {@code
 * sync.Mutex} and barging {@code java.util.concurrent} locks do). A waiter that has waited {@link
 * WaitQueue#BARGE_WINDOW_NANOS} (1 ms) or longer, or an async waiter (it holds no thread to race
 * with), is handed objects directly as before, so no waiter waits much longer than the window
 * while objects are released (no starvation). Freed capacity (destroy, create failure) is always
 * handed directly. Ordered pools keep strict hand-off, so their reuse order stays exact.
 *
 * <p>A blocking waiter's states (see {@link Waiter}): WAITING (linked, parked or about to park,
 * counted in {@code queue.signal}'s low bits), WOKEN (linked, keeps its place, flagged by {@code
 * WOKEN_BIT} but not counted: it is running and owns the <em>wake-up token</em>), then ASSIGNED,
 * CANCELLED or FAILED as before.
 *
 * <pre>
 *   releaser:  (1) make the object idle
 *              (2) read queue.signal. 0: done. Only WOKEN_BIT and the oldest woken waiter is
 *              inside the window: done (no lock). Else, under the queue lock, walk from the head:
 *              young WOKEN: skip; old WOKEN, or WAITING that may not barge: claim an idle object
 *              and assign it; young blocking WAITING: WAITING to WOKEN, unpark it
 *   waiter:    (a) link / re-arm (counted)  (b) scan for an idle object or empty slot; park if none
 *   WOKEN waiter: scan; found one: leave the queue and re-pass the token; found none: re-arm
 *              (WOKEN to WAITING, at its old place) and scan once more; then park
 * </pre>
 *
 * The token is consumed only by a waiter that re-arms and scans again, or that leaves the queue and
 * re-passes it ({@link #repass}: if anyone is WAITING, claim an idle object and make it available
 * again, i.e. steps 1 and 2), or by a hand-off to it once it is old. Why no wake-up is lost (an
 * idle object never sits beside a parked WAITING waiter with nobody on the way to it); all the
 * writes and reads below are volatile or CAS, hence in one total order:
 *
 * <ul>
 *   <li>Release versus link or re-arm: the releaser writes (1) then reads (2), the waiter writes
 *       (a) then reads (b). Either (2) sees the waiter counted and acts on the oldest waiter that
 *       needs something, or (b) sees the idle object (or it was taken, and its taker's release
 *       repeats 1-2). The object is idle <em>before</em> a waiter is woken, so a woken waiter
 *       that re-arms and scans after being woken cannot miss it.
 *   <li>Release while the only linked waiters are young and WOKEN: (2) does nothing (the fast
 *       path does not even lock). Each of them re-arms after that release's (1) or scans after it,
 *       so it sees the object unless someone took it.
 *   <li>Two releases, one woken waiter: the second release acts on the next WAITING waiter, so
 *       every idle-making event with someone WAITING wakes or serves one waiter.
 *   <li>A woken waiter takes an object other than the one it was woken for (found by its own
 *       scan), times out, or is interrupted: it leaves from WOKEN and re-passes, so the object it
 *       was woken for reaches the next WAITING waiter (if still idle).
 *   <li>Wake versus cancel (timeout, interrupt): decided by one CAS on the waiter's state; a
 *       cancelled waiter is skipped (unlinked) and (2) moves on to the next one. A WOKEN waiter
 *       that cancels re-passes (above).
 *   <li>A woken waiter that cannot run (a virtual thread whose carriers are all held by threads
 *       re-taking objects without ever blocking): once it is past the window, releases see {@code
 *       wokenSince} old, take the lock and hand it an object directly. Likewise a thread that
 *       must wait for the queue lock (to link, to close) while such threads keep the carriers: it
 *       counts itself in {@code queue.contenders}, and every release that sees it passes through
 *       the fair lock behind it (a virtual thread unmounts there), so it gets in. Without these,
 *       threads that never block could keep the carriers and the objects for ever while a woken
 *       waiter, a linking waiter or {@code close()} stays stuck.
 *   <li>A woken waiter's scan finds an object but a close or an old-age hand-off decided its
 *       outcome first: its leave CAS fails and it gives the found object back through the ordinary
 *       release, which repeats 1-2 or destroys it if closed.
 *   <li>close: fails WAITING and WOKEN waiters alike under the queue lock, then destroys idle
 *       objects; a dispatch that finds the queue closed destroys idle objects itself (its object
 *       may have become idle after close's scan).
 * </ul>
 */
public final class SlotPool<T> implements Pool<T> {
  private static final System.Logger LOG = System.getLogger("dev.poolkit");
  /** Deadlines further away than this (about 73 years) are "for ever". */
  static final long FOREVER = Long.MAX_VALUE >>> 2;

  private final PoolConfig<T> config;
  private final String name;
  private final Allocator<T> allocator;
  private final Slot<T>[] slots;
  private final IdleStore<T> store;
  final WaitQueue<T> queue = new WaitQueue<>();
  private final Counters counters = new Counters();
  private final CapacityGate gate;
  private final boolean hasIsAlive;
  private final boolean hasReset;
  private final boolean checkOnTake;
  private final boolean checkOnRelease;
  /** Whether releases let running threads barge in ahead of young waiters (unordered pools). */
  private final boolean barging;
  private final long lifetime;
  private final Executor asyncExecutor;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  /** Spreads lifetimes (see {@link #jitteredLifetime()}). */
  private final java.util.concurrent.atomic.AtomicLong jitterSeed =
      new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
  /** The highest {@code reused} reported so far (see {@link #stats()}). */
  private final java.util.concurrent.atomic.AtomicLong reusedFloor =
      new java.util.concurrent.atomic.AtomicLong();
  /** Threads running an acquire callback of this pool right now (see CallbackWaiter). */
  final java.util.Set<Thread> inCallback = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final @Nullable Housekeeper<T> housekeeper;
  /** The keyed pool this pool serves a key of, if any; set before the pool is published. */
  @Nullable Object owner;

  /** Builds, prefills if asked, and starts housekeeping. */
  public static <T> SlotPool<T> start(PoolConfig<T> config) {
    return start(config, CapacityGate.NONE);
  }

  static <T> SlotPool<T> start(PoolConfig<T> config, CapacityGate gate) {
    SlotPool<T> pool = new SlotPool<>(config, gate);
    if (config.prefill() && config.minIdle() > 0) {
      try {
        pool.prefill(config.minIdle());
      } catch (RuntimeException | Error e) {
        pool.close();
        throw e;
      }
    }
    if (pool.housekeeper != null) {
      pool.housekeeper.start();
    }
    return pool;
  }

  @SuppressWarnings("unchecked")
  private SlotPool(PoolConfig<T> config, CapacityGate gate) {
    this.config = config;
    this.name = config.name();
    this.allocator = config.allocator();
    this.gate = gate;
    this.slots = (Slot<T>[]) new Slot<?>[config.maxSize()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = new Slot<>(i);
    }
    this.store = IdleStore.create(config.reuseOrder(), slots);
    this.barging = config.reuseOrder() == ReuseOrder.ANY;
    this.hasIsAlive = overrides(allocator, "isAlive");
    this.hasReset = overrides(allocator, "reset");
    this.lifetime = config.maxLifetimeNanos();
    this.checkOnTake = hasIsAlive || lifetime > 0;
    // A shared limit needs every release to ask whether another key waits for room.
    this.checkOnRelease = hasIsAlive || hasReset || lifetime > 0 || gate != CapacityGate.NONE;
    Executor executor = config.asyncExecutor();
    if (executor == null) {
      // Unnamed: naming a thread per hand-off cost 5% of an async acquire's CPU.
      ThreadFactory virtual = Thread.ofVirtual().factory();
      executor = task -> virtual.newThread(task).start();
    }
    this.asyncExecutor = executor;
    this.housekeeper = Housekeeper.isNeeded(config, hasIsAlive) ? new Housekeeper<>(this, config, hasIsAlive) : null;
  }

  private static boolean overrides(Allocator<?> allocator, String method) {
    try {
      return allocator.getClass().getMethod(method, Object.class).getDeclaringClass()
          != Allocator.class;
    } catch (NoSuchMethodException e) {
      return true;
    }
  }

  // ---------------------------------------------------------------- acquire

  @Override
  public String name() {
    return name;
  }

  @Override
  public Duration acquireTimeout() {
    return Duration.ofNanos(config.acquireTimeoutNanos());
  }

  @Override
  public Lease<T> acquire() throws InterruptedException {
    return acquireNanos(config.acquireTimeoutNanos());
  }

  @Override
  public Lease<T> acquire(Duration timeout) throws InterruptedException {
    return acquireNanos(timeoutNanos(timeout));
  }

  private Lease<T> acquireNanos(long nanos) throws InterruptedException {
    if (queue.isClosed()) {
      throw closedException();
    }
    int hint = hint();
    Lease<T> lease = takeIdle(hint);
    if (lease != null) {
      return lease;
    }
    Slot<T> empty = claimEmpty(hint);
    if (empty != null) {
      return createFor(empty, nanos > 0 ? System.nanoTime() : 0, nanos);
    }
    if (nanos <= 0) {
      counters.exhausted.increment();
      throw new PoolExhaustedException(
          name + ": all " + slots.length + " objects are in use and the acquire may not wait");
    }
    // CH-B1: the deadline counts from here, the call's first moment of waiting (reading the clock
    // earlier would cost the fast path a third of its time; a create bounds itself, see createFor).
    return await(System.nanoTime(), nanos);
  }

  @Override
  public @Nullable Lease<T> tryAcquire() {
    if (queue.isClosed()) {
      throw closedException();
    }
    int hint = hint();
    Lease<T> lease = takeIdle(hint);
    if (lease != null) {
      return lease;
    }
    Slot<T> empty = claimEmpty(hint);
    return empty == null ? null : createLease(empty);
  }

  private Lease<T> await(long start, long nanos) throws InterruptedException {
    BlockingWaiter<T> w = new BlockingWaiter<>(Thread.currentThread(), start);
    admit(w);
    boolean interrupted = false;
    // Look again now that we are linked: a release that ran before we linked did not see us.
    boolean look = true;
    while (true) {
      if (look) {
        look = false;
        Lease<T> lease = retryTake(w, start, nanos);
        if (lease != null) {
          return lease;
        }
        continue; // waiting again, or decided meanwhile
      }
      int state = w.state;
      if (state == Waiter.ASSIGNED) {
        Slot<T> s = Objects.requireNonNull(w.slot);
        if (interrupted) {
          giveBack(s);
          throw new InterruptedException(name + ": interrupted while waiting for an object");
        }
        return s.object == null ? createFor(s, start, nanos) : leaseOwned(s);
      }
      if (state == Waiter.FAILED) {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        throw closedException(); // fresh, so the stack trace is this thread's
      }
      if (interrupted || Thread.interrupted()) {
        interrupted = true;
        int left = w.tryLeave();
        if (left >= 0) {
          leave(w, left);
          throw new InterruptedException(name + ": interrupted while waiting for an object");
        }
        continue; // decided meanwhile: handle the outcome above
      }
      if (state == Waiter.WOKEN) {
        look = true; // an object was made idle for us to race for
        continue;
      }
      long left = nanos >= FOREVER ? FOREVER : nanos - (System.nanoTime() - start);
      if (left <= 0) {
        int from = w.tryLeave();
        if (from >= 0) {
          leave(w, from);
          counters.timeouts.increment();
          throw timeoutException(nanos);
        }
        continue;
      }
      LockSupport.parkNanos(this, left);
    }
  }

  /**
   * A linked blocking waiter looks for an idle object or free capacity itself: right after linking,
   * and after each wake-up. If it finds one it leaves the queue (re-passing a wake-up it held);
   * if it was WOKEN and finds nothing it re-arms (WAITING again, at its old place) and looks once
   * more, since releases that ran while it was WOKEN did not count it.
   *
   * @return the lease, or {@code null} if the waiter is WAITING again or its outcome was decided
   *     meanwhile (ASSIGNED or FAILED; what it found is given back)
   */
  private @Nullable Lease<T> retryTake(BlockingWaiter<T> w, long start, long nanos)
      throws InterruptedException {
    boolean rearmed = false;
    while (true) {
      // Claimed, not leased: if the waiter's outcome was decided meanwhile, the object goes back
      // without ever having been a lease, so stats never count (and uncount) a lease nobody got.
      Slot<T> idle = claimIdle();
      // Quietly: if close ran meanwhile, the caller's loop reports it; throwing here would strand
      // a slot handed to us in the meantime.
      Slot<T> empty = idle == null ? claimEmptyQuietly() : null;
      if (idle != null || empty != null) {
        int from = w.tryLeave();
        if (from >= 0) {
          leave(w, from);
          return idle != null
              ? leaseOwned(idle)
              : createFor(Objects.requireNonNull(empty), start, nanos);
        }
        giveBackFound(idle, empty); // we were handed a slot (or failed) meanwhile: keep that outcome
        return null;
      }
      if (rearmed || !queue.rearm(w)) {
        return null;
      }
      rearmed = true;
    }
  }

  /** Unlinks a waiter that withdrew from state {@code from}; a WOKEN one re-passes its wake-up. */
  private void leave(Waiter<T> w, int from) {
    queue.remove(w);
    if (from == Waiter.WOKEN) {
      repass();
    }
  }

  /**
   * A woken waiter leaves without re-arming: the object it was woken for may still be idle while
   * others wait unwoken, so it does what the releaser did (make idle, then look at the queue).
   */
  private void repass() {
    int signal = queue.signal;
    if (signal > 0 && WaitQueue.waitingIn(signal) > 0) {
      Slot<T> s = store.claimAny(hint());
      if (s != null) {
        makeAvailable(s);
      }
    }
  }

  private void admit(Waiter<T> w) {
    switch (queue.enqueue(w, config.maxPending())) {
      case LINKED -> {}
      case CLOSED -> throw closedException();
      case FULL -> {
        counters.exhausted.increment();
        throw new PoolExhaustedException(
            name + ": " + config.maxPending() + " acquires already wait (maxPending)");
      }
    }
  }

  /** Turns a slot handed to a waiter into its lease: a fresh lease, or a creation into it. */
  private Lease<T> leaseOwned(Slot<T> s) {
    if (s.object == null) {
      return createLease(s);
    }
    return new LeaseImpl<>(this, s, s.publishLease());
  }

  /** Gives back what a waiter found itself after its outcome was decided by someone else. */
  private void giveBackFound(@Nullable Slot<T> idle, @Nullable Slot<T> empty) {
    if (idle != null) {
      restoreIdle(idle); // never leased: it keeps its place in the reuse order
    } else {
      capacityFreed(Objects.requireNonNull(empty));
    }
  }

  /** Gives back a slot a waiter owns but will not use. */
  private void giveBack(Slot<T> s) {
    if (s.object == null) {
      capacityFreed(s);
    } else {
      makeAvailable(s);
    }
  }

  private @Nullable Lease<T> takeIdle(int hint) {
    if (checkOnTake) {
      // Checked before it becomes a lease: a lease is counted (by its generation) only once it is
      // handed out, so acquired and reused never count a take that failed its check (PoolStats).
      Slot<T> s = claimIdle();
      return s == null ? null : leaseOwned(s);
    }
    // The stamp comes from the take's CAS: re-reading the state instead could pick up a forced
    // close's BUSY state and make a lease that looks live while the close destroys its object.
    return store.take(hint, this);
  }

  /**
   * Claims an idle object that passes the take check (lifetime, health: PO-4, PY-B1) into
   * ownership (BUSY); objects that fail it are destroyed. {@code null} if none is idle.
   */
  private @Nullable Slot<T> claimIdle() {
    while (true) {
      Slot<T> s = store.claimAny(hint());
      if (s == null || !checkOnTake || passesTakeCheck(s)) {
        return s;
      }
    }
  }

  /** Checks an owned idle object; if it is expired or dead it is destroyed. */
  private boolean passesTakeCheck(Slot<T> s) {
    boolean expired = lifetime > 0 && System.nanoTime() - s.expiresAt >= 0;
    if (!expired && (!hasIsAlive || isAlive(s))) {
      return true;
    }
    (expired ? counters.expired : counters.dead).increment();
    retire(s);
    return false;
  }

  /** Claims an empty slot for a creation; {@code null} if the pool (or a shared limit) is full. */
  private @Nullable Slot<T> claimEmpty(int hint) {
    int i = hint;
    for (int n = slots.length; n > 0; n--) {
      Slot<T> s = slots[i];
      if (s.tryClaimEmpty()) {
        if (queue.isClosed()) { // close may have scanned past this slot already (PY-B5)
          s.publish(Slot.EMPTY);
          checkTerminated();
          throw closedException();
        }
        if (gate.tryReserve(this) || (gate.makeRoom(this) && gate.tryReserve(this))) {
          return s;
        }
        s.publish(Slot.EMPTY);
        return null;
      }
      if (++i == slots.length) {
        i = 0;
      }
    }
    return null;
  }

  /** Creates into an owned empty slot and leases it; on failure the capacity is given back. */
  private Lease<T> createLease(Slot<T> s) {
    createInto(s);
    return leaseCreated(s);
  }

  /** Leases an object just created into an owned slot (counted before the lease is published). */
  Lease<T> leaseCreated(Slot<T> s) {
    counters.createdForLease.increment();
    return new LeaseImpl<>(this, s, s.publishLease());
  }

  /**
   * Creates into an owned empty slot for a blocking acquire whose deadline counts from {@code
   * start}: on this thread if it has no deadline (zero: it never waits for capacity, only for its
   * own create; none: nothing to hold), else on a thread of its own, waited for up to the deadline.
   */
  private Lease<T> createFor(Slot<T> s, long start, long nanos) throws InterruptedException {
    return nanos > 0 && nanos < FOREVER ? createWithin(s, start, nanos) : createLease(s);
  }

  /**
   * Waits up to the deadline for a create running on its own thread (L-4: a create that hangs
   * never holds an acquire past its deadline). At the deadline, or on an interrupt, the acquire
   * gives up and the object, once created, goes to the pool ({@link BoundedCreate}).
   */
  private Lease<T> createWithin(Slot<T> s, long start, long nanos) throws InterruptedException {
    BoundedCreate<T> c = BoundedCreate.forThread(this, s, Thread.currentThread());
    // Its own virtual thread, not the async executor: that one delivers to async acquires only.
    Thread.ofVirtual().start(c);
    boolean interrupted = false;
    while (true) {
      if (c.state == BoundedCreate.DONE) {
        Throwable failure = c.failure;
        if (interrupted) { // the create finished first: give its object back, report the interrupt
          if (failure == null) {
            makeAvailable(s);
          }
          throw new InterruptedException(name + ": interrupted while an object was created for it");
        }
        if (failure != null) {
          throw createFailure(failure);
        }
        return leaseCreated(s);
      }
      if (!interrupted && Thread.interrupted()) {
        if (c.abandon()) {
          throw new InterruptedException(name + ": interrupted while an object was created for it");
        }
        interrupted = true;
        continue; // finished meanwhile
      }
      long left = nanos - (System.nanoTime() - start);
      if (left <= 0) {
        if (c.abandon()) {
          counters.timeouts.increment();
          throw createTimeoutException(nanos);
        }
        continue; // finished meanwhile
      }
      LockSupport.parkNanos(this, left);
    }
  }

  /** A create's failure, as the acquire that waited for it throws it. */
  private RuntimeException createFailure(Throwable failure) {
    if (failure instanceof PoolClosedException) {
      return closedException(); // fresh, so the stack trace is this thread's
    }
    if (failure instanceof RuntimeException e) {
      return e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return new PoolCreateException(name + ": could not create an object: " + failure, failure);
  }

  void logAbandonedCreateFailure(Throwable e) {
    LOG.log(System.Logger.Level.DEBUG, name + ": a create whose acquire gave up failed", e);
  }

  /** An async acquire's deadline passed while its object was created (on the timer thread). */
  void timedOutWhileCreating(AsyncWaiter<T> w, long nanos) {
    counters.timeouts.increment();
    PoolTimeoutException e = createTimeoutException(nanos);
    runAsync(() -> w.fail(e));
  }

  /**
   * Creates an object into an owned empty slot, outside every lock (PY-5, PO-B1, CH-B3). On
   * failure the capacity is given back first (PY-7, L-2) and a {@link PoolCreateException} thrown.
   */
  void createInto(Slot<T> s) {
    T object;
    try {
      object = allocator.create();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt(); // wrapped, not swallowed
      }
      counters.createFailures.increment();
      capacityFreed(s);
      throw new PoolCreateException(name + ": could not create an object: " + e, e);
    } catch (Error e) {
      counters.createFailures.increment();
      capacityFreed(s);
      throw e;
    }
    if (object == null) {
      counters.createFailures.increment();
      capacityFreed(s);
      throw new PoolCreateException(name + ": the allocator's create() returned null", null);
    }
    counters.created.increment();
    s.object = object;
    s.expiresAt = lifetime > 0 ? System.nanoTime() + jitteredLifetime() : 0;
    Consumer<? super T> hook = config.onCreate();
    if (hook != null) {
      try {
        hook.accept(object);
      } catch (Throwable e) { // a checked exception thrown undeclared (Kotlin, sneaky throw) too
        destroyOwned(s);
        capacityFreed(s);
        throw new PoolCreateException(name + ": the onCreate hook failed: " + e, e);
      }
    }
    if (queue.isClosed()) { // closed while creating: nothing made after close survives (PY-B5)
      destroyOwned(s);
      capacityFreed(s);
      throw closedException();
    }
  }

  private long jitteredLifetime() {
    // SplitMix64 over a per-pool counter: creations are rare, and no per-thread random state.
    long z = jitterSeed.addAndGet(0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    double unit = (z >>> 11) * 0x1.0p-53;
    return lifetime - (long) (unit * (lifetime / 10));
  }

  // ---------------------------------------------------------------- async acquire

  @Override
  public CompletableFuture<Lease<T>> acquireAsync() {
    return acquireAsyncNanos(config.acquireTimeoutNanos());
  }

  @Override
  public CompletableFuture<Lease<T>> acquireAsync(Duration timeout) {
    return acquireAsyncNanos(timeoutNanos(timeout));
  }

  CompletableFuture<Lease<T>> acquireAsyncNanos(long nanos) {
    FutureWaiter<T> w = new FutureWaiter<>(this);
    startAsync(w, nanos);
    return w.future;
  }

  @Override
  public PendingAcquire acquireAsync(Duration timeout, AcquireCallback<T> callback) {
    long nanos = timeoutNanos(timeout);
    Objects.requireNonNull(callback, "callback must not be null");
    return acquireAsyncNanos(nanos, callback);
  }

  PendingAcquire acquireAsyncNanos(long nanos, AcquireCallback<T> callback) {
    CallbackWaiter<T> w = new CallbackWaiter<>(this, callback);
    startAsync(w, nanos);
    return w;
  }

  private void startAsync(AsyncWaiter<T> w, long nanos) {
    Lease<T> lease;
    Slot<T> empty;
    try {
      lease = tryTakeIdleOpen();
      empty = lease == null ? claimEmpty(hint()) : null;
    } catch (PoolClosedException e) {
      w.tryFail(e);
      w.fail(e);
      return;
    }
    if (lease != null) {
      w.tryAssign(null);
      w.deliver(lease);
      return;
    }
    w.timeoutNanos = nanos; // for a create's deadline as well as the wait's
    if (nanos > 0 && nanos < FOREVER) {
      w.start = System.nanoTime();
    }
    if (empty != null) {
      w.tryAssign(null);
      createAsync(empty, w);
      return;
    }
    if (nanos <= 0) {
      counters.exhausted.increment();
      PoolExhaustedException e =
          new PoolExhaustedException(
              name + ": all " + slots.length + " objects are in use and the acquire may not wait");
      w.tryFail(e);
      w.fail(e);
      return;
    }
    try {
      admit(w);
    } catch (PoolClosedException | PoolExhaustedException e) {
      w.tryFail(e);
      w.fail(e);
      return;
    }
    // Look again now that we are linked (a release before that did not see us). Claimed, not
    // leased, as in retryTake; quietly: linked now, a close must fail the waiter, not this call.
    Slot<T> idle = claimIdle();
    empty = idle == null ? claimEmptyQuietly() : null;
    if (idle != null || empty != null) {
      if (w.tryCancel()) {
        queue.remove(w);
        if (idle != null) {
          w.deliver(leaseOwned(idle));
        } else {
          createAsync(Objects.requireNonNull(empty), w);
        }
        return;
      }
      giveBackFound(idle, empty);
    }
    if (nanos < FOREVER && w.state == Waiter.WAITING) {
      w.timer = Timers.schedule(w, nanos);
      if (w.state != Waiter.WAITING) {
        w.cancelTimer();
      }
    }
  }

  private @Nullable Lease<T> tryTakeIdleOpen() {
    if (queue.isClosed()) {
      throw closedException();
    }
    return takeIdle(hint());
  }

  /**
   * An async waiter's deadline passed, on the shared timer thread: the outcome is decided here,
   * the failure is delivered through {@link #runAsync}, so no user code runs on the timer.
   */
  void timeOut(AsyncWaiter<T> w, long nanos) {
    if (w.tryCancel()) {
      queue.remove(w);
      counters.timeouts.increment();
      PoolTimeoutException e = timeoutException(nanos);
      runAsync(() -> w.fail(e));
    }
  }

  /** Serves an async waiter that was handed a slot (called on the handing thread). */
  void serveAssigned(AsyncWaiter<T> w) {
    Slot<T> s = Objects.requireNonNull(w.slot);
    if (s.object == null) {
      createAsync(s, w);
    } else {
      w.deliverHandedOver(new LeaseImpl<>(this, s, s.publishLease()));
    }
  }

  /**
   * Creates into an owned empty slot off the caller's thread, then delivers to {@code w}; with a
   * deadline, the deadline fails {@code w} if the create has not finished by then, and the object
   * goes to the pool when it has ({@link BoundedCreate}).
   */
  private void createAsync(Slot<T> s, AsyncWaiter<T> w) {
    long nanos = w.timeoutNanos;
    if (nanos > 0 && nanos < FOREVER) {
      BoundedCreate<T> c = BoundedCreate.forWaiter(this, s, w);
      long left = Math.max(0, nanos - (System.nanoTime() - w.start));
      c.timer = Timers.schedule(() -> c.expire(nanos), left); // before the create can finish
      runAsync(c);
      return;
    }
    runAsync(
        () -> {
          Lease<T> lease;
          try {
            lease = createLease(s);
          } catch (Throwable e) {
            w.fail(e);
            return;
          }
          w.deliver(lease);
        });
  }

  /**
   * Runs user-facing work (completing a future, calling a callback) off the calling thread. A
   * rejected task runs on a fresh virtual thread: a lease must never be dropped because an
   * executor was shut down, and the caller may be the shared deadline timer, which must never run
   * user code (a slow stage would delay every pool's deadlines).
   */
  void runAsync(Runnable task) {
    try {
      asyncExecutor.execute(task);
    } catch (RejectedExecutionException e) {
      Thread.ofVirtual().start(task);
    }
  }

  void unlink(Waiter<T> w) {
    queue.remove(w);
  }

  void logCallbackFailure(Throwable e) {
    LOG.log(System.Logger.Level.WARNING, name + ": an acquire callback threw", e);
  }

  // ---------------------------------------------------------------- scoped helpers

  @Override
  public <R extends @Nullable Object, E extends Exception> R withLease(
      LeaseBody<? super T, R, E> body) throws E, InterruptedException {
    return withLease(acquireTimeout(), body);
  }

  @Override
  public <R extends @Nullable Object, E extends Exception> R withLease(
      Duration timeout, LeaseBody<? super T, R, E> body) throws E, InterruptedException {
    Objects.requireNonNull(body, "body must not be null");
    try (Lease<T> lease = acquire(timeout)) {
      return body.apply(lease.get());
    }
  }

  // ---------------------------------------------------------------- release

  @Override
  public void release(Lease<T> lease) {
    Objects.requireNonNull(lease, "lease must not be null");
    if (!(lease instanceof LeaseImpl<T> impl) || impl.pool != this) {
      throw new IllegalArgumentException(
          name + ": cannot release " + lease + ": it was not handed out by this pool");
    }
    lease.close();
  }

  void release(Slot<T> s, long stamp) {
    if (!checkOnRelease) {
      if (store.put(s, stamp)) {
        afterPut();
      }
      return;
    }
    if (s.cas(stamp, Slot.with(stamp, Slot.BUSY))) {
      returnOwned(s);
    }
  }

  void invalidate(Slot<T> s, long stamp) {
    if (s.cas(stamp, Slot.with(stamp, Slot.BUSY))) {
      counters.invalidated.increment();
      retire(s);
    }
  }

  /** A checked release: reset and health check outside every lock (PO-6, PO-7, PY-B1). */
  private void returnOwned(Slot<T> s) {
    if (queue.isClosed()) { // PY-9
      retire(s);
      return;
    }
    if (lifetime > 0 && System.nanoTime() - s.expiresAt >= 0) {
      counters.expired.increment();
      retire(s);
      return;
    }
    if (hasReset) {
      try {
        allocator.reset(object(s));
      } catch (Exception | Error e) { // PO-B4: a failed reset never leaves the object in use
        LOG.log(System.Logger.Level.DEBUG, name + ": reset failed; destroying the object", e);
        counters.dead.increment();
        retire(s);
        return;
      }
    }
    if (hasIsAlive && !isAlive(s)) {
      counters.dead.increment();
      retire(s);
      return;
    }
    makeAvailable(s);
  }

  /** A slot was just made idle: serve waiters or a pending close, or let barging contenders in. */
  private void afterPut() {
    int signal = queue.signal;
    if (signal != 0) {
      afterIdle(signal);
    } else if (queue.contenders != 0) {
      queue.letContendersIn();
    }
  }

  /** After a fast release made a slot idle while waiters or a close were pending. */
  private void afterIdle(int signal) {
    if (signal < 0) {
      destroyIdleForClose();
      return;
    }
    if (barging) {
      if (signal == WaitQueue.WOKEN_BIT
          && System.nanoTime() - queue.wokenSince < WaitQueue.BARGE_WINDOW_NANOS) {
        if (queue.contenders != 0) {
          queue.letContendersIn();
        }
        return; // only young woken waiters: they race for it (and re-arm and look again)
      }
      dispatchIdle();
      return;
    }
    Slot<T> s = store.claimAny(hint());
    if (s != null) {
      makeAvailable(s);
    }
  }

  /**
   * Barging: an object was made idle (step 1 of the protocol) and a waiter may be WAITING. Wakes
   * the oldest WAITING waiter if it may barge, else hands an idle object to it directly.
   */
  private void dispatchIdle() {
    while (true) {
      switch (queue.wakeFirst()) {
        case WaitQueue.WOKE, WaitQueue.NONE -> {
          return;
        }
        case WaitQueue.SHUT -> {
          destroyIdleForClose();
          return;
        }
        default -> { // HAND_OFF
          Slot<T> s = store.claimAny(hint());
          if (s == null) {
            return; // taken meanwhile: its release runs this again
          }
          if (handToWaiter(s)) {
            return;
          }
          if (gate.wantsRoom(this)) {
            retire(s);
            return;
          }
          store.putOwned(s); // the waiter left meanwhile: idle again, look at the queue again
        }
      }
    }
  }

  /**
   * Gives an owned slot with a good object to the oldest waiter, or makes it idle. Then looks at
   * the queue again: a waiter that linked itself while we were making the slot idle may have
   * missed it, so take an idle slot back and hand it over.
   */
  void makeAvailable(Slot<T> s) {
    makeAvailable(s, false);
  }

  /** Gives back an idle object housekeeping only checked: it keeps its place in the reuse order. */
  void restoreIdle(Slot<T> s) {
    makeAvailable(s, true);
  }

  private void makeAvailable(Slot<T> s, boolean keepPlace) {
    if (barging) {
      if (queue.signal == 0 && gate.wantsRoom(this)) { // another key of a keyed pool waits for room
        retire(s);
        return;
      }
      if (keepPlace) {
        store.putBack(s);
      } else {
        store.putOwned(s);
      }
      afterPut();
      return;
    }
    while (true) {
      if (handToWaiter(s)) {
        return;
      }
      if (gate.wantsRoom(this)) { // another key of a keyed pool waits for room
        retire(s);
        return;
      }
      if (keepPlace) {
        store.putBack(s);
        keepPlace = false;
      } else {
        store.putOwned(s);
      }
      int signal = queue.signal;
      if (signal == 0) {
        return;
      }
      if (signal < 0) {
        destroyIdleForClose();
        return;
      }
      s = store.claimAny(hint());
      if (s == null) {
        return;
      }
    }
  }

  /** Hands an owned slot to the oldest waiter, if one waits. */
  private boolean handToWaiter(Slot<T> s) {
    if (queue.signal <= 0) {
      return false;
    }
    Waiter<T> w = queue.handTo(s);
    if (w == null) {
      return false;
    }
    w.onAssigned();
    return true;
  }

  /** Destroys an owned slot's object and frees its capacity. */
  private void retire(Slot<T> s) {
    destroyOwned(s);
    capacityFreed(s);
  }

  /**
   * Frees the capacity of an owned slot whose object is gone: hands it to the oldest waiter, who
   * will create into it, or marks it empty (L-2: every event that frees capacity wakes a waiter).
   */
  void capacityFreed(Slot<T> s) {
    s.object = null;
    while (true) {
      if (handToWaiter(s)) {
        return;
      }
      s.publish(Slot.EMPTY);
      gate.release(this);
      int signal = queue.signal;
      if (signal < 0) {
        checkTerminated();
        return;
      }
      if (WaitQueue.waitingIn(signal) == 0) {
        return; // none, or only woken waiters: they look for free capacity themselves
      }
      s = claimEmptyQuietly();
      if (s == null) {
        return;
      }
    }
  }

  private @Nullable Slot<T> claimEmptyQuietly() {
    try {
      return claimEmpty(hint());
    } catch (PoolClosedException e) {
      return null;
    }
  }

  /** Destroys the object of an owned slot; exactly once per created object (PO-B5). */
  private void destroyOwned(Slot<T> s) {
    T object = s.object;
    s.object = null;
    if (object == null) {
      return;
    }
    counters.destroyed.increment();
    try {
      allocator.destroy(object);
    } catch (Exception | Error e) {
      counters.destroyFailures.increment();
      LOG.log(System.Logger.Level.WARNING, name + ": destroy failed", e);
    }
  }

  private boolean isAlive(Slot<T> s) {
    try {
      return allocator.isAlive(object(s));
    } catch (Throwable e) { // a checked exception thrown undeclared (Kotlin, sneaky throw) too
      LOG.log(System.Logger.Level.DEBUG, name + ": isAlive threw; treating the object as dead", e);
      return false;
    }
  }

  @SuppressWarnings("NullAway")
  private T object(Slot<T> s) {
    return s.object;
  }

  // ---------------------------------------------------------------- housekeeping hooks

  Slot<T>[] slots() {
    return slots;
  }

  boolean isAliveForHousekeeping(Slot<T> s) {
    return isAlive(s);
  }

  boolean claimIdleExact(Slot<T> s, long idleState) {
    return store.claimExact(s, idleState);
  }

  void evict(Slot<T> s, boolean dead) {
    (dead ? counters.dead : counters.expired).increment();
    retire(s);
  }

  /** Creates one object into an empty slot for minIdle; false if there was no room. */
  boolean createIdle() {
    Slot<T> s = claimForRefill();
    if (s == null) {
      return false;
    }
    createIdleInto(s);
    return true;
  }

  /** Claims an empty slot to create an idle object into; {@code null} if there is no room. */
  @Nullable Slot<T> claimForRefill() {
    return claimEmptyQuietly();
  }

  /** Creates into a slot from {@link #claimForRefill} and makes the object available. */
  void createIdleInto(Slot<T> s) {
    createInto(s);
    makeAvailable(s);
  }

  /**
   * For a keyed pool making room: destroys one idle object if there is one (CH-B5: only idle
   * objects are taken, never leased ones).
   */
  boolean evictOneIdle() {
    Slot<T> s = store.claimAny(hint());
    if (s == null) {
      return false;
    }
    counters.expired.increment();
    retire(s);
    return true;
  }

  /** Whether acquires wait here although this pool has an empty slot: they wait for shared room. */
  boolean waitsForRoom() {
    if (queue.size() == 0) {
      return false;
    }
    for (Slot<T> s : slots) {
      if (Slot.kind(s.state) == Slot.EMPTY) {
        return true;
      }
    }
    return false;
  }

  /** Shared room became free: hand an empty slot to the oldest waiter here, if one waits. */
  boolean offerRoom() {
    // Only WAITING waiters are served here. Woken ones (barging) look for free capacity themselves;
    // offering room to a queue of young woken waiters fails, and the room passed on to the next
    // key pool and back again recursed until the stack overflowed (KeyedPoolTest, 1 run in 6).
    int signal = queue.signal;
    if (signal <= 0 || WaitQueue.waitingIn(signal) == 0) {
      return false;
    }
    Slot<T> s = claimEmptyQuietly();
    if (s == null) {
      return false;
    }
    Waiter<T> w = queue.handTo(s);
    if (w != null) {
      w.onAssigned();
      return true;
    }
    s.publish(Slot.EMPTY);
    gate.release(this);
    return false;
  }

  int allocated() {
    int n = 0;
    for (Slot<T> s : slots) {
      if (Slot.kind(s.state) != Slot.EMPTY) {
        n++;
      }
    }
    return n;
  }

  private void prefill(int count) {
    for (int i = 0; i < count; i++) {
      if (!createIdle()) {
        return;
      }
    }
  }

  // ---------------------------------------------------------------- stats

  @Override
  public PoolStats stats() {
    int idle = 0;
    int leased = 0;
    int busy = 0;
    long leases = 0;
    for (Slot<T> s : slots) {
      long state = s.state;
      leases += state >>> 2;
      switch (Slot.kind(state)) {
        case Slot.IDLE -> idle++;
        case Slot.LEASED -> leased++;
        case Slot.BUSY -> busy++;
        default -> {}
      }
    }
    boolean closed = queue.isClosed();
    // Read after the generations: a creation counts itself before it publishes its lease, so this
    // difference can only undercount (a creation in flight), never overcount; the floor keeps the
    // reported value from going back when a later snapshot catches a creation in flight.
    long createdForLease = counters.createdForLease.sum();
    long reused = reusedFloor.accumulateAndGet(leases - createdForLease, Math::max);
    return new PoolStats(
        name,
        slots.length,
        idle + leased + busy,
        idle,
        leased,
        busy,
        queue.size(),
        closed ? 0 : slots.length - leased,
        leases,
        reused,
        counters.created.sum(),
        counters.destroyed.sum(),
        counters.timeouts.sum(),
        counters.exhausted.sum(),
        counters.createFailures.sum(),
        counters.destroyFailures.sum(),
        counters.dead.sum(),
        counters.expired.sum(),
        counters.invalidated.sum(),
        closed);
  }

  // ---------------------------------------------------------------- close

  @Override
  public boolean isClosed() {
    return queue.isClosed();
  }

  @Override
  public void close() {
    List<Waiter<T>> failed = queue.close(closedException());
    if (failed == null) {
      return; // PY-11, PO-10: idempotent
    }
    for (Waiter<T> w : failed) {
      w.onFailed(); // PY-B4: no waiter is left behind
    }
    if (housekeeper != null) {
      housekeeper.stop(); // signalled, never joined under a lock (PO-B3)
    }
    destroyIdleForClose();
  }

  @Override
  public boolean close(Duration grace) {
    long nanos = timeoutNanos(grace);
    close();
    try {
      terminated.get(nanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      forceClose();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public CompletableFuture<Void> closeAsync() {
    close();
    return terminated.copy();
  }

  private void forceClose() {
    for (Slot<T> s : slots) {
      long state = s.state;
      if (Slot.kind(state) == Slot.LEASED && s.cas(state, Slot.with(state, Slot.BUSY))) {
        retire(s);
      }
    }
    checkTerminated();
  }

  private void destroyIdleForClose() {
    for (Slot<T> s : slots) {
      long state = s.state;
      if (Slot.kind(state) == Slot.IDLE && store.claimExact(s, state)) {
        retire(s);
      }
    }
    checkTerminated();
  }

  private void checkTerminated() {
    if (terminated.isDone()) {
      return;
    }
    for (Slot<T> s : slots) {
      if (Slot.kind(s.state) != Slot.EMPTY) {
        return;
      }
    }
    terminated.complete(null);
  }

  // ---------------------------------------------------------------- helpers

  private int hint() {
    long h = Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L;
    return (int) (((h >>> 32) * slots.length) >>> 32);
  }

  private PoolClosedException closedException() {
    return new PoolClosedException(name + ": pool is closed");
  }

  private PoolTimeoutException createTimeoutException(long nanos) {
    return new PoolTimeoutException(
        name
            + ": the object being created for this acquire was not ready within "
            + Duration.ofNanos(nanos)
            + "; it joins the pool when its create returns");
  }

  private PoolTimeoutException timeoutException(long nanos) {
    return new PoolTimeoutException(
        name
            + ": no object became free within "
            + Duration.ofNanos(nanos)
            + " (maxSize "
            + slots.length
            + ", "
            + queue.size()
            + " still waiting)");
  }

  static long timeoutNanos(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout must not be null");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    return PoolConfig.saturatedNanos(timeout);
  }

  @Override
  public String toString() {
    return "Pool[" + name + ", maxSize " + slots.length + (isClosed() ? ", closed]" : "]");
  }
}
