package dev.poolkit.webtransport.internal;

import dev.poolkit.webtransport.ConnectionStats;
import dev.poolkit.webtransport.WebTransportConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Shares connections among the sessions of one session pool: a reservation picks a live
 * connection with a free session place, else waits for a connect already under way, else connects.
 *
 * <p>State, all guarded by {@link #lock}:
 *
 * <pre>
 * usable     connections not known to be dead; each Place counts the sessions open or being
 *            opened on it (its reservations); a connection leaves the list when it is found dead
 *            or its last reservation is released
 * connecting connects under way; each will give its caller one place and the others
 *            expected - 1 places
 * waiting    reservations waiting for those places
 * </pre>
 *
 * A reservation connects only when the waiting demand exceeds what the connects under way will
 * supply (L-5), or when its wait for them outlasted the connect timeout (a hung connect must not
 * hold everyone, L-4). The connect itself, and closing a connection, run outside the lock. A
 * connection is closed exactly once: when its last reservation is released (PY-14).
 */
public final class ConnectionShare {

  /** Opens a new connection; blocks up to its own deadline. */
  @FunctionalInterface
  public interface Connector {
    WebTransportConnection connect() throws Exception;
  }

  /** One connection and how many sessions are placed on it. */
  public static final class Place {
    private final WebTransportConnection connection;
    private int sessions; // guarded by the share's lock

    Place(WebTransportConnection connection) {
      this.connection = connection;
    }

    public WebTransportConnection connection() {
      return connection;
    }
  }

  private final Connector connector;
  private final int sessionsPerConnection; // 0: as many as each connection allows
  private final long connectWaitNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition placesChanged = lock.newCondition();
  private final List<Place> usable = new ArrayList<>();
  private int connecting;
  private int waiting;
  private int lastMaxSessions; // 0 until a connection was made
  private long created;
  private long closed;
  private long connectFailures;
  private long reused;

  /**
   * @param sessionsPerConnection the most sessions per connection, or 0 for what each connection's
   *     {@code maxSessions()} allows
   * @param connectWait how long a reservation waits for connects under way before connecting itself
   */
  public ConnectionShare(Connector connector, int sessionsPerConnection, java.time.Duration connectWait) {
    this.connector = connector;
    this.sessionsPerConnection = sessionsPerConnection;
    this.connectWaitNanos = Math.max(1, connectWait.toNanos());
  }

  /**
   * Reserves a session place on a live connection, connecting if needed. Blocks while waiting for
   * a connect under way (at most the connect wait, then connects itself) and while connecting.
   *
   * @throws InterruptedException if interrupted while waiting; nothing is reserved
   * @throws Exception what the connector threw; nothing is reserved
   */
  public Place reserve() throws Exception {
    lock.lock();
    try {
      long waitNanos = connectWaitNanos;
      while (true) {
        Place free = fullestFreePlace();
        if (free != null) {
          free.sessions++;
          reused++;
          return free;
        }
        long supply = (long) connecting * (expectedPerConnection() - 1);
        if (waiting < supply && waitNanos > 0) {
          waiting++;
          try {
            waitNanos = placesChanged.awaitNanos(waitNanos);
          } finally {
            waiting--;
          }
          continue;
        }
        connecting++;
        break;
      }
    } finally {
      lock.unlock();
    }
    return connectAndReserve();
  }

  /** Gives a place back; closes the connection when it was its last session (PY-14). */
  public void release(Place place) {
    boolean last;
    lock.lock();
    try {
      place.sessions--;
      last = place.sessions == 0;
      if (last) {
        usable.remove(place);
        closed++;
      } else if (waiting > 0) {
        placesChanged.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (last) {
      place.connection.close();
    }
  }

  public ConnectionStats stats() {
    lock.lock();
    try {
      return new ConnectionStats((int) (created - closed), connecting, created, closed, connectFailures, reused);
    } finally {
      lock.unlock();
    }
  }

  private Place connectAndReserve() throws Exception {
    WebTransportConnection connection;
    try {
      connection = connector.connect();
      if (connection == null) {
        throw new IllegalStateException("the client returned no connection");
      }
    } catch (Throwable t) {
      lock.lock();
      try {
        connecting--;
        connectFailures++;
        placesChanged.signalAll(); // a waiter now connects in our place
      } finally {
        lock.unlock();
      }
      throw t;
    }
    Place place = new Place(connection);
    place.sessions = 1;
    lock.lock();
    try {
      connecting--;
      created++;
      lastMaxSessions = Math.max(1, connection.maxSessions());
      usable.add(place);
      placesChanged.signalAll();
    } finally {
      lock.unlock();
    }
    return place;
  }

  /** The live connection with the most sessions below its limit: packing lets the others drain. */
  private Place fullestFreePlace() {
    Place best = null;
    for (int i = usable.size() - 1; i >= 0; i--) {
      Place p = usable.get(i);
      if (!p.connection.isOpen()) {
        usable.remove(i); // dead: never given new sessions; closed when its last one goes
        continue;
      }
      if (p.sessions < limit(p) && (best == null || p.sessions > best.sessions)) {
        best = p;
      }
    }
    return best;
  }

  private int limit(Place p) {
    int allowed = Math.max(1, p.connection.maxSessions());
    return sessionsPerConnection > 0 ? Math.min(sessionsPerConnection, allowed) : allowed;
  }

  /** Places a connect under way will have: the configured limit, else what the last one had. */
  private long expectedPerConnection() {
    if (sessionsPerConnection > 0) {
      return lastMaxSessions > 0 ? Math.min(sessionsPerConnection, lastMaxSessions) : sessionsPerConnection;
    }
    return lastMaxSessions > 0 ? lastMaxSessions : Integer.MAX_VALUE;
  }

  @Override
  public String toString() {
    return "ConnectionShare" + stats();
  }

}
