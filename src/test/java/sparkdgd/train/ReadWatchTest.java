package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.Success$;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;
import org.apache.spark.scheduler.TaskLocality;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/**
 * The reports of a long first pass, from real jobs on the test session: a task still running is seen through its
 * executor's heartbeat (one gzip file is one task, which read a 596 MB file for 59 s in silence), and the training
 * job watches its first pass.
 */
@Tag("spark")
class ReadWatchTest {
  /** Holds the test's one running task until the test has seen its records; the task runs in this JVM (local). */
  private static volatile CountDownLatch release;

  /**
   * A stage resubmitted after a lost executor runs only the partitions lost, and numbers its tasks from 0: task index
   * 0 of the second attempt is partition 2. Counted by index, partition 0 would count twice and partition 2 never.
   */
  @Test
  void aResubmittedAttemptsTaskIsCountedByItsPartitionNotItsIndex() {
    ReadProgress progress = new ReadProgress(0, 10, 15, -1);
    ReadWatch watch = new ReadWatch(null, progress, -1); // events made up here: no listener bus, never closed
    progress.stage(5, 3, true, true);
    watch.onTaskEnd(taskEnd(1, 5, 0, 0, 0, 100));
    watch.onTaskEnd(taskEnd(2, 5, 0, 1, 1, 200));
    watch.onTaskEnd(taskEnd(3, 5, 1, 0, 2, 300)); // attempt 1: its only task, index 0, is partition 2
    ReadStatus s = progress.status(0);
    assertEquals(3, s.readDone(), "partitions 0, 1 and 2 are done");
    assertEquals(100 + 200 + 300, s.records());
  }

  private static SparkListenerTaskEnd taskEnd(long taskId, int stage, int attempt,
      int index, int partition, long records) {
    TaskInfo info = new TaskInfo(taskId, index, 0, partition, 0L,
        "0", "localhost", TaskLocality.PROCESS_LOCAL(), false);
    TaskMetrics m = TaskMetrics.empty();
    m.inputMetrics().incRecordsRead(records);
    m.inputMetrics().incBytesRead(records * 10);
    return new SparkListenerTaskEnd(stage, attempt, "ResultTask",
        Success$.MODULE$, info, null, m);
  }

