package sparkdgd.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.JobExecutionStatus;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import scala.Option;
import scala.collection.Iterator;
import sparkdgd.resident.ResidentTasks;

/**
 * Tells of a Spark job of the run that takes long, after the data is read (a preparation pass over blocks cached on
 * disk, an epoch over a cluster's worth of rows, which print nothing until they end): its description, the job's
 * name in the Spark UI, how many of its tasks are done and how long it has run, {@link ReadWatch.Timing#firstSeconds}
 * after it started, then every {@link ReadWatch.Timing#everySeconds} until it ends. A job that ends sooner is not
 * told. The resident tasks' job, which runs as long as training, is not watched ({@link ResidentTasks#JOB_PROPERTY}).
 */
public final class JobWatch extends SparkListener implements AutoCloseable {
  /** A long job as told: its description (null when it has none), tasks done, tasks submitted, seconds running. */
  public record Status(String description, int tasksDone, int tasks, double seconds) {}

  /** A watched job. Its counts change on the listener bus's thread and are read on the watch's. */
  private static final class Running {
    final String description;
    final long startNanos;
    volatile int tasks;
    volatile int done;
    long toldNanos; // only on the watch's thread

    Running(String description, long startNanos) {
      this.description = description;
      this.startNanos = startNanos;
    }
  }

  private final SparkContext sc;
  private final ReadWatch.Timing timing;
  private final Map<Integer, Running> jobs = new ConcurrentHashMap<>();
  private final Map<Integer, Running> stages = new ConcurrentHashMap<>();
  private final WatchTicker ticker = new WatchTicker("spark-dgd job progress");

  private JobWatch(SparkContext sc, ReadWatch.Timing timing) {
    this.sc = sc;
    this.timing = timing;
  }

  /** Watches the jobs the driver starts from now on until {@link #close}; {@code report} is told on its own thread. */
  public static JobWatch start(SparkContext sc, ReadWatch.Timing timing, Consumer<Status> report) {
    JobWatch watch = new JobWatch(sc, timing);
    sc.addSparkListener(watch);
    watch.ticker.every(timing.tickMillis(), () -> watch.due(System.nanoTime()).forEach(report));
    return watch;
  }

  /**
   * The statuses due at {@code now}: of each job that has run long and was not told of lately, and that Spark's own
   * status says still runs (the listener bus drops events when its queue is full: a job whose end this watch missed
   * would otherwise be told until the run ends).
   */
  private List<Status> due(long now) {
    List<Status> out = new ArrayList<>();
    for (Map.Entry<Integer, Running> job : jobs.entrySet()) {
      Running r = job.getValue();
      if (ended(job.getKey())) {
        forget(job.getKey());
        continue;
      }
      boolean due = r.toldNanos == 0 ? now - r.startNanos >= nanos(timing.firstSeconds())
          : now - r.toldNanos >= nanos(timing.everySeconds());
      if (due) {
        r.toldNanos = now;
        out.add(new Status(r.description, r.done, r.tasks, (now - r.startNanos) / 1e9));
      }
    }
    return out;
  }

  /** Whether Spark's status store has the job {@code jobId} as ended (succeeded or failed). */
  private boolean ended(int jobId) {
    Option<SparkJobInfo> info = sc.statusTracker().getJobInfo(jobId);
    return info.isDefined() && info.get().status() != JobExecutionStatus.RUNNING
        && info.get().status() != JobExecutionStatus.UNKNOWN;
  }

  /** The jobs watched that have not ended (as the listener bus has told). */
  int running() {
    return jobs.size();
  }

  private static long nanos(double seconds) {
    return (long) (seconds * 1e9);
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    Properties p = job.properties();
    if (p != null && p.getProperty(ResidentTasks.JOB_PROPERTY) != null) {
      return;
    }
    // from the job's start as Spark timed it, not this event's delivery, which a busy listener bus delays
    long late = Math.max(0, System.currentTimeMillis() - job.time());
    Running r = new Running(p == null ? null : p.getProperty("spark.job.description"),
        System.nanoTime() - late * 1_000_000);
    jobs.put(job.jobId(), r);
    Iterator<StageInfo> it = job.stageInfos().iterator();
    while (it.hasNext()) {
      stages.put(it.next().stageId(), r);
    }
  }

  /** A stage's tasks count once it is submitted: a stage whose output is already there never is. */
  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    Running r = stages.get(submitted.stageInfo().stageId());
    if (r != null) {
      r.tasks += submitted.stageInfo().numTasks();
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    Running r = stages.get(end.stageId());
    if (r != null && end.reason() == Success$.MODULE$) {
      r.done++;
    }
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd end) {
    forget(end.jobId());
  }

  private void forget(int jobId) {
    Running r = jobs.remove(jobId);
    if (r != null) {
      stages.values().removeIf(s -> s == r);
    }
  }

  /** Stops telling: nothing is told after this returns. */
  @Override
  public void close() {
    ticker.stop(sc, this);
  }
}
