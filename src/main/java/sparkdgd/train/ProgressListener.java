package sparkdgd.train;

/** Hears what the trainer does, on the driver. */
public interface ProgressListener {
  /**
   * The blocks are about to be read and cached, before the first pass: {@code partitions} partitions of blocks of
   * {@code denseBlockBytes} bytes each as built (rows x features x 8), or -1 for sparse blocks, whose size the data
   * sets.
   */
  default void caching(int partitions, long denseBlockBytes) {}

  /**
   * A long pass over the input is still running (the first pass, which reads, parses and caches it, or LIBSVM's pass
   * that finds the number of features: {@link ReadStatus#pass} says which): how far it has got. Told
   * {@link ReadWatch#FIRST_SECONDS} after it started and then every {@link ReadWatch#EVERY_SECONDS}, on the watch's
   * own thread while the trainer's waits for the pass; not at all when the pass ends sooner.
   */
  default void reading(ReadStatus status) {}

  /**
   * The data is cached and described: {@code rows} to train on in {@code partitions}, and {@code validationRows}
   * held out (0 without --validation-fraction); {@code loadSeconds} is the wall time from the start of the job
   * through the pass that read, parsed and cached it.
   */
  default void dataReady(long rows, long validationRows, int partitions, int dims, double loadSeconds) {}

  /**
   * The label column of CSV or Parquet input (not LIBSVM's, each line's first field), told after {@link #dataReady}:
   * {@code chosenBy} says how the default rule chose it ("the last column"), null when --label-col named it.
   */
  default void label(String column, String chosenBy) {}

  /** Columns of the input left out because they hold no numbers, as "name (type)" (Parquet without --features). */
  default void columnsNotRead(java.util.List<String> columns) {}

  /**
   * A logistic model's rows count their class's weight ({@code --class-weight}), {@code weights} as worked out, over
   * {@code negatives} rows of class 0 and {@code positives} of class 1.
   */
  default void classWeights(sparkdgd.config.ClassWeights weights, long negatives, long positives) {}

  /** The rows are weighed by {@code column} ({@code --weight-col}): {@code total} over {@code rows} rows. */
  default void weights(String column, double total, long rows) {}

  /**
   * Bad records were skipped ({@code --on-bad-record skip}): how many, and the first few with their places;
   * {@code withinLimit} when the run set {@code --max-bad-records} and they are within it (accepted, so told as a
   * notice, not a doubt about the model).
   */
  default void skippedRecords(long count, java.util.List<String> examples, boolean withinLimit) {}

  /** Where the cached blocks are after the first pass (Spark's storage status of the cached RDD). */
  default void cacheStored(String storageLevel, long memoryBytes, long diskBytes) {}

  /**
   * How the training's passes run over the cached blocks described by {@code blocks} (e.g. "float32 blocks",
   * "sparse blocks (doubles)"), one sentence per different answer: the squared loss's full passes over dense
   * blocks as the executors' JVMs answer ({@link sparkdgd.loss.LossKernel#denseKernel}), everything else scalar.
   */
  default void kernel(String blocks, java.util.List<String> kernels) {}

  /** Pass {@code pass} of at most {@code maxPasses} estimating the learning rate is done, {@code seconds} in. */
  default void learningRatePass(int pass, int maxPasses, double seconds) {}

  /**
   * The learning rate was estimated from the data; {@code stillMoving} is NaN where the estimate settled, else its
   * relative change in its last pass (it stopped at the most passes it takes).
   */
  default void learningRateEstimated(double largestEigenvalue, int passes, double learningRate, double stillMoving) {}

  /**
   * The automatic step made smaller for mini-batches ({@link MiniBatchStep}): {@code batchCurvature} from the whole
   * objective's and a single row's largest, for batches of about {@code batchRows} rows.
   */
  default void learningRateForBatches(double batchCurvature, double singleRowCurvature, double batchRows,
      double learningRate) {}

  /**
   * The coefficients start at zero and the intercept at {@code intercept}, its optimum for them ({@link
   * InterceptStart}), which {@code description} names ("the labels' mean").
   */
  default void interceptStart(String description, double intercept) {}

  /** The parameters start from the model in {@code source} ({@code --init-model}), not from zero. */
  default void startsFrom(String source) {}

  /**
   * A {@code --reg-param} search starts training its {@code k}th model (from 1) of {@code n}, with the penalty
   * strength {@code regParam}.
   */
  default void regParamCandidate(int k, int n, double regParam) {}

  /** A {@code --reg-param} search compared its models on the held-out rows and chose one. */
  default void regParamChosen(RegParamSearch search) {}

  /** The MSE at the starting parameters (all zero, unless {@link #startsFrom} said otherwise). */
  default void initial(double mse) {}

  /** Training resumed from a checkpoint taken after {@code epoch} epochs; {@code mse} is re-evaluated. */
  default void resumed(int epoch, double mse) {}

  /**
   * Passes run as rounds of {@code tasks} resident tasks holding the {@code partitions} training partitions and the
   * {@code validationPartitions} of a validation split (0 without one).
   */
  default void residentTasks(int tasks, int partitions, int validationPartitions) {}

  /** A Spark job after the data was read has run long and is still running ({@link JobWatch}). */
  default void stillRunning(JobWatch.Status status) {}

  /** Something the user should know that does not stop the run: a notice about settings, speed or recovery. */
  default void warning(String message) {}

  /**
   * A warning about the model or its data (far from the optimum, rows skipped, a label taken by its place, columns
   * left out, ...), which model.json lists and {@code --fail-on-warning} counts; shown as a {@link #warning}.
   */
  default void doubt(String message) {
    warning(message);
  }

  /** One epoch finished. */
  default void epoch(EpochRecord record) {}

  /**
   * One epoch finished, and the stopping rules have been checked: {@code last} when the run ends with it (a rule
   * stopped it, it diverged, or it was the last of --epochs), so that nothing is said of epochs to come. Tells
   * {@link #epoch(EpochRecord)} unless overridden.
   */
  default void epoch(EpochRecord record, boolean last) {
    epoch(record);
  }

  /**
   * The state after an epoch, for --checkpoint-dir: written here if due ({@link EpochCheckpoint#saveIfDue}). A
   * listener may hold saves back once the run is being stopped, so that what it reports as the newest checkpoint
   * stays the newest, and may keep the newest state to write it then.
   */
  default void checkpoint(EpochCheckpoint state) {
    state.saveIfDue();
  }

  ProgressListener NONE = new ProgressListener() {};
}
