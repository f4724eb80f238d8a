package dev.poolkit.benchmarks.wt;

import dev.poolkit.PoolStats;
import dev.poolkit.benchmarks.support.LatencyHistogram;
import dev.poolkit.webtransport.SessionPool;
import dev.poolkit.webtransport.Trust;
import dev.poolkit.webtransport.WebTransportClient;
import dev.poolkit.webtransport.WebTransportServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 5's WebTransport measurements over a loopback Kwik/Flupke server, as a plain program (a
 * network round trip is milliseconds, JMH's nanosecond machinery adds nothing):
 *
 * <ol>
 *   <li>compare: one thread making requests (session, new stream, 1-byte echo) through a {@link
 *       SessionPool} against a fresh connection and session per request;
 *   <li>load: 1,000 virtual threads sharing a SessionPool of 8 for 10 s: requests/s, latency
 *       percentiles, errors.
 * </ol>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.poolkit.benchmarks.wt.WebTransportRequests \
 *     [fresh-requests=200] [pooled-requests=5000] [threads=1000] [seconds=10] [report.md]
 * </pre>
 */
public final class WebTransportRequests {

  /** What one run measured. */
  public record Result(
      Latencies fresh, Latencies pooled, Load load, PoolStats compareStats, long compareConnections) {
    public double ratio() {
      return fresh.meanMillis() / pooled.meanMillis();
    }
  }

  /** Latencies of a sequential series of requests. */
  public record Latencies(long count, double meanMillis, double p50Millis, double p99Millis) {}

  /** Outcome of the concurrent load. */
  public record Load(
      int threads, int poolSize, double seconds, long requests, long errors, double p50Millis,
      double p99Millis, double p999Millis, PoolStats stats, long connections) {
    public double perSecond() {
      return requests / seconds;
    }
  }

  private WebTransportRequests() {}

  public static void main(String[] args) throws Exception {
    int fresh = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int pooled = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Result result = run(fresh, pooled, threads, Duration.ofSeconds(seconds));
    String report = markdown(result);
    System.out.println(report);
    if (args.length > 4) {
      Files.writeString(Path.of(args[4]), report);
    }
  }

  /** Runs both measurements against a fresh loopback server. */
  public static Result run(int freshRequests, int pooledRequests, int threads, Duration loadTime)
      throws Exception {
    try (WebTransportServer server = EchoServer.start()) {
      URI url = server.url("/echo");
      WebTransportClient client =
          WebTransportClient.builder().trust(Trust.pinnedSha256(server.certificate().sha256Hex())).build();

      // Warm both paths up (class loading, JIT) before measuring.
      sequentialFresh(client, url, Math.max(1, freshRequests / 5));
      Latencies freshLatencies = sequentialFresh(client, url, freshRequests);
      Latencies pooledLatencies;
      PoolStats compareStats;
      long compareConnections;
      try (SessionPool sessions = SessionPool.builder().client(client).url(url).maxSize(8).build()) {
        sequentialPooled(sessions, Math.max(1, pooledRequests / 5));
        pooledLatencies = sequentialPooled(sessions, pooledRequests);
        compareStats = sessions.stats();
        compareConnections = sessions.connectionsCreated();
      }
      Load load = load(client, url, threads, 8, loadTime);
      return new Result(freshLatencies, pooledLatencies, load, compareStats, compareConnections);
    }
  }

  private static Latencies sequentialFresh(WebTransportClient client, URI url, int n) throws Exception {
    LatencyHistogram histogram = new LatencyHistogram();
    long total = 0;
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      Requests.fresh(client, url);
      long took = System.nanoTime() - start;
      histogram.record(took);
      total += took;
    }
    return latencies(histogram, total, n);
  }

  private static Latencies sequentialPooled(SessionPool sessions, int n) throws Exception {
    LatencyHistogram histogram = new LatencyHistogram();
    long total = 0;
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      Requests.pooled(sessions);
      long took = System.nanoTime() - start;
      histogram.record(took);
      total += took;
    }
    return latencies(histogram, total, n);
  }

  private static Latencies latencies(LatencyHistogram h, long totalNanos, int n) {
    return new Latencies(n, totalNanos / 1e6 / n, h.percentile(50) / 1e6, h.percentile(99) / 1e6);
  }

  private static Load load(WebTransportClient client, URI url, int threads, int poolSize, Duration time)
      throws Exception {
    LatencyHistogram histogram = new LatencyHistogram();
    AtomicLong requests = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    try (SessionPool sessions =
        SessionPool.builder().client(client).url(url).maxSize(poolSize).acquireTimeout(Duration.ofSeconds(30)).build()) {
      CountDownLatch done = new CountDownLatch(threads);
      long start = System.nanoTime();
      long end = start + time.toNanos();
      for (int t = 0; t < threads; t++) {
        Thread.ofVirtual().name("load-", t).start(() -> {
          try {
            while (System.nanoTime() < end) {
              long begin = System.nanoTime();
              try {
                Requests.pooled(sessions);
                long took = System.nanoTime() - begin;
                histogram.record(took);
                requests.incrementAndGet();
              } catch (IOException | RuntimeException e) {
                errors.incrementAndGet();
                if (errors.get() <= 5) {
                  System.err.println("load request failed: " + e);
                }
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            done.countDown();
          }
        });
      }
      done.await();
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Load(threads, poolSize, seconds, requests.get(), errors.get(),
          histogram.percentile(50) / 1e6, histogram.percentile(99) / 1e6, histogram.percentile(99.9) / 1e6,
          sessions.stats(), sessions.connectionsCreated());
    }
  }

  /** The report, as Markdown. */
  public static String markdown(Result r) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "# WebTransport requests, %s, JDK %s, %d cores, loopback%n%n",
        LocalDate.now(), Runtime.version().feature(), Runtime.getRuntime().availableProcessors()));
    out.append("Request = session, new bidirectional stream, 1-byte echo, stream closed.\n\n");
    out.append("| variant | requests | mean ms | p50 ms | p99 ms |\n|---|---|---|---|---|\n");
    row(out, "fresh connection + session per request", r.fresh());
    row(out, "SessionPool (maxSize 8), one thread", r.pooled());
    out.append(String.format(Locale.ROOT, "%nPooled is **%.1fx** faster per request (mean latency ratio). "
        + "Pool: %d sessions created, %d acquires, %d reused; %d connection(s).%n%n",
        r.ratio(), r.compareStats().created(), r.compareStats().acquired(), r.compareStats().reused(),
        r.compareConnections()));
    Load l = r.load();
    out.append(String.format(Locale.ROOT,
        "Load: %d virtual threads sharing a SessionPool of %d for %.1f s: **%,.0f requests/s**, "
            + "p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, %d errors of %,d requests; "
            + "%d sessions created, %d connection(s).%n",
        l.threads(), l.poolSize(), l.seconds(), l.perSecond(), l.p50Millis(), l.p99Millis(), l.p999Millis(),
        l.errors(), l.requests() + l.errors(), l.stats().created(), l.connections()));
    return out.toString();
  }

  private static void row(StringBuilder out, String name, Latencies l) {
    out.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f |%n",
        name, l.count(), l.meanMillis(), l.p50Millis(), l.p99Millis()));
  }
}
