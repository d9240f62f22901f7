package sparkdgd.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import sparkdgd.config.RegParamGrid;
import sparkdgd.train.EpochCheckpoint;
import sparkdgd.train.EpochRecord;
import sparkdgd.train.JobWatch;
import sparkdgd.train.ProgressListener;
import sparkdgd.output.Counts;
import sparkdgd.train.ReadStatus;
import sparkdgd.train.RegParamSearch;

/**
 * Progress lines in the tutorial's form, with the speed and the time left:
 * {@code Epoch 10: MSE = 0.0101235  (grad norm 1.3e-03, 4.2 s, 2.4 epochs/s, ETA 37 s)}.
 *
 * <p>A line is printed after epoch 1; after every {@code logEvery}-th epoch, but no sooner than
 * {@code minSeconds} after the previous line (0: every {@code logEvery}-th epoch exactly); after any
 * epoch once {@link #HEARTBEAT_SECONDS} have passed without a line, so a slow run always shows
 * progress; and after the last epoch ({@link #finish()}). The ETA is at the pace since the previous line: the first
 * line (after epoch 1, or the first after a resume) has none, nor has the line of the epoch that ends the run.
 * Times are the trainer's clock in the records.
 */
final class ConsoleProgress implements ProgressListener {
  /** A line at least this often, whatever {@code logEvery}. */
  static final double HEARTBEAT_SECONDS = 30;

  private final PrintStream out;
  /** The warnings about the model or its data, from any thread. */
  private final List<String> doubts = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
  private final PrintStream err;
  private final int logEvery;
  private final int maxEpochs;
  private final double minSeconds;
  private EpochRecord lastSeen;
  private int lastPrinted;
  private double lastPrintedAt;
  private double initialMse = Double.NaN;
  /** The --init-model the parameters start from, or null for zero. */
  private String startsFrom;
  /** Where the intercept starts when not at zero ({@code interceptStart}), or null. */
  private String interceptStart;
  /**
   * The last epoch done (or resumed from), the newest checkpoint's epoch (0: none) and the newest state not written
   * (null: none), for {@link InterruptNotice}; checkpoint saves and {@link #stop} hold the lock, and after
   * {@code stop} no save starts.
   */
  private final Object checkpoints = new Object();
  private volatile int lastEpoch;
  private volatile int newestCheckpoint;
  /** The newest checkpoint a progress line has named (or the one resumed from): each is named once. */
  private int toldCheckpoint;
  private EpochCheckpoint unwritten;
  private boolean stopped;
  /** The checkpoint's epoch this run resumed after, 0 if it did not. */
  private int resumedFrom;
  /** The command's, for its out-of-memory hint: what the job says of the blocks it caches is passed on, not printed. */
  private final BlocksToCache blocksToCache;
  /** The warnings printed, each once: a search's refit tells again some of the search's ({@link #refitting}). */
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  ConsoleProgress(PrintStream out, PrintStream err, int logEvery) {
    this(out, err, logEvery, 0, 0);
  }

  /** As the constructor below, with a {@link BlocksToCache} nobody reads. */
  ConsoleProgress(PrintStream out, PrintStream err, int logEvery, int maxEpochs, double minSeconds) {
    this(out, err, logEvery, maxEpochs, minSeconds, new BlocksToCache());
  }

  /**
   * @param err           where warnings go
   * @param maxEpochs     the epoch limit, for the ETA (0: no ETA)
   * @param minSeconds    least time between two {@code logEvery} lines
   * @param blocksToCache where {@link #caching} goes (the training job tells its one listener)
   */
  ConsoleProgress(PrintStream out, PrintStream err, int logEvery, int maxEpochs, double minSeconds,
      BlocksToCache blocksToCache) {
    this.out = out;
    this.err = err;
    this.logEvery = logEvery;
    this.maxEpochs = maxEpochs;
    this.minSeconds = minSeconds;
    this.blocksToCache = blocksToCache;
  }

  /**
   * A --reg-param search is over and the value it chose is trained again on all the rows (--refit true), as told by
   * {@code line}: the warnings about the model from here on are the refit's (model.json lists those), though one the
   * search printed is not printed again; the epochs count from the start.
   */
  void refitting(String line) {
    finish();
    doubts.clear();
    restartEpochs();
    out.println(line);
  }

