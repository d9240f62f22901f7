package sparkdgd.bench;

/**
 * Runs a measurement {@code warmup} times untimed, then {@code repetitions} times timed (wall clock). A full
 * garbage collection comes first, so the garbage of what ran before (building and caching data sets) is not
 * collected inside this measurement's timings; the garbage a measurement makes itself is its own cost.
 */
public record Timer(int warmup, int repetitions) {
  public Timer {
    if (warmup < 0 || repetitions < 1) {
      throw new IllegalArgumentException("Expected warmup >= 0 and repetitions >= 1, got " + warmup + ", " + repetitions);
    }
  }

  /** A piece of work to time; may throw. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  public Stats measure(Work work) throws Exception {
    System.gc();
    for (int i = 0; i < warmup; i++) {
      work.run();
    }
    double[] s = new double[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      work.run();
      s[i] = (System.nanoTime() - start) / 1e9;
    }
    return new Stats(s);
  }
}
