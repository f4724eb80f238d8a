package dev.poolkit.webtransport.internal;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs every task inline, on the caller's thread. For callbacks that must finish before Flupke or
 * Kwik goes on (the server's accept callback) or that only hand data over without blocking
 * (datagram arrivals): no thread of its own, so nothing to shut down or leak.
 */
final class DirectExecutor extends AbstractExecutorService {
  private volatile boolean shutdown;

  @Override public void execute(Runnable command) { command.run(); }
  @Override public void shutdown() { shutdown = true; }
  @Override public List<Runnable> shutdownNow() { shutdown = true; return List.of(); }
  @Override public boolean isShutdown() { return shutdown; }
  @Override public boolean isTerminated() { return shutdown; }
  @Override public boolean awaitTermination(long timeout, TimeUnit unit) { return true; }
}
