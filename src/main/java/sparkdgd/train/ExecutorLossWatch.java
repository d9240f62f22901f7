package sparkdgd.train;

import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;

/**
 * Tells, while the run trains, of each executor the cluster lost: Spark runs its tasks again elsewhere and reads the
 * partitions it had cached from the input again, so the epoch under way takes seconds where the others take
 * milliseconds. Before, only Spark's own {@code ERROR TaskSchedulerImpl: Lost executor 0 ...} said so, and the next
 * progress line's ETA, at that epoch's pace, told minutes for a run that ended seconds later (a user review of
 * cluster runs: 6.5 s for an epoch of 0.3 s after a {@code kill -9} of an executor).
 */
public final class ExecutorLossWatch extends SparkListener implements AutoCloseable {
  private final SparkContext sc;
  private final Consumer<String> warnings;

  private ExecutorLossWatch(SparkContext sc, Consumer<String> warnings) {
    this.sc = sc;
    this.warnings = warnings;
  }

  /** Tells {@code warnings} of each executor removed from now until {@link #close}, on Spark's listener thread. */
  public static ExecutorLossWatch start(SparkContext sc, Consumer<String> warnings) {
    ExecutorLossWatch watch = new ExecutorLossWatch(sc, warnings);
    sc.addSparkListener(watch);
    return watch;
  }

  @Override
  public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
    warnings.accept(message(removed.executorId(), removed.reason()));
  }

  static String message(String executorId, String reason) {
    return "executor " + executorId + " was lost (" + reason + "): Spark runs its tasks again on the others and "
        + "reads the partitions it had cached from the input again, so this epoch takes longer (the ETA that follows "
        + "with it) and its result is the same";
  }

  @Override
  public void close() {
    sc.removeSparkListener(this);
  }
}
