package sparkdgd.train;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the tasks of a pass over the input have read so far, and when a line about it is due: the first
 * {@code firstSeconds} after the start, then every {@code everySeconds}; a pass that ends sooner says nothing.
 *
 * <p>Fed by {@link ReadWatch} from Spark's listener bus: a task's final counts when it ends, and a running task's
 * counts as its executor last reported them (every {@code spark.executor.heartbeatInterval}, 10 s by default), so
 * that one long task (a gzip file, which one task reads whole) still shows its progress. Two kinds of stage count:
 * those that read the input (no parent stage), and the one that builds the cached blocks when it is another (a
 * shuffle after the read, as {@code --partitions} above the input's splits makes). Times are nanoseconds of one
 * clock, given by the caller. Thread-safe: events and {@link #due} may come from different threads.
 */
final class ReadProgress {
  /** A task's counts: records and bytes read from the input, records taken in from a shuffle. */
  record Counts(long records, long bytes, long shuffleRecords) {
    static final Counts NONE = new Counts(0, 0, 0);
  }

  private final long startNanos;
  private final long firstNanos;
  private final long everyNanos;
  private final long inputBytes;
  private final ReadWatch.InputKind kind;
  private long lastLineNanos = Long.MIN_VALUE;
  private final Set<Integer> watchedStages = new HashSet<>();
  private final Set<Integer> readingStages = new HashSet<>();
  private final Set<Integer> cachingStages = new HashSet<>();
  private int readTasks;
  private int cachePartitions;
  /** Partitions finished, as "stage:partition": a retried or speculative copy that succeeds too counts once. */
  private final Set<String> done = new HashSet<>();
  private int readDone;
  private int cacheDone;
  /** Tasks that have ended; a late report of one of them is ignored. */
  private final Set<Long> ended = new HashSet<>();
  private long records;
  private long bytes;
  private long cacheRecords;
  /** The running tasks' counts as last reported, and whether each builds the cached blocks in a later stage. */
  private final Map<Long, Counts> running = new HashMap<>();
  private final Map<Long, Boolean> runningCaches = new HashMap<>();

  /** As below, of text input, whose bytes Spark counts. */
  ReadProgress(long startNanos, double firstSeconds, double everySeconds, long inputBytes) {
    this(startNanos, firstSeconds, everySeconds, inputBytes, ReadWatch.InputKind.TEXT);
  }

  /**
   * @param inputBytes the input files' size, or -1 when the pass need not read all of them
   * @param kind       whether Spark counts the bytes the pass reads ({@link ReadWatch.InputKind})
   */
  ReadProgress(long startNanos, double firstSeconds, double everySeconds, long inputBytes,
      ReadWatch.InputKind kind) {
    this.startNanos = startNanos;
    this.kind = kind;
    this.firstNanos = (long) (firstSeconds * 1e9);
    this.everyNanos = (long) (everySeconds * 1e9);
    this.inputBytes = inputBytes;
  }

  /**
   * A stage of the pass, of {@code tasks} tasks: it reads the input if {@code reads}, and builds the cached blocks if
   * {@code caches}. A stage told twice (a job's stage, then its submission) counts once.
   */
  synchronized void stage(int stageId, int tasks, boolean reads, boolean caches) {
    if (!watchedStages.add(stageId)) {
      return;
    }
    if (reads) {
      readingStages.add(stageId);
      readTasks += tasks;
    } else if (caches) {
      cachingStages.add(stageId);
      cachePartitions += tasks;
    }
  }

  /** A running task's counts so far, as its executor reported them. */
  synchronized void running(long taskId, int stageId, Counts counts) {
    if (watchedStages.contains(stageId) && !ended.contains(taskId)) {
      running.put(taskId, counts);
      runningCaches.put(taskId, cachingStages.contains(stageId));
    }
  }

  /** Task {@code taskId}, of partition {@code partition}, ended; a failed one's counts are dropped (its retry reads
   *  again), and so are those of a partition that had succeeded already (a speculative copy, or a retry in a stage
   *  resubmitted: each read the partition again). */
  synchronized void ended(long taskId, int stageId, int partition, boolean successful, Counts counts) {
    if (!watchedStages.contains(stageId)) {
      return;
    }
    ended.add(taskId);
    running.remove(taskId);
    runningCaches.remove(taskId);
    if (!successful || !done.add(stageId + ":" + partition)) {
      return;
    }
    records += counts.records();
    bytes += counts.bytes();
    if (readingStages.contains(stageId)) {
      readDone++;
    } else if (cachingStages.contains(stageId)) {
      cacheRecords += counts.shuffleRecords();
      cacheDone++;
    }
  }

  /**
   * The status if a line is due at {@code nowNanos}, else null; a status returned counts as printed. None is due before
   * a stage that reads the input has started: "0 of 0 partitions" would say nothing.
   */
  synchronized ReadStatus due(long nowNanos) {
    boolean due = readTasks > 0 && (lastLineNanos == Long.MIN_VALUE ? nowNanos - startNanos >= firstNanos
        : nowNanos - lastLineNanos >= everyNanos);
    if (!due) {
      return null;
    }
    lastLineNanos = nowNanos;
    return status(nowNanos);
  }

  /** Where the pass is at {@code nowNanos}. */
  synchronized ReadStatus status(long nowNanos) {
    long r = records;
    long b = bytes;
    long c = cacheRecords;
    for (Map.Entry<Long, Counts> task : running.entrySet()) {
      r += task.getValue().records();
      b += task.getValue().bytes();
      if (runningCaches.get(task.getKey())) {
        c += task.getValue().shuffleRecords();
      }
    }
    // tasks of adjacent splits both read the buffer around their boundary: a pass over many splits counts more
    // bytes than the files hold (2 x 127 kB for a CSV of 3 splits), which would read as more than all of the input
    if (inputBytes >= 0) {
      b = Math.min(b, inputBytes);
    }
    if (kind == ReadWatch.InputKind.PARQUET || (kind == ReadWatch.InputKind.EITHER && b < r)) {
      b = -1;
    }
    return new ReadStatus(readDone, readTasks, r, b, inputBytes, cacheDone, cachePartitions, c,
        (nowNanos - startNanos) / 1e9);
  }
}