  @Test
  void aRunningTasksRecordsAreSeenBeforeItEnds(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("lines.txt");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      text.append(i).append('\n');
    }
    Files.writeString(file, text);
    long size = Files.size(file);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    List<ReadStatus> seen = Collections.synchronizedList(new ArrayList<>());
    release = new CountDownLatch(1);
    CompletableFuture<Long> job;
    try (ReadWatch watch = ReadWatch.start(jsc.sc(), -1, size, ReadWatch.InputKind.TEXT, new ReadWatch.Timing(0.05, 0.05), seen::add)) {
      // one task reads every line, then waits: only a heartbeat (every 10 s by default) can tell of its records
      job = CompletableFuture.supplyAsync(() -> jsc.textFile(file.toString(), 1).mapPartitions(lines -> {
        long n = 0;
        while (lines.hasNext()) {
          lines.next();
          n++;
        }
        release.await(60, TimeUnit.SECONDS);
        return List.of(n).iterator();
      }).reduce(Long::sum));
      ReadStatus running = null;
      for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45); running == null
          && System.nanoTime() < deadline; Thread.sleep(50)) {
        synchronized (seen) {
          running = seen.stream().filter(s -> s.records() == 10_000).findFirst().orElse(null);
        }
      }
      release.countDown();
      assertEquals(10_000L, job.get(60, TimeUnit.SECONDS));
      assertTrue(running != null, "no report told of the running task's 10,000 lines; the last: "
          + (seen.isEmpty() ? "none" : seen.get(seen.size() - 1)));
      // the one task had not ended; all of the file read (bytes are counted every 1,000 records)
      assertEquals(new ReadStatus(0, 1, 10_000, size, size, 0, 0, 0, running.seconds()), running);
      // the job's end does not wait for its task's end event on the listener bus, which the watch counts from
      jsc.sc().listenerBus().waitUntilEmpty();
      ReadStatus end = watch.status();
      assertEquals(1, end.readDone());
      assertEquals(10_000, end.records());
    } finally {
      release.countDown();
    }
  }

  @Test
  void theTrainingJobReportsItsFirstPassWithTheSplitsReadAndThePartitionsCached(@TempDir Path tmp) throws Exception {
    // a gzip file is one split, whatever its size; --partitions 3 caches its blocks in 3 partitions after a shuffle
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 20_000; i++) {
      text.append(String.format(Locale.ROOT, "%d,%d%n", i % 100, 2 * (i % 100) + 1));
    }
    Path csv = tmp.resolve("d.csv.gz");
    try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(csv)), StandardCharsets.UTF_8)) {
      w.write(text.toString());
    }
    List<ReadStatus> seen = Collections.synchronizedList(new ArrayList<>());
    ProgressListener listener = new ProgressListener() {
      @Override
      public void reading(ReadStatus status) {
        seen.add(status);
      }
    };
    // a report every millisecond from the start, so that a pass of a fraction of a second has some
    TrainingJob.run(SparkTestSession.get(), Configs.data(csv).partitions(3).epochs(1).build(), listener,
        TrainedDataVisitor.NONE, new ReadWatch.Timing(0.001, 0.001));
    List<ReadStatus> reports;
    synchronized (seen) {
      reports = List.copyOf(seen);
    }
    assertFalse(reports.isEmpty(), "the first pass was not reported");
    ReadStatus last = reports.get(reports.size() - 1);
    assertEquals(1, last.readTasks(), last.toString());
    assertEquals(3, last.cachePartitions(), last.toString());
    assertEquals(Files.size(csv), last.inputBytes());
    for (ReadStatus s : reports) {
      // the header is a line read; bytes are the compressed file's
      assertTrue(s.records() <= 20_001 && s.bytes() <= Files.size(csv) && s.cacheDone() <= 3, s.toString());
    }
    int before = seen.size();
    Thread.sleep(50);
    assertEquals(before, seen.size(), "reports went on after the pass");
  }

  @Test
  void theTrainingJobLeavesOutTheBytesOfParquetWhichSparkDoesNotCount(@TempDir Path tmp) throws Exception {
    String parquet = tmp.resolve("d.parquet").toString();
    SparkTestSession.get().range(20_000)
        .selectExpr("CAST(id % 100 AS DOUBLE) AS x", "CAST(2 * (id % 100) + 1 AS DOUBLE) AS y")
        .repartition(2).write().parquet(parquet);
    List<ReadStatus> seen = Collections.synchronizedList(new ArrayList<>());
    ProgressListener listener = new ProgressListener() {
      @Override
      public void reading(ReadStatus status) {
        seen.add(status);
      }
    };
    TrainingJob.run(SparkTestSession.get(), Configs.data(parquet).epochs(1).build(), listener,
        TrainedDataVisitor.NONE, new ReadWatch.Timing(0.001, 0.001));
    List<ReadStatus> reports;
    synchronized (seen) {
      reports = List.copyOf(seen);
    }
    assertFalse(reports.isEmpty(), "the first pass was not reported");
    // Spark's Parquet scan counts a few footer bytes, not the columns read: no "0.0 MB read"
    for (ReadStatus s : reports) {
      assertEquals(-1, s.bytes(), s.toString());
    }
  }

  @Test
  void theTrainingJobReportsTheLibsvmPassThatFindsTheNumberOfFeatures(@TempDir Path tmp) throws Exception {
    // without --num-features the largest index is found by a whole pass over the text before the caching one
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append(String.format(Locale.ROOT, "%d 1:%d 3:1%n", 2 * (i % 100) + 1, i % 100));
    }
    Path libsvm = Files.writeString(tmp.resolve("d.libsvm"), text);
    List<ReadStatus> seen = Collections.synchronizedList(new ArrayList<>());
    ProgressListener listener = new ProgressListener() {
      @Override
      public void reading(ReadStatus status) {
        seen.add(status);
      }
    };
    TrainingJob.run(SparkTestSession.get(), Configs.data(libsvm).partitions(2).epochs(1).build(), listener,
        TrainedDataVisitor.NONE, new ReadWatch.Timing(0.001, 0.001));
    List<ReadStatus> reports;
    synchronized (seen) {
      reports = List.copyOf(seen);
    }
    List<ReadStatus> counting = reports.stream().filter(s -> s.pass() == ReadStatus.Pass.FEATURE_COUNT).toList();
    assertFalse(counting.isEmpty(), "the pass that finds the number of features was not reported: " + reports);
    for (ReadStatus s : counting) {
      assertTrue(s.records() <= 20_000 && s.inputBytes() == Files.size(libsvm) && s.cachePartitions() == 0,
          s.toString());
    }
    // then the reading and caching pass, told as such: none of its lines come before the count's last
    int lastCount = reports.lastIndexOf(counting.get(counting.size() - 1));
    assertTrue(reports.subList(0, lastCount).stream().allMatch(s -> s.pass() == ReadStatus.Pass.FEATURE_COUNT),
        reports.toString());
    assertTrue(reports.subList(lastCount + 1, reports.size()).stream().allMatch(s -> s.pass() == ReadStatus.Pass.READ)
        && lastCount < reports.size() - 1, reports.toString());
  }
}
