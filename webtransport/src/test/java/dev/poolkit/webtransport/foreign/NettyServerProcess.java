package dev.poolkit.webtransport.foreign;

import dev.poolkit.webtransport.ServerCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link NettyServerMain} in a child JVM: started, its port read, and killed (SIGKILL). */
final class NettyServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private NettyServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the child JVM with this JVM's class path and waits at most {@code startSeconds} for its
   * port; on failure or timeout the child is killed.
   */
  static NettyServerProcess start(Path dir, ServerCertificate certificate, long startSeconds)
      throws IOException, InterruptedException {
    Path keyStore = dir.resolve("netty-server.p12");
    try (OutputStream out = Files.newOutputStream(keyStore)) {
      certificate.keyStore().store(out, certificate.password());
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot write the server's key store", e);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        NettyServerMain.class.getName(), keyStore.toString(), new String(certificate.password()))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
      try {
        return lines.readLine();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try {
      String line = first.get(startSeconds, TimeUnit.SECONDS);
      if (line == null || !line.startsWith("PORT ")) {
        throw new IOException("the Netty server process did not start: " + line);
      }
      return new NettyServerProcess(process, Integer.parseInt(line.substring(5).trim()));
    } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
      process.destroyForcibly();
      throw new IOException("the Netty server process gave no port within " + startSeconds + " s", e);
    }
  }

  int port() {
    return port;
  }

  /** SIGKILL: the server sends nothing more, not even CONNECTION_CLOSE. Waits up to 10 s for the exit. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }
}
