package dev.poolkit.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Summarizes async-profiler CPU profiles in collapsed-stack form (one {@code frame;frame;... count}
 * line per distinct stack, as JMH's {@code -prof async:output=collapsed} writes them) as Markdown:
 * per profiled benchmark, the share of samples per leaf frame (where the CPU was) and the share in
 * the kernel (frames ending in {@code _[k]}: parking, waking, context switches).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.poolkit.benchmarks.report.ProfileSummary \
 *     <directory searched for collapsed-*.csv> [top frames, default 12]
 * }</pre>
 *
 * A sampled leaf is where the CPU was when the timer fired, give or take a few instructions
 * ("skid"): the cost of an atomic instruction often shows on the frame of the instruction after it.
 */
public final class ProfileSummary {
  /**
   * One profile: the benchmark it came from, its samples per leaf frame, and its kernel samples
   * per caller (see {@link #caller}: who parked or woke whom).
   */
  record Profile(
      String benchmark,
      long samples,
      long kernel,
      Map<String, Long> leaves,
      Map<String, Long> kernelCallers) {
    double share(long n) {
      return samples == 0 ? 0 : 100.0 * n / samples;
    }
  }

  private ProfileSummary() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      throw new IllegalArgumentException(
          "usage: ProfileSummary <directory with collapsed-*.csv files> [top frames]");
    }
    Path dir = Path.of(args[0]);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a directory: " + dir);
    }
    int top = args.length == 2 ? parseTop(args[1]) : 12;
    List<Profile> profiles = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(ProfileSummary::isCollapsed).sorted().toList()) {
        profiles.add(read(f.getParent().getFileName().toString(), Files.readAllLines(f)));
      }
    }
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("no collapsed-*.csv profile under " + dir);
    }
    System.out.print(markdown(profiles, top));
  }

  private static int parseTop(String s) {
    try {
      int top = Integer.parseInt(s);
      if (top > 0) {
        return top;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("top frames must be a positive number, not " + s);
  }

  private static boolean isCollapsed(Path p) {
    String name = p.getFileName().toString();
    return Files.isRegularFile(p) && name.startsWith("collapsed") && name.endsWith(".csv");
  }

  /** Reads one collapsed profile; blank lines are skipped, a malformed one is an error. */
  static Profile read(String benchmark, List<String> lines) {
    Map<String, Long> leaves = new LinkedHashMap<>();
    Map<String, Long> kernelCallers = new LinkedHashMap<>();
    long samples = 0;
    long kernel = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      long n;
      try {
        n = space < 0 ? -1 : Long.parseLong(line.substring(space + 1).trim());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        throw new IllegalArgumentException("not a collapsed-stack line (stack count): " + line);
      }
      String stack = line.substring(0, space);
      String leaf = stack.substring(stack.lastIndexOf(';') + 1);
      samples += n;
      if (stack.contains("_[k]")) {
        kernel += n;
        kernelCallers.merge(caller(stack.split(";")), n, Long::sum);
      }
      leaves.merge(leaf, n, Long::sum);
    }
    return new Profile(benchmark, samples, kernel, leaves, kernelCallers);
  }

  /**
   * The innermost non-JDK Java frame of a stack and the Java frame it called (the JDK entry point,
   * e.g. {@code WaitQueue.lockQueue > ReentrantLock.lock}).
   */
  private static String caller(String[] frames) {
    for (int i = frames.length - 1; i >= 0; i--) {
      String f = frames[i];
      if (isJava(f) && !(f.startsWith("java/") || f.startsWith("jdk/") || f.startsWith("sun/"))) {
        for (int j = i + 1; j < frames.length; j++) {
          if (isJava(frames[j])) {
            return f + " > " + frames[j];
          }
        }
        return f;
      }
    }
    return "(no application frame)";
  }

  /** Java frames are {@code package/Class.method}; native and kernel frames have no slash. */
  private static boolean isJava(String frame) {
    return frame.contains("/");
  }

  static String markdown(List<Profile> profiles, int top) {
    StringBuilder out = new StringBuilder();
    for (Profile p : profiles) {
      out.append("### ").append(p.benchmark()).append("\n\n");
      out.append(
          String.format(
              Locale.ROOT,
              "%,d samples; %.1f%% with a kernel frame on the stack.%n%n",
              p.samples(),
              p.share(p.kernel())));
      out.append("| share | leaf frame |\n|---:|---|\n");
      top(p.leaves(), top).forEach(e -> row(out, p, e));
      out.append('\n');
      if (p.kernel() > 0) {
        out.append("| share | kernel samples under |\n|---:|---|\n");
        top(p.kernelCallers(), top).forEach(e -> row(out, p, e));
        out.append('\n');
      }
    }
    return out.toString();
  }

  private static Stream<Map.Entry<String, Long>> top(Map<String, Long> counts, int top) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(top);
  }

  private static void row(StringBuilder out, Profile p, Map.Entry<String, Long> e) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %.1f%% | `%s` |%n",
            p.share(e.getValue()),
            e.getKey().replace('/', '.')));
  }
}
