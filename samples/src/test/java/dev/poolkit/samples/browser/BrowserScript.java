package dev.poolkit.samples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A node script of {@code src/test/browser} that drives headless Chromium (through {@code
 * chromium.mjs}) and reports its steps as stdout lines; its stderr (node's and the page's console)
 * goes to a log file under {@code target/}, quoted in every failure. A script that cannot start
 * node or Chromium fails the test: there is no skip. {@link #close()} kills what is left.
 */
public final class BrowserScript implements AutoCloseable {
  private static final Path SCRIPT_DIR = Path.of("src/test/browser");
  private static final String EOF = "\u0000EOF";

  private final Process node;
  private final Path log;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private BrowserScript(Process node, Path log) {
    this.node = node;
    this.log = log;
    Thread.ofVirtual().name("browser-script-stdout").start(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
        out.lines().forEach(lines::add);
      } catch (IOException e) {
        lines.add("ERROR reading node's output: " + e);
      }
      lines.add(EOF);
    });
  }

  /** Starts {@code node <script> <args>} in {@code src/test/browser}; stderr to {@code target/<logName>}. */
  public static BrowserScript start(String script, String logName, List<String> args) throws IOException {
    Path log = Path.of("target", logName).toAbsolutePath();
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(args);
    Process node = new ProcessBuilder(command).directory(SCRIPT_DIR.toFile()).redirectError(log.toFile()).start();
    return new BrowserScript(node, log);
  }

  /**
   * The script's next line, waiting at most {@code timeout}; it must start with {@code step}, or
   * the test fails with the line (an {@code ERROR ...} when Chromium could not start) and the log.
   */
  public String expect(String step, Duration timeout) throws IOException, InterruptedException {
    String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null || !line.startsWith(step)) {
      fail("browser step " + step + " failed: " + (line == null ? "no answer within " + timeout
          : line.equals(EOF) ? "the script ended" : line) + "\n--- node/chromium log " + log + " ---\n" + logText());
    }
    return line;
  }

  /** Waits for the script to end by itself, and checks it exited with 0. */
  public void expectExitZero(Duration timeout) throws IOException, InterruptedException {
    assertTrue(node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "node did not exit within " + timeout);
    assertEquals(0, node.exitValue(), "node exit code; log:\n" + logText());
  }

  private String logText() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "(no log)";
  }

  /** Kills node and Chromium if they still run. */
  @Override
  public void close() {
    node.descendants().forEach(ProcessHandle::destroyForcibly);
    node.destroyForcibly();
  }
}
