package sparkdgd.output;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * A Spark job that writes into a staging directory, run so that a failure reaches the caller only after
 * every task the job started has ended. Spark fails a job as soon as one task fails for good and only
 * asks the job's other tasks to stop (SPARK-40647): without waiting, a task still running could create
 * part files in the staging directory after the caller has deleted it, leaving a hidden directory beside
 * the output. {@code evaluate} runs its passes so too: a task still running when the session closes logs an error
 * of its own (its broadcast is gone) beside the one the command reports.
 */
public final class SparkWrite {
  /** How long a failure waits for the tasks still running; after that it goes on regardless. */
  static final long WAIT_MILLIS = TimeUnit.MINUTES.toMillis(1);

  private SparkWrite() {}

  /** Writes files with Spark jobs. */
  @FunctionalInterface
  public interface Jobs {
    void run() throws IOException;
  }

  /** Runs {@code jobs}; if they throw, waits (at most {@link #WAIT_MILLIS}) until their tasks have ended. */
  public static void run(SparkContext sc, Jobs jobs) throws IOException {
    StartedTasks tasks = new StartedTasks();
    sc.addSparkListener(tasks);
    try {
      jobs.run();
    } catch (Throwable e) { // Spark's own exceptions are checked ones that Java does not see declared
      awaitEnd(sc, tasks);
      throw e;
    } finally {
      sc.removeSparkListener(tasks);
    }
  }

  private static void awaitEnd(SparkContext sc, StartedTasks tasks) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
    try {
      // every task launched before the failure has had its start delivered to the listener after this
      // (listenerBus() is private[spark] in Scala, public in the bytecode; Spark's own tests wait on it so)
      sc.listenerBus().waitUntilEmpty(WAIT_MILLIS);
      tasks.awaitNoneRunning(deadline);
    } catch (TimeoutException e) {
      // the listeners lag by more than the whole wait: go on as Spark would have
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The tasks started since the listener was added that have not ended yet. */
  private static final class StartedTasks extends SparkListener {
    private final Set<Long> running = new HashSet<>();

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart start) {
      running.add(start.taskInfo().taskId());
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
      running.remove(end.taskInfo().taskId());
      if (running.isEmpty()) {
        notifyAll();
      }
    }

    synchronized void awaitNoneRunning(long deadlineNanos) throws InterruptedException {
      for (long left = deadlineNanos - System.nanoTime(); !running.isEmpty() && left > 0;
          left = deadlineNanos - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }
}
