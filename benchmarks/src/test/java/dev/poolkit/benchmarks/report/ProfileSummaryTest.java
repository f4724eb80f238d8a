package dev.poolkit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileSummaryTest {
  private static final List<String> LINES =
      List.of(
          "run;bench;dev/poolkit/internal/Slot.cas 6",
          "",
          "run;bench;dev/poolkit/internal/Slot.cas 2",
          "run;dev/q/Queue.lock;java/util/Lock.lock;jdk/Unsafe.park;futex_wait_[k];switch_[k] 1",
          "run;bench 1");

  @Test
  void sumsSamplesPerLeafAndCountsKernelStacks() {
    ProfileSummary.Profile p = ProfileSummary.read("Uncontended-pool-poolkit", LINES);
    assertEquals(10, p.samples());
    assertEquals(1, p.kernel());
    assertEquals(8L, p.leaves().get("dev/poolkit/internal/Slot.cas"));
    assertEquals(1L, p.leaves().get("switch_[k]"));
    assertEquals(Map.of("dev/q/Queue.lock > java/util/Lock.lock", 1L), p.kernelCallers());
    assertEquals(1L, p.leaves().get("bench"));
  }

  @Test
  void markdownListsTheHottestLeavesFirstUpToTheLimit() {
    String md = ProfileSummary.markdown(List.of(ProfileSummary.read("b", LINES)), 2);
    assertTrue(md.startsWith("### b\n\n10 samples; 10.0% with a kernel frame"), md);
    assertTrue(md.contains("| 80.0% | `dev.poolkit.internal.Slot.cas` |\n| 10.0% |"), md);
    String leafTable = md.substring(0, md.indexOf("kernel samples under"));
    assertEquals(2, leafTable.lines().filter(l -> l.matches("\\| [0-9.]+% \\|.*")).count(), md);
    assertTrue(md.contains("| share | kernel samples under |\n|---:|---|\n| 10.0% | `dev.q.Queue.lock > java.util.Lock.lock` |"), md);
  }

  @Test
  void aLineWithoutACountIsRefusedAndNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProfileSummary.read("b", List.of("run;bench;frame")));
    assertTrue(e.getMessage().contains("run;bench;frame"), e.getMessage());
  }
}
