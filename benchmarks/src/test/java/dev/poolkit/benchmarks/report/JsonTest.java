package dev.poolkit.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsTheShapesJmhWrites() {
    Object parsed =
        Json.parse(
            "[ {\"benchmark\" : \"a.B.c\", \"params\" : {\"pool\" : \"x\"},"
                + " \"score\" : 1.5E-3, \"err\" : \"NaN\", \"ok\" : true, \"none\" : null,"
                + " \"raw\" : [[1, -2.5], []], \"s\" : \"q\\\"\\u00b5\\\\\" } ]");
    Map<?, ?> run = (Map<?, ?>) ((List<?>) parsed).get(0);
    assertEquals("a.B.c", run.get("benchmark"));
    assertEquals(Map.of("pool", "x"), run.get("params"));
    assertEquals(0.0015, run.get("score"));
    assertEquals("NaN", run.get("err"));
    assertEquals(true, run.get("ok"));
    assertEquals(null, run.get("none"));
    assertEquals(List.of(List.of(1.0, -2.5), List.of()), run.get("raw"));
    assertEquals("q\"µ\\", run.get("s"));
  }

  @Test
  void rejectsTrailingGarbage() {
    assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x"));
  }
}
