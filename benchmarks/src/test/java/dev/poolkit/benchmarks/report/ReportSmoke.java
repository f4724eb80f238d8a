package dev.poolkit.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test access to the package-private report entry point. */
public final class ReportSmoke {
  private ReportSmoke() {}

  public static String render(Path json, Path md, Path svg) throws IOException {
    return Report.write(Files.readString(json), "smoke", "", "", "", json.getFileName().toString(), md, svg);
  }
}
