package dev.poolkit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileSummaryTest {
  private static final List<String> LINES =
      List.of(
          "run;bench;dev/poolkit/internal/Slot.cas 6",
          "",
          "run;bench;dev/poolkit/internal/Slot.cas 2",
          "run;bench;park;futex_wait_[k];finish_task_switch_[k] 1",
          "run;bench 1");

  @Test
  void sumsSamplesPerLeafAndCountsKernelStacks() {
    ProfileSummary.Profile p = ProfileSummary.read("Uncontended-pool-poolkit", LINES);
    assertEquals(10, p.samples());
    assertEquals(1, p.kernel());
    assertEquals(8L, p.leaves().get("dev/poolkit/internal/Slot.cas"));
    assertEquals(1L, p.leaves().get("finish_task_switch_[k]"));
    assertEquals(1L, p.leaves().get("bench"));
  }

  @Test
  void markdownListsTheHottestLeavesFirstUpToTheLimit() {
    String md = ProfileSummary.markdown(List.of(ProfileSummary.read("b", LINES)), 2);
    assertTrue(md.startsWith("### b\n\n10 samples; 10.0% with a kernel frame"), md);
    assertTrue(md.contains("| 80.0% | `dev.poolkit.internal.Slot.cas` |\n| 10.0% |"), md);
    assertEquals(2, md.lines().filter(l -> l.startsWith("| 10.0%") || l.startsWith("| 80.0%")).count(), md);
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
