package sparkdgd.train;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.spark.SparkContext;
import org.apache.spark.Success$;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.storage.RDDInfo;
import scala.Tuple4;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;

/**
 * Reports a long pass over the input while it runs (the first pass, which reads, parses and caches it: a 596 MB gzip
 * CSV, which one task reads whole, took 59 s): a {@link ReadStatus} {@link #FIRST_SECONDS} after the start, then
 * every {@link #EVERY_SECONDS}, until {@link #close}. A pass that ends sooner reports nothing.
 *
 * <p>The counts come from Spark's listener bus ({@link ReadProgress}): the input metrics of the tasks that ended,
 * and of those running as their executors' heartbeats last carried them; a daemon thread checks once a second
 * whether a report is due. Watches the jobs started between {@link #start} and {@link #close} (on the driver).
 */
public final class ReadWatch extends SparkListener implements AutoCloseable {
  /** The first report this long after the start, ... */
  public static final double FIRST_SECONDS = 10;
  /** ... then one this often. */
  public static final double EVERY_SECONDS = 15;
  /** What an accumulator counts, as an index into a task's counts. */
  private static final int RECORDS = 0;
  private static final int BYTES = 1;
  private static final int SHUFFLE_RECORDS = 2;

  private final SparkContext sc;
  private final ReadProgress progress;
  private final WatchTicker ticker = new WatchTicker("spark-dgd read progress");
  /** The cached blocks' RDD, whose stage's progress is told apart when it is not the reading one; -1: none. */
  private final int cachedRddId;
  /** The accumulators of the watched stages' task metrics that count input and shuffle records: id -> kind. */
  private final Map<Long, Integer> metrics = new ConcurrentHashMap<>();

  /** Whether Spark counts the bytes a pass reads, as {@link ReadStatus#bytes}. */
  public enum InputKind {
    /** Text (CSV, LIBSVM, compressed or not): the bytes read, compressed ones of a compressed file. */
    TEXT,
    /** Parquet: none, as Spark's scan counts almost none of them (31,764 bytes for 10,000,000 rows). */
    PARQUET,
    /** Either (predict's and evaluate's input, read by Spark SQL): the bytes only when at least one a record, as a
     *  text line holds one at least and Parquet's scan counts far fewer. */
    EITHER
  }

  /** When reports are made: the first {@code firstSeconds} after the start, then every {@code everySeconds}. */
  public record Timing(double firstSeconds, double everySeconds) {
    /** {@link #FIRST_SECONDS}, then every {@link #EVERY_SECONDS}. */
    public static final Timing DEFAULT = new Timing(FIRST_SECONDS, EVERY_SECONDS);

    /** How often the watch's thread checks whether a report is due: a second, or less for shorter times. */
    long tickMillis() {
      return Math.max(1, (long) (Math.min(1.0, Math.min(firstSeconds, everySeconds) / 4) * 1000));
    }
  }

  /** Package-private for tests, which feed it made-up events; {@link #start} is the way in. */
  ReadWatch(SparkContext sc, ReadProgress progress, int cachedRddId) {
    this.sc = sc;
    this.progress = progress;
    this.cachedRddId = cachedRddId;
  }

  /**
   * Starts watching the jobs that the driver starts from now on.
   *
   * @param cachedRddId the RDD whose blocks the pass caches, -1 for none
   * @param inputBytes  the input files' size, or -1 when the pass need not read all of them
   * @param kind        the input's kind, which says whether its bytes are told
   * @param report      told each status due, on the watch's own thread
   */
  public static ReadWatch start(SparkContext sc, int cachedRddId, long inputBytes, InputKind kind, Timing timing,
      Consumer<ReadStatus> report) {
    ReadWatch watch = new ReadWatch(sc, new ReadProgress(System.nanoTime(), timing.firstSeconds(),
        timing.everySeconds(), inputBytes, kind), cachedRddId);
    sc.addSparkListener(watch);
    long tick = timing.tickMillis();
    watch.ticker.every(tick, () -> {
      ReadStatus due = watch.progress.due(System.nanoTime());
      if (due != null) {
        report.accept(due);
      }
    });
    return watch;
  }

  /** Where the pass is now. */
  ReadStatus status() {
    return progress.status(System.nanoTime());
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    Iterator<StageInfo> stages = job.stageInfos().iterator();
    while (stages.hasNext()) {
      StageInfo s = stages.next();
      boolean caches = false;
      Iterator<RDDInfo> rdds = s.rddInfos().iterator();
      while (rdds.hasNext()) {
        caches |= rdds.next().id() == cachedRddId;
      }
      progress.stage(s.stageId(), s.numTasks(), s.parentIds().isEmpty(), caches);
    }
  }

  /** Learns which of the submitted stage's accumulators count what: a running task's heartbeat names only ids. */
  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted submitted) {
    TaskMetrics m = submitted.stageInfo().taskMetrics();
    if (m != null) {
      metrics.put(m.inputMetrics()._recordsRead().id(), RECORDS);
      metrics.put(m.inputMetrics()._bytesRead().id(), BYTES);
      metrics.put(m.shuffleReadMetrics()._recordsRead().id(), SHUFFLE_RECORDS);
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd end) {
    TaskMetrics m = end.taskMetrics();
    boolean ok = end.reason() == Success$.MODULE$ && m != null;
    // the partition, not index(): a resubmitted stage attempt runs only the partitions lost, indexed from 0
    progress.ended(end.taskInfo().taskId(), end.stageId(), end.taskInfo().partitionId(), ok, !ok ? ReadProgress.Counts.NONE
        : new ReadProgress.Counts(m.inputMetrics().recordsRead(), m.inputMetrics().bytesRead(),
            m.shuffleReadMetrics().recordsRead()));
  }

  @Override
  public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
    Iterator<Tuple4<Object, Object, Object, Seq<AccumulableInfo>>> tasks = update.accumUpdates().iterator();
    while (tasks.hasNext()) {
      Tuple4<Object, Object, Object, Seq<AccumulableInfo>> task = tasks.next();
      long[] counts = new long[3];
      Iterator<AccumulableInfo> accumulators = task._4().iterator();
      while (accumulators.hasNext()) {
        AccumulableInfo a = accumulators.next();
        Integer kind = metrics.get(a.id());
        if (kind != null && a.update().isDefined() && a.update().get() instanceof Long value) {
          counts[kind] = value;
        }
      }
      progress.running((Long) task._1(), (Integer) task._2(),
          new ReadProgress.Counts(counts[RECORDS], counts[BYTES], counts[SHUFFLE_RECORDS]));
    }
  }

  /** Stops reporting: no report is made after this returns. */
  @Override
  public void close() {
    ticker.stop(sc, this);
  }
}
