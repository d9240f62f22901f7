package sparkdgd.cli;

import java.util.Locale;
import java.util.Optional;

/**
 * The line a run prints when it made many passes as Spark jobs over so few values that the jobs' scheduling
 * (10-30 ms a job on the benchmark's 2-core machines, docs/BENCHMARKS.md; more on a loaded one) was most of
 * each pass, on a local master: {@code --resident-tasks} runs such passes without a job each. Not on a
 * cluster, where holding the executors' cores for the whole training is a choice about the cluster, and not
 * for a run of few epochs, which it would not shorten much.
 */
final class ResidentTasksHint {
  /** Epochs before a hint is worth it: fewer take little time whatever each costs. */
  static final int MANY_EPOCHS = 100;
  /**
   * Values a pass reads (rows in the pass times features and label) up to which its arithmetic takes about
   * a millisecond or less on two cores (the kernel reads about 1e9 values a second a core), well below a job's
   * scheduling.
   */
  static final double SMALL_PASS_VALUES = 1e6;

  private ResidentTasksHint() {}

  /**
   * The hint for a run of {@code epochs} epochs in {@code trainingSeconds} (the wall time after the data was
   * cached) whose passes read {@code rowsPerPass} rows of {@code dims} features each, if any.
   */
  static Optional<String> of(boolean residentTasks, boolean localMaster, int epochs, double trainingSeconds,
      double rowsPerPass, int dims) {
    if (residentTasks || !localMaster || epochs < MANY_EPOCHS || rowsPerPass * (dims + 1) > SMALL_PASS_VALUES) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "Hint: the %,d epochs took %.1f ms each, most of it Spark's "
        + "scheduling of a job per pass over %,.0f rows; --resident-tasks runs the passes as rounds of tasks "
        + "that stay up, with the same results to the bit (README: Resident tasks)",
        epochs, trainingSeconds / epochs * 1e3, rowsPerPass));
  }
}
