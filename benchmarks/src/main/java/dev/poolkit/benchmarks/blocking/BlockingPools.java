package dev.poolkit.benchmarks.blocking;

/** Prints {@link BlockingBench#defaultPools()}, one a line: what {@code run.sh blocking} loops over. */
public final class BlockingPools {
  private BlockingPools() {}

  public static void main(String[] args) {
    BlockingBench.defaultPools().forEach(System.out::println);
  }
}
