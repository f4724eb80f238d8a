package dev.poolkit.benchmarks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.poolkit.benchmarks.blocking.BlockingResults;

/**
 * The JSON form of {@link BlockingResults} (Jackson, records as objects): the run's description
 * and {@code measurements}, each {@code {"scenario", "pool", "fork", "values": {name: number}}};
 * a value that could not be measured is written as the string {@code "NaN"}.
 */
public final class ResultsJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ResultsJson() {}

  public static String write(BlockingResults results) {
    try {
      return MAPPER.writeValueAsString(results) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write results as JSON", e);
    }
  }

  public static BlockingResults read(String json) {
    BlockingResults results;
    try {
      results = MAPPER.readValue(json, BlockingResults.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a blocking-hold results file: " + e.getOriginalMessage(), e);
    }
    if (results == null || results.measurements() == null) {
      throw new IllegalArgumentException("not a blocking-hold results file: no \"measurements\" array");
    }
    return results;
  }
}
