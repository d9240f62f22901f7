package sparkdgd.cli;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;

/**
 * Waits for tasks still running after their job ended. When one task fails, Spark fails the job at once
 * and only marks the stage's other tasks as killed; stopping the session under them makes Spark log
 * errors with stack traces (TaskSchedulerImpl, TaskContextImpl) after the command's own one-line error.
 */
final class RunningTasks {
  private RunningTasks() {}

  /** Returns when no executor reports a running task, or after {@code maxMillis}; true if none runs. */
  static boolean awaitNone(SparkContext sc, long maxMillis) {
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    while (running(sc) > 0) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  static int running(SparkContext sc) {
    int n = 0;
    for (SparkExecutorInfo e : sc.statusTracker().getExecutorInfos()) {
      n += e.numRunningTasks();
    }
    return n;
  }
}