  /** The epochs' lines count again from the start: another model is trained. */
  private void restartEpochs() {
    lastSeen = null;
    lastPrinted = 0;
    lastPrintedAt = 0;
    lastEpoch = 0;
  }

  @Override
  public void caching(int partitions, long denseBlockBytes) {
    blocksToCache.caching(partitions, denseBlockBytes);
  }

  @Override
  public void reading(ReadStatus status) {
    out.println(readLine(status.pass() == ReadStatus.Pass.FEATURE_COUNT ? "Finding the number of features"
        : "Reading the input", status));
  }

  /**
   * {@code Reading the input: 1 of 4 partitions done, 1,234,567 records, 123.4 of 835.8 MB read, 20 s}; without the
   * input's size (predict's and evaluate's input) {@code 123.4 MB read}; without the bytes, which Spark does not
   * count for Parquet ({@link ReadStatus#bytes} -1), {@code 1,234,567 records, 20 s}; when the blocks are cached in a
   * stage after the reading one (a shuffle), the reading stage's tasks are the input's splits, and the caching stage
   * follows: {@code ...; caching: 0 of 2 partitions done, 3,456,789 records, 1 min 13 s}; with the rows shuffled as
   * blocks ({@code --shuffle-rows}) {@code ...; shuffling the rows and caching: 0 of 2 partitions done, 20 s}.
   */
  static String readLine(String doing, ReadStatus s) {
    String bytes = s.bytes() < 0 ? ""
        : s.inputBytes() < 0 ? String.format(Locale.ROOT, ", %.1f MB read", s.bytes() / 1e6)
        : String.format(Locale.ROOT, ", %.1f of %.1f MB read", s.bytes() / 1e6, s.inputBytes() / 1e6);
    String read = s.cachePartitions() == 0 ? Counts.of(s.readTasks(), "partition")
        : Counts.of(s.readTasks(), "split");
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %,d of %s done, %s%s", doing,
        s.readDone(), read, Counts.of(s.records(), "record"), bytes));
    if (s.cachePartitions() > 0 && s.cacheRecords() < 0) {
      line.append(String.format(Locale.ROOT, "; shuffling the rows and caching: %,d of %s done", s.cacheDone(),
          Counts.of(s.cachePartitions(), "partition")));
    } else if (s.cachePartitions() > 0) {
      line.append(String.format(Locale.ROOT, "; caching: %,d of %s done, %s", s.cacheDone(),
          Counts.of(s.cachePartitions(), "partition"), Counts.of(s.cacheRecords(), "record")));
    }
    return line.append(", ").append(duration(s.seconds())).toString();
  }

  @Override
  public void dataReady(long rows, long validationRows, int partitions, int dims, double loadSeconds) {
    String trainingRows = validationRows == 0 ? String.format(Locale.ROOT, "%,d row%s", rows, rows == 1 ? "" : "s")
        : String.format(Locale.ROOT, "%,d training row%s (%,d held out for validation)", rows, rows == 1 ? "" : "s",
            validationRows);
    out.printf(Locale.ROOT, "Data: %s x %,d feature%s in %,d partition%s, read and cached in %.1f s%n", trainingRows,
        dims, dims == 1 ? "" : "s", partitions, partitions == 1 ? "" : "s", loadSeconds);
  }

  @Override
  public void label(String column, String chosenBy) {
    out.println("Label: " + column + (chosenBy == null ? " (--label-col)"
        : " (" + chosenBy + "; --label-col to choose another)"));
  }

  @Override
  public void weights(String column, double total, long rows) {
    // seven digits, grouped as the rows are: 2,999, 1,499,125, 4,129.449
    java.math.BigDecimal rounded = new java.math.BigDecimal(total).round(new java.math.MathContext(7))
        .stripTrailingZeros();
    String sum = String.format(Locale.ROOT, "%,." + Math.max(0, rounded.scale()) + "f", rounded);
    out.printf(Locale.ROOT, "Weights: %s (--weight-col), %s in all over %,d rows: means divide by that sum%n", column,
        sum, rows);
  }

  @Override
  public void classWeights(sparkdgd.config.ClassWeights weights, long negatives, long positives) {
    out.printf(Locale.ROOT, "Class weights: %.6g for class 0 (%,d rows), %.6g for class 1 (%,d rows) (--class-weight "
        + "%s%s): the epochs' log-loss and accuracy weigh each row so, as do model.json's trainMetrics and the "
        + "validation's; metrics.json and the training data's line after training do not%n",
        weights.negative(), negatives, weights.positive(), positives, weights, weights.balanced() ? ": n / (2 n_c)"
        : "");
  }

  @Override
  public void columnsNotRead(java.util.List<String> columns) {
    out.println("Not read: " + String.join(", ", columns));
  }

  @Override
  public void cacheStored(String storageLevel, long memoryBytes, long diskBytes) {
    out.printf(Locale.ROOT, "Cache (%s): %s in memory, %s on disk%n", storageLevel, size(memoryBytes),
        size(diskBytes));
  }

  /** {@code bytes} as {@code 57.6 MB}, or below 0.1 MB as {@code 48.2 kB} (small data read 0.0 MB); 0 as 0.0 MB. */
  static String size(long bytes) {
    return bytes > 0 && bytes < 100_000 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
        : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  @Override
  public void kernel(String blocks, java.util.List<String> kernels) {
    for (String kernel : kernels) {
      out.println(blocks + ": " + kernel);
    }
  }

  /** The count and a few of the records ({@link SkippedRecords#print}). */
  @Override
  public void skippedRecords(long count, java.util.List<String> examples, boolean withinLimit) {
    SkippedRecords.print(out, count, examples);
    SkippedRecords.warning(count, examples, "trained on").ifPresent(withinLimit ? this::warning : this::doubt);
  }

  /** Seconds between two lines while the learning rate is estimated (41 s had passed silent at 1e6 features). */
  static final double ESTIMATE_PROGRESS_SECONDS = 10;

  /** When the last line about the estimate's passes was printed, in its seconds. */
  private double estimateLine;

  @Override
  public void learningRatePass(int pass, int maxPasses, double seconds) {
    if (pass == 1) {
      estimateLine = 0;
    }
    if (seconds - estimateLine >= ESTIMATE_PROGRESS_SECONDS && pass < maxPasses) {
      estimateLine = seconds;
      out.printf(Locale.ROOT, "Estimating the learning rate: %d Lanczos pass%s done (at most %d), %.0f s%n",
          pass, pass == 1 ? "" : "es", maxPasses, seconds);
    }
  }

  @Override
  public void learningRateEstimated(double largestEigenvalue, int passes, double learningRate, double stillMoving) {
    String settled = Double.isNaN(stillMoving) ? "" : String.format(Locale.ROOT, ", the most it takes: the estimate "
        + "still moved by %.2g%% in the last; it is below L, and the step stays stable while it is above L/2",
        100 * stillMoving);
    out.printf(Locale.ROOT, "Learning rate: auto = 1/L = %.6g (L = %.6g, largest Hessian eigenvalue, "
        + "from %d Lanczos pass%s%s)%n", learningRate, largestEigenvalue, passes, passes == 1 ? "" : "es", settled);
  }

  @Override
  public void learningRateForBatches(double batchCurvature, double singleRowCurvature, double batchRows,
      double learningRate) {
    out.printf(Locale.ROOT, "Learning rate for mini-batches: 1/L_b = %.6g (L_b = %.6g, the curvature batches of "
        + "about %,.0f rows can have: between the whole objective's L and a single row's, up to %.6g here)%n",
        learningRate, batchCurvature, batchRows, singleRowCurvature);
  }

  @Override
  public void startsFrom(String source) {
    startsFrom = source;
  }

  @Override
  public void initial(double mse) {
    initialMse = mse;
    out.printf(Locale.ROOT, "Epoch 0: objective = %.8g  (%s)%n", mse, startsFrom != null
        ? "parameters from --init-model " + startsFrom
        : interceptStart != null ? "coefficients start at zero, the intercept at " + interceptStart
        : "parameters start at zero");
  }

  @Override
  public void interceptStart(String description, double intercept) {
    interceptStart = String.format(Locale.ROOT, "%s, %.8g", description, intercept);
  }

  @Override
  public void resumed(int epoch, double mse) {
    lastEpoch = epoch;
    newestCheckpoint = epoch;
    toldCheckpoint = epoch;
    resumedFrom = epoch;
    out.printf(Locale.ROOT, "Resumed from the checkpoint after epoch %d: objective = %.8g%n", epoch, mse);
  }

  @Override
  public void residentTasks(int tasks, int partitions, int validationPartitions) {
    String held = validationPartitions == 0 ? "" : String.format(Locale.ROOT, " and the validation split's %d",
        validationPartitions);
    out.printf(Locale.ROOT, "Passes: %d resident task%s hold%s the %d partition%s%s; each pass is a round on them, "
        + "not a Spark job%n", tasks, tasks == 1 ? "" : "s", tasks == 1 ? "s" : "", partitions,
        partitions == 1 ? "" : "s", held);
  }

  @Override
  public void stillRunning(JobWatch.Status s) {
    out.printf(Locale.ROOT, "Still running: %s, %,d of %,d task%s done, %.0f s%n",
        s.description() == null ? "a Spark job" : s.description(), s.tasksDone(), s.tasks(),
        s.tasks() == 1 ? "" : "s", s.seconds());
  }

  @Override
  public void warning(String message) {
    if (warned.add(message)) {
      err.println("warning: " + message);
    }
  }

  @Override
  public void regParamCandidate(int k, int n, double regParam) {
    finish();
    restartEpochs();
    out.printf(Locale.ROOT, "Model %d of %d: --reg-param %s%n", k, n, RegParamGrid.plain(regParam));
  }

  @Override
  public void regParamChosen(RegParamSearch search) {
    finish();
    SearchTable.lines(search, label(search.chosenModel().last().validation().values().keySet().iterator().next()))
        .forEach(out::println);
  }

  @Override
  public void doubt(String message) {
    doubts.add(message);
    warning(message);
  }

  /**
   * The run's warnings about the model or its data so far ({@link #doubt}), in order, without "warning: ": model.json
   * records them, for a pipeline that reads files rather than stderr, and --fail-on-warning writes no outputs when
   * there is one. Notices about settings, speed and recovery (a lost executor, a stale lock taken over) are not here.
   */
  public List<String> doubts() {
    synchronized (doubts) {
      return List.copyOf(doubts);
    }
  }

  @Override
  public void epoch(EpochRecord r) {
    epoch(r, false);
  }

  /** The line of the epoch that ends the run ({@code last}) has no ETA: no epoch is to come. */
  @Override
  public void epoch(EpochRecord r, boolean last) {
    lastSeen = r;
    lastEpoch = r.epoch();
    double quiet = r.seconds() - lastPrintedAt;
    boolean due = r.epoch() % logEvery == 0 && quiet >= minSeconds;
    if (r.epoch() == 1 || due || quiet >= HEARTBEAT_SECONDS) {
      print(r, !last);
    }
  }

  @Override
  public void checkpoint(EpochCheckpoint state) {
    synchronized (checkpoints) {
      if (stopped) {
        return;
      }
      if (state.saveIfDue()) {
        written(state.epoch());
        unwritten = null;
      } else {
        unwritten = state;
      }
    }
  }

  private void written(int epoch) {
    newestCheckpoint = epoch;
    // a mini-batch run checkpoints between the epochs it evaluates and reports
    lastEpoch = Math.max(lastEpoch, epoch);
  }

  /**
   * How far a run got when a signal stopped it.
   *
   * @param lastEpoch        the last epoch done (0: none)
   * @param newestCheckpoint the newest checkpoint's epoch (0: none)
   * @param writtenNow       whether that checkpoint was written by {@link #stop} itself
   * @param writeFailure     why {@link #stop} could not write the newest state, or null
   */
  record Stopped(int lastEpoch, int newestCheckpoint, boolean writtenNow, String writeFailure) {}

  /**
   * Stops checkpoint saves, after the one in flight if any, and says how far the run got: a signal is ending it,
   * and the notice names the newest checkpoint. With {@code writeNewest}, the newest state not yet written (its
   * epoch was not due) is written first, so that --resume loses no epoch; {@code announce} is told its epoch before.
   */
  Stopped stop(boolean writeNewest, IntConsumer announce) {
    synchronized (checkpoints) {
      stopped = true;
      String failure = null;
      boolean now = writeNewest && unwritten != null && unwritten.epoch() > newestCheckpoint;
      if (now) {
        lastEpoch = Math.max(lastEpoch, unwritten.epoch());
        announce.accept(unwritten.epoch());
        try {
          unwritten.save();
          written(unwritten.epoch());
        } catch (RuntimeException | org.apache.hadoop.fs.FSError e) { // FSError: a full local disk
          now = false;
          failure = e.getMessage();
        }
      }
      return new Stopped(lastEpoch, newestCheckpoint, now, failure);
    }
  }

  /** The epoch this run resumed after (--resume), 0 if it started afresh. */
  int resumedFrom() {
    return resumedFrom;
  }

  /** The MSE at the starting parameters, NaN before training started. */
  double initialMse() {
    return initialMse;
  }

  /** Prints the last epoch if its line has not been printed yet, without an ETA: the run has ended. */
  void finish() {
    if (lastSeen != null && lastPrinted != lastSeen.epoch()) {
      print(lastSeen, false);
    }
  }

  /** The epoch's line; with {@code eta}, the time left to the epoch limit at the run's speed so far. */
  private void print(EpochRecord r, boolean eta) {
    StringBuilder extra = new StringBuilder();
    Map<String, Double> train = r.train().values();
    String headline = "objective";
    String headlineKey = null;
    for (String key : new String[] {"mse", "logloss"}) {
      Double v = train.get(key);
      if (v != null && v == r.objective()) {
        headline = label(key);
        headlineKey = key;
      }
    }
    for (Map.Entry<String, Double> e : train.entrySet()) {
      if (!e.getKey().equals(headlineKey)) {
        extra.append(String.format(Locale.ROOT, "%s %.6g, ", label(e.getKey()), e.getValue()));
      }
    }
    if (r.validation() != null) {
      extra.append("validation");
      for (Map.Entry<String, Double> e : r.validation().values().entrySet()) {
        extra.append(String.format(Locale.ROOT, " %s %.6g", label(e.getKey()), e.getValue()));
      }
      extra.append(", ");
    }
    extra.append(String.format(Locale.ROOT, "grad norm %.2e, %.1f s", r.gradientNorm(), r.seconds()));
    if (r.seconds() > 0) {
      double rate = r.epoch() / r.seconds();
      extra.append(String.format(Locale.ROOT, ", %.3g epochs/s", rate));
      // the ETA at the pace since the previous line: the first epoch carries the start-up (the JIT, Spark's first
      // jobs), so a first line has none (its pace had put 30-40 s runs at 8-46 minutes, a review's)
      if (eta && maxEpochs > r.epoch() && lastPrinted > 0 && r.seconds() > lastPrintedAt) {
        double recent = (r.epoch() - lastPrinted) / (r.seconds() - lastPrintedAt);
        extra.append(", ETA ").append(duration((maxEpochs - r.epoch()) / recent));
      }
    }
    int checkpointed = newestCheckpoint;
    if (checkpointed > toldCheckpoint) { // written after the line of its epoch: told on the next line
      extra.append(", checkpoint after epoch ").append(checkpointed);
      toldCheckpoint = checkpointed;
    }
    out.printf(Locale.ROOT, "Epoch %d: %s = %.8g  (%s)%n", r.epoch(), headline, r.objective(), extra);
    lastPrinted = r.epoch();
    lastPrintedAt = r.seconds();
  }

  /** How a metric is written in progress lines. */
  static String label(String metric) {
    return switch (metric) {
      case "mse" -> "MSE";
      case "rmse" -> "RMSE";
      case "mae" -> "MAE";
      case "r2" -> "R^2";
      case "logloss" -> "log-loss";
      case "auc" -> "binned AUC"; // from 1000 probability bins (LogisticLoss), near the exact one the end prints
      default -> metric;
    };
  }

  /** 0.4 s, 37 s, 4 min 05 s, 2 h 03 min. */
  static String duration(double seconds) {
    if (seconds < 10) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
  }
}
