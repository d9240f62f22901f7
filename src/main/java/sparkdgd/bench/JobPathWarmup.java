package sparkdgd.bench;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import sparkdgd.block.Block;

/**
 * Empty passes ({@link EmptyJob}) over a few tiny cached blocks, run before the sizes are measured. Spark's
 * scheduling code runs once or a few times per job, so the JIT compiles it only after hundreds of jobs:
 * on the 2-core benchmark machine an empty job took about 26 ms over the first 25 jobs of a JVM and about
 * 6 ms over the last 25 of 600 (session 33, docs/BENCHMARKS.md). A training run of hundreds of epochs spends
 * most of its epochs in that compiled state, and so does every Spark job MLlib runs after it; the benchmark
 * measures it too.
 */
public final class JobPathWarmup {
  /**
   * Jobs in each of the two windows the report compares, the first and the last of the warm-up (half the jobs
   * for a warm-up of under 50, so that the two never overlap).
   */
  static final int WINDOW = 25;

  private JobPathWarmup() {}

  /**
   * What the warm-up ran and saw.
   *
   * @param jobs    empty jobs run
   * @param seconds their times added up
   * @param first   timings of the first {@link #WINDOW} jobs (half of them, for under 50), null when none ran
   * @param last    timings of the last ones, as many as {@code first}, null when none ran
   */
  public record Result(int jobs, double seconds, Stats first, Stats last) {
    public Result {
      if (jobs < 0 || (jobs > 0) != (first != null && last != null)) {
        throw new IllegalArgumentException("Expected timings exactly when jobs ran, got " + jobs + " jobs");
      }
    }

    /** One line for the report. */
    public String line() {
      if (jobs == 0) {
        return "Spark's job path not warmed before the sizes were measured (--warmup-jobs 0)";
      }
      return String.format(Locale.ROOT, "Spark's job path warmed before the sizes were measured by %d empty jobs "
          + "(%.1f s): one took "
          + "%.1f ms (median of the first %d) and %.1f ms (median of the last %d)", jobs, seconds,
          first.median() * 1e3, first.seconds().length, last.median() * 1e3, last.seconds().length);
    }
  }

  /** Runs {@code jobs} empty passes over {@code partitions} partitions of one small block each. */
  public static Result run(JavaSparkContext jsc, int partitions, int jobs) {
    if (jobs == 0) {
      return new Result(0, 0, null, null);
    }
    JavaRDD<Block> tiny = CachedData.blocks(jsc, new DataSpec(partitions * 64L, 4, partitions, 64, 1,
        DataSpec.INTERCEPT, DataSpec.NOISE));
    try {
      double[] seconds = timeEmptyJobs(tiny, jobs);
      int window = Math.max(1, Math.min(WINDOW, jobs / 2));
      return new Result(jobs, Arrays.stream(seconds).sum(), new Stats(Arrays.copyOfRange(seconds, 0, window)),
          new Stats(Arrays.copyOfRange(seconds, jobs - window, jobs)));
    } finally {
      tiny.unpersist(true);
    }
  }

  /** Runs {@link EmptyJob} over {@code blocks} {@code jobs} times, one after the other; each one's seconds. */
  public static double[] timeEmptyJobs(JavaRDD<Block> blocks, int jobs) {
    double[] seconds = new double[jobs];
    for (int i = 0; i < jobs; i++) {
      long start = System.nanoTime();
      EmptyJob.run(blocks);
      seconds[i] = (System.nanoTime() - start) / 1e9;
    }
    return seconds;
  }
}
