package sparkdgd.train;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;

/**
 * The daemon thread of a progress watch ({@link ReadWatch}, {@link JobWatch}): it checks every tick whether a report
 * is due, and stops with the Spark listener the watch is.
 */
final class WatchTicker {
  private final ScheduledExecutorService executor;

  WatchTicker(String threadName) {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code check} every {@code tickMillis}; one that throws does not end the checks (the executor would). */
  void every(long tickMillis, Runnable check) {
    executor.scheduleAtFixedRate(() -> {
      try {
        check.run();
      } catch (RuntimeException e) {
        // nothing to do: the next check comes in its time
      }
    }, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  /** Stops the checks, none running after this returns, and removes {@code listener} from {@code sc}. */
  void stop(SparkContext sc, SparkListener listener) {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sc.removeSparkListener(listener);
  }
}
