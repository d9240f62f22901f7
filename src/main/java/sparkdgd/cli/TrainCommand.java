package sparkdgd.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sparkdgd.config.BadRecordLimit;
import sparkdgd.config.BadRecordPolicy;
import sparkdgd.config.Checkpointing;
import sparkdgd.config.RegParamGrid;
import sparkdgd.config.InputFormat;
import sparkdgd.config.ClassWeights;
import sparkdgd.config.LabelClasses;
import sparkdgd.config.LearningRate;
import sparkdgd.config.LossKind;
import sparkdgd.config.LossSettings;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.config.Precision;
import sparkdgd.config.ReadOptions;
import sparkdgd.config.TrainConfig;
import sparkdgd.config.UsageError;
import sparkdgd.data.InputFiles;
import sparkdgd.optim.StepSchedule;
import sparkdgd.output.ToolVersion;
import sparkdgd.output.DataOverlap;
import sparkdgd.output.HistoryCsv;
import sparkdgd.output.LinearModel;
import sparkdgd.output.MetricsJson;
import sparkdgd.output.ModelJson;
import sparkdgd.output.OutputDirectory;
import sparkdgd.output.Passes;
import sparkdgd.output.SparkMlModel;
import sparkdgd.score.ClassificationMetrics;
import sparkdgd.score.RegressionMetrics;
import sparkdgd.train.EpochRecord;
import sparkdgd.train.RegParamSearch;
import sparkdgd.train.TrainedDataVisitor;
import sparkdgd.train.TrainingJob;
import sparkdgd.train.TrainingSummary;

/** {@code train}: fits {@code y = w.x + b} by distributed full-batch gradient descent on the MSE. */
@Command(name = "spark-dgd", mixinStandardHelpOptions = true, version = ToolVersion.TEXT,
    sortOptions = false, usageHelpWidth = 100,
    header = "Trains a linear model y = w.x + b by distributed gradient descent (the default command).",
    description = {
        "Trains a linear model y = w.x + b (least squares, Huber or logistic, with an optional elastic-net",
        "penalty) by distributed gradient descent on Spark.",
        "Each epoch sends the parameters to the executors, every partition sums its gradient over its",
        "cached blocks, the partition sums are added exactly, and the driver divides by the global row",
        "count and steps.",
        "Counts (--epochs, --log-every, --block-rows, --partitions, ...) are whole numbers, also written",
        "as 1e3 or 2.5e3.",
        ""},
    footer = {"", SubmitOptionsHelp.SENTENCE, SubmitOptionsHelp.OPTIONS, SubmitOptionsHelp.TRAIN, "",
        "Exit codes: 0 done; 1 failure while running (divergence, lost cluster, out of memory, a full disk); "
        + "2 bad flag or bad input data; 3 the run warned and --fail-on-warning kept it from writing its outputs; "
        + "75 --checkpoint-dir in use by another run (try again later); " + ExitCode.HELP_JVM_AND_SPARK})
final class TrainCommand implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;
  /** The JVM's and Spark's start-up before this run, for the final line (NaN: Spark was already running). */
  private double startupSeconds = Double.NaN;
  /** The seconds of the --reg-param search before the refit on all the rows (0: none). */
  private double searchSeconds;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", paramLabel = "URI",
      defaultValue = "${env:SPARK_DGD_HOME:-.}/sample-data/tutorial.csv",
      description = "Training data: a file, directory or glob (several files: --data 'dir/{a,b}.csv', quoted) on any "
          + "file system Hadoop knows (file:, hdfs:, ...); names that start with _ or . (_SUCCESS) are skipped in a "
          + "directory and among a glob's matches alike. Default: ${DEFAULT-VALUE}")
  String data;

  @Option(names = "--format", paramLabel = "csv|parquet|libsvm",
      description = "Input format. Default: from the file extension (.csv, .tsv: CSV split by tabs, .parquet, "
          + ".libsvm or .svm; before a compression codec's too: .csv.gz, .libsvm.bz2). CSV has a header line unless "
          + "--header false.")
  String format;

  @Mixin
  CsvLayoutOptions csv;

  @Option(names = "--precision", paramLabel = "float64|float32", defaultValue = "float64",
      description = "How cached dense feature values are stored: float32 halves the cached bytes (values "
          + "rounded to float once; sums still accumulated in double). An epoch is faster where reading memory "
          + "bounds it, measured on 2 cores (docs/BENCHMARKS.md, sessions 24-25): 1.3-1.7x in memory at 100 "
          + "features (1.3-1.9x with --resident-tasks), 1.0-1.5x at 10 features (1.1-1.7x with --resident-tasks), "
          + "1.2-1.9x over serialized or spilled blocks. At 10 features the float32 loop's own arithmetic (1.25x the "
          + "float64 loop's) bounds it where memory is fast. Default: ${DEFAULT-VALUE}")
  String precision;

  @Option(names = "--num-features", paramLabel = "D", converter = WholeNumber.Int.class, defaultValue = "0",
      description = "LIBSVM: the number of features: the largest index, or with --zero-based the largest index + 1. "
          + "Default: inferred so from the data (0 = infer, one extra pass over the text). Parquet with a vector "
          + "or array column: the vectors' size (default: the first vector's).")
  int numFeatures;

  @Option(names = "--zero-based", negatable = true, defaultValue = "false",
      description = "LIBSVM: the indices start at 0, as scikit-learn's dump_svmlight_file writes them unless "
          + "zero_based=False: index 0 is the first feature (named x1, as index 1 is without the flag). "
          + "--no-zero-based: they start at 1, as LIBSVM and Spark write them. model.json records it (zeroBased), "
          + "and predict and evaluate read LIBSVM data so unless told otherwise. Default: one-based")
  boolean zeroBased;

  @Option(names = "--on-bad-record", paramLabel = "fail|skip", defaultValue = "fail",
      description = "fail: stop at a bad record, naming file, line and column (with several partitions the first of "
          + "the split that failed first; with --partitions 1 the first in the input). skip: drop bad records "
          + "(and empty or unreadable files; of a compressed file damaged part way, the lines before the damage are "
          + "kept), count them, show a few, and record skippedRecords in model.json. Default: "
          + "${DEFAULT-VALUE}")
  String onBadRecord;

  @Option(names = "--max-bad-records", paramLabel = "N|P%",
      description = SkippedRecords.MAX_BAD_RECORDS + "before the first epoch and with no output written, where a "
          + "broken export would otherwise train on what is left. Default: no limit")
  String maxBadRecords;

  @Option(names = "--label-col", paramLabel = "NAME",
      description = "Label column. Default: y, else label, else the last column (the line after \"Data:\" names "
          + "it).")
  String labelCol;

  @Option(names = "--weight-col", paramLabel = "NAME",
      description = "A column of each row's weight (CSV or Parquet, a CSV without a header naming its columns "
          + "c1..cN; Spark ML's weightCol, "
          + "scikit-learn's sample_weight): a row's loss and gradient count that many times, means (the loss, the "
          + "metrics, the features' means and deviations when standardizing) divide by the sum of the weights, and "
          + "--reg-param's penalty is as Spark's with weights. Weights must be finite and >= 0, with some above 0; "
          + "a row of weight 0 is read but adds nothing. The column is not a feature. Default: every row weighs 1.")
  String weightCol;

  @Option(names = "--features", paramLabel = "A,B,C", split = ",",
      description = "Feature columns, in model order. Default: every column but the label (CSV: all must hold "
          + "numbers; Parquet: every numeric one, or the column of Spark ML vectors when there is one, else the "
          + "column of arrays of numbers: --features NAME picks one of several). A name holding a comma is quoted as "
          + "in a CSV header: --features '\"a, first\",b'.")
  List<String> features = new ArrayList<>();

  /**
   * A --features name as written, its CSV quotes taken off ({@code "a, first"} is {@code a, first}, {@code "b ""q"""}
   * is {@code b "q"}): picocli does not split a quoted part at its commas, and leaves the quotes on.
   */
  static String unquoted(String name) {
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      return name.substring(1, name.length() - 1).replace("\"\"", "\"").trim(); // trimmed, as header names are
    }
    return name;
  }

  @Option(names = "--epochs", paramLabel = "N", converter = WholeNumber.Int.class, defaultValue = "100",
      description = "Maximum number of epochs: optimizer iterations, each one pass over the data with full "
          + "batches (lbfgs line-search trials add passes). Default: ${DEFAULT-VALUE}")
  int epochs;

  @Option(names = "--learning-rate", paramLabel = "RATE|auto", defaultValue = "auto",
      description = "Step size, or auto: 1/L with L a bound on the objective's curvature: the largest eigenvalue "
          + "of the MSE's Hessian, halved for huber and divided by 8 for logistic (a second derivative of at most "
          + "1/4 against the squared error's 2), plus the L2 penalty's; estimated by a few distributed "
          + "Lanczos passes. With mini-batches, 1/L_b: the curvature a batch of that many rows can have, "
          + "between L and the largest single row's (one more pass). "
          + "Default: ${DEFAULT-VALUE}")
  String learningRate;

  @Option(names = "--loss", paramLabel = "squared|huber|logistic", defaultValue = "squared",
      description = "What is minimised per row: squared (least squares, the MSE), huber (squared near zero, "
          + "absolute beyond --huber-delta: robust to outliers) or logistic (log-loss; labels must be 0 or 1, or "
          + "the two --classes). Default: ${DEFAULT-VALUE}")
  String loss;

  @Option(names = "--classes", paramLabel = "NEG,POS", defaultValue = "0,1",
      description = "logistic: the labels of the negative and the positive class, e.g. -1,1 for LIBSVM's binary data "
          + "sets or 1,2; any other label is refused, naming its line. The model gives the probability of POS; "
          + "model.json records the classes, and predict writes the predicted class, and evaluate reads labels, as "
          + "these values. Default: ${DEFAULT-VALUE}")
  String classes;

  @Option(names = "--class-weight", paramLabel = "balanced|W0,W1",
      description = "logistic: how much a row of each class counts in the loss, as scikit-learn's class_weight: "
          + "balanced gives each class the same total, n / (2 n_c) for the n_c rows of class c among n (for rare "
          + "positives); W0,W1 gives class 0 (the first of --classes) W0 and class 1 W1. A row's loss and gradient "
          + "are multiplied by its class's weight (and by its --weight-col weight), and the loss's mean divides by "
          + "the sum of those: the epochs' log-loss and accuracy (history.csv, model.json's trainMetrics and "
          + "validationMetrics, the validation line) are so weighted; metrics.json, the console's training-data line "
          + "and evaluate are not. Default: every row counts once")
  String classWeight;

  @Option(names = "--huber-delta", paramLabel = "D", defaultValue = "1.0",
      description = "huber: the residual size, in label units, where the loss turns from squared to "
          + "absolute. Default: ${DEFAULT-VALUE}")
  double huberDelta;

  @Option(names = "--reg-param", paramLabel = "LAMBDA[,LAMBDA...]", defaultValue = "0",
      description = "Penalty strength, as Spark ML's regParam (for the squared and logistic losses the same settings "
          + "give the same model as LinearRegression / LogisticRegression): for the squared and Huber losses the L2 "
          + "part is divided by the label's standard deviation (as Spark's is for the squared loss; its Huber loss "
          + "does not divide). In "
          + "scikit-learn's terms, with --standardize false and n rows (with --weight-col: n the weights' sum and "
          + "sd(y) their weighted deviation, for sample_weight; with --class-weight, n is W, the sum over the rows "
          + "of each row's class weight times its own weight): Ridge(alpha = n LAMBDA / sd(y)), "
          + "Lasso(alpha = LAMBDA), LogisticRegression(C = 1 / (n LAMBDA)), SGDRegressor(alpha = LAMBDA / sd(y)), "
          + "SGDClassifier(loss='log_loss', alpha = LAMBDA) (README: Coming from scikit-learn). "
          + "Several values separated by commas (1,0.1,0.01) choose among them, as Spark's TrainValidationSplit "
          + "over a ParamGridBuilder's regParam values: one model is trained for each on the same cached rows, from "
          + "the largest value down (each from the same start, as a run of it alone), all are scored on the rows "
          + "--validation-fraction holds out (0.25 when not given), and the value whose model has the lowest "
          + "validation loss (MSE, Huber loss or log-loss; of equals the larger value) is chosen; with --refit true "
          + "it is then trained on all the rows. A table of the values' losses is printed and written to "
          + "model.json's \"regParamSearch\". Default: ${DEFAULT-VALUE}")
  String regParam;

  @Option(names = "--refit", paramLabel = "true|false", arity = "1", defaultValue = "true",
      description = "With several --reg-param values: train the chosen value's model again on all the rows, "
          + "training and held-out (as Spark's TrainValidationSplit and scikit-learn's GridSearchCV do), reading "
          + "the input once more; false keeps the chosen model as the search trained it, on the training rows "
          + "only, with its validation metrics (and --patience, which the refit, with no rows held out, cannot "
          + "take). Default: ${DEFAULT-VALUE}")
  boolean refit;

  @Option(names = "--elastic-net", paramLabel = "ALPHA", defaultValue = "0",
      description = "Penalty mix, as Spark ML's elasticNetParam: 0 = L2 (ridge), 1 = L1 (lasso), between = "
          + "elastic net. L1 is applied by a proximal (soft-threshold) step. Default: ${DEFAULT-VALUE}")
  double elasticNet;

  @Option(names = "--optimizer", paramLabel = "gd|nesterov|lbfgs", defaultValue = "gd",
      description = "gd: gradient descent (the tutorial's rule). nesterov: accelerated gradient with restarts, "
          + "far fewer passes on ill-conditioned data. lbfgs: quasi-Newton with a line search (one pass per "
          + "trial point); no L1 penalty, no mini-batches. Default: ${DEFAULT-VALUE}")
  String optimizer;

  @Option(names = "--batch-fraction", paramLabel = "F", defaultValue = "1",
      description = "Fraction of every partition's rows each iteration samples (mini-batch), drawn from "
          + "(--seed, iteration, partition), so runs repeat exactly. The full training loss is then evaluated "
          + "every --log-every iterations. Default: ${DEFAULT-VALUE} (full batch)")
  double batchFraction;

  @Option(names = "--batch-run-rows", paramLabel = "R", converter = WholeNumber.Int.class, defaultValue = "1",
      description = "Draw each mini-batch in runs of R consecutive rows of a block, each run kept with "
          + "probability --batch-fraction. Every row is still sampled with that probability (an unbiased "
          + "gradient), but a batch is read sequentially instead of one cache miss per row (for the squared "
          + "loss four runs at a time, where the JVM has the Vector API and R is a multiple of 4 from 32 on): "
          + "with 64 and --resident-tasks, a 0.01 batch cost 1/15 to 1/29 of an epoch at 10 features and 1/34 to "
          + "1/48 at 100 here (sessions 24-25), row by row about 1/3 and 1/10 to 1/12 (session 25; "
          + "docs/BENCHMARKS.md). Rows of a run "
          + "are neighbours in the file, so use it when row order is random (shuffled or generated data), or "
          + "add --shuffle-rows; runs as long as a block (--batch-run-rows equal to the block's rows, model.json's "
          + "blockRows: 4096 below 16 features) read fastest. "
          + "Pays off most with --resident-tasks. Default: ${DEFAULT-VALUE} (row by row)")
  int batchRunRows;

  @Option(names = "--shuffle-rows", defaultValue = "false",
      description = "Put the rows in a random order as they are cached: each read partition's rows are permuted and "
          + "dealt in equal shares to all partitions by one Spark shuffle at load (the data crosses the network and "
          + "the shuffle's disk once), then each partition permutes what it received, both from --seed. A "
          + "mini-batch's runs of rows (--batch-run-rows) are then random rows even when the file is sorted (by "
          + "time, by label, by key). A partition's rows are all in memory while they are dealt, about twice its "
          + "cached size for a moment (four times with --precision float32: they are rounded after). Needs "
          + "--batch-fraction, and pays off with --batch-run-rows (rows drawn one by one are random rows in any "
          + "order). "
          + "Default: ${DEFAULT-VALUE}")
  boolean shuffleRows;

  @Option(names = "--learning-rate-schedule", paramLabel = "constant|inverse-sqrt|step", defaultValue = "constant",
      description = "How the step changes with iteration t: constant, rate/sqrt(t), or halved every "
          + "--step-every iterations. Default: ${DEFAULT-VALUE}")
  String schedule;

  @Option(names = "--step-every", paramLabel = "K", converter = WholeNumber.Int.class, defaultValue = "100",
      description = "step schedule: iterations between halvings. Default: ${DEFAULT-VALUE}")
  int stepEvery;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
      description = "Seed of every random choice (mini-batches, the validation split, the order --shuffle-rows puts "
          + "the rows in). All are drawn per "
          + "partition: the same seed over another number of partitions (automatic ones follow the cores) draws "
          + "other rows, so give --partitions to repeat a run elsewhere. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--validation-fraction", paramLabel = "V", defaultValue = "0",
      description = "Hold out this fraction of the rows (a deterministic split from --seed and the partitioning: "
          + "the same --partitions and --shuffle-rows holds out the same rows) and report the metrics on them at every evaluation. "
          + "Default: ${DEFAULT-VALUE} (none), or 0.25 with several --reg-param values to choose among")
  double validationFraction;

  @Option(names = "--patience", paramLabel = "K", converter = WholeNumber.Int.class, defaultValue = "0",
      description = "Stop when the validation loss has not improved for K evaluations (every epoch, or with "
          + "mini-batches every --log-every epochs) and keep the best evaluation's parameters (needs "
          + "--validation-fraction). When another rule ends the run first, its last parameters are returned and a "
          + "line names the best epoch. Default: ${DEFAULT-VALUE} (never)")
  int patience;

  @Option(names = "--standardize", paramLabel = "true|false", arity = "1", defaultValue = "true",
      description = "Scale features to zero mean and unit variance internally (coefficients are always "
          + "reported in original units). false, as Spark ML's standardization=false: the penalty applies to the "
          + "raw coefficients; with --learning-rate auto the optimizer still works on scaled features (the same "
          + "answer, in fewer epochs), with a rate given it steps on the raw coefficients. Default: "
          + "${DEFAULT-VALUE}")
  boolean standardize;

  @Option(names = "--fit-intercept", paramLabel = "true|false", arity = "1", defaultValue = "true",
      description = "Fit the intercept b of y = w.x + b. false, as Spark ML's fitIntercept=false and scikit-learn's "
          + "fit_intercept=False: the model is y = w.x (b = 0), for data whose line must pass through the origin; "
          + "features are then scaled but not centred. Default: ${DEFAULT-VALUE}")
  boolean fitIntercept;

  @Option(names = "--partitions", paramLabel = "N", converter = WholeNumber.Int.class, defaultValue = "0",
      description = "Partitions of the cached data. Default (0 = automatic): one per input split: CSV and LIBSVM "
          + "files are cut into splits of at most 128 MiB and at most the file system's block size (32 MiB locally "
          + "and on S3A), sized to give Spark's default parallelism; input read in fewer partitions because "
          + "it cannot be cut (a gzip file is one split, a small Parquet file one partition) is spread over the "
          + "default parallelism by a shuffle. A number above the input's splits spreads the rows over that many "
          + "by the same shuffle; a number below them merges whole splits without a shuffle. Automatic partitions "
          + "more than 4 times the default parallelism, under 4 MiB of cached blocks each, get a warning naming a "
          + "number to give.")
  int partitions;

  @Option(names = "--resident-tasks",
      description = "Run every pass as a round of tasks that stay up for the whole training (one per core, each "
          + "holding its share of the cached partitions, answering the driver over a socket) instead of one "
          + "Spark job per pass. Same results to the bit, without a job's scheduling (5-30 ms: about 26 in a "
          + "fresh driver, 6 after hundreds of jobs), which is most of a mini-batch iteration's time. The tasks "
          + "hold the application's cores while training; if they cannot all start within 60 s, or one fails, a "
          + "warning says so and the passes run as jobs.")
  boolean residentTasks;

  @Option(names = "--storage-level", paramLabel = "LEVEL", defaultValue = "MEMORY_AND_DISK",
      description = "Spark storage level of the cached blocks (MEMORY_AND_DISK, MEMORY_ONLY, "
          + "MEMORY_ONLY_SER, DISK_ONLY, ...). The default spills to local disk what does not fit in "
          + "memory instead of re-reading the input every epoch. Default: ${DEFAULT-VALUE}. OFF_HEAP caches "
          + "on disk unless Spark has off-heap memory (spark.memory.offHeap.enabled=true, spark.memory.offHeap.size).")
  String storageLevel;

  @Option(names = "--block-rows", paramLabel = "N", converter = WholeNumber.Int.class, defaultValue = "0",
      description = "Rows per packed block in the cache. Default: 4096, and from 16 dense features on the most "
          + "rows, a multiple of 4, whose values fill a power of two of bytes less 64, at most 16 MiB (4092 at 16 "
          + "and 32 features, 2620 at 100, 2096 at 1,000): the JVM's G1 collector gives an array of more than half a "
          + "heap region whole regions of its own, and 4096 rows of 32 features (1 MiB and a header) took twice "
          + "their size of a heap below 4 GiB. model.json records a dense block's rows (blockRows; sparse blocks hold "
          + "4096); a checkpoint of 16 features or more from before this default resumes with --block-rows 4096.")
  int blockRows;

  @Option(names = "--log-every", paramLabel = "N", converter = WholeNumber.Int.class, defaultValue = "10",
      description = "Print a progress line every N epochs (and after the first and last); with mini-batches also "
          + "how often the full objective is evaluated, which --tol and --patience count. Default: ${DEFAULT-VALUE}")
  int logEvery;

  @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-9",
      description = "Stop early when the objective (mean loss + penalty) changes by less than T relatively "
          + "between evaluations (0 disables). Default: ${DEFAULT-VALUE}")
  double tol;

  @Option(names = "--tol-evaluations", paramLabel = "K", converter = WholeNumber.Int.class, defaultValue = "1",
      description = "Stop by --tol only when K evaluations in a row each change the objective by less than T "
          + "(scikit-learn's n_iter_no_change, whose default is 5). With mini-batches one small change between "
          + "two evaluations can be the noise's; K of them in a row seldom are. Default: ${DEFAULT-VALUE}")
  int tolEvaluations;

  @Option(names = "--average-from", paramLabel = "E", converter = WholeNumber.Int.class, defaultValue = "0",
      description = "Return the mean of gradient descent's iterates after epochs E, E+1, ... to the last "
          + "(Polyak-Ruppert averaging, scikit-learn's SGDRegressor(average=...)): with mini-batches and a constant "
          + "step the iterates wander around the minimum by the batches' noise, and their mean lies nearer it. "
          + "Progress lines, --tol and history.csv measure the iterates; the last history row, model.json and the "
          + "final line the mean. --optimizer gd with --batch-fraction below 1 only, not with --patience. Default: "
          + "${DEFAULT-VALUE} (the last iterate)")
  int averageFrom;

  @Option(names = "--gradient-tol", paramLabel = "G", defaultValue = "0",
      description = "Stop early when the norm of the objective's gradient (with an L1 penalty: of its "
          + "proximal gradient) in standardised units (raw ones with --standardize false and a --learning-rate "
          + "given) falls below G (0 disables). A gradient that is exactly zero stops any run, even with --tol 0 "
          + "and --gradient-tol 0. Default: ${DEFAULT-VALUE}")
  double gradientTol;

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "output",
      description = "Output directory, written atomically when training ends: model.json, history.csv, "
          + "metrics.json, loss.png and (squared and Huber losses) fit.png unless --no-plots, spark-model/ (the "
          + "model in Spark ML's format) unless --no-spark-model, and an empty _SUCCESS last (what schedulers' "
          + "sensors wait for). Default: ${DEFAULT-VALUE}")
  String output;

  @Option(names = "--overwrite", description = "Replace --output if it exists and is not empty: only an "
      + "earlier output of train, predict or generate, never a directory holding other files or the working "
      + "directory.")
  boolean overwrite;

  @Option(names = "--checkpoint-dir", paramLabel = "URI",
      description = "Directory (any Hadoop file system) for driver checkpoints: parameters, step, epoch and a "
          + "fingerprint of the data and settings, written atomically every --checkpoint-every epochs and after the "
          + "last epoch of a run that --epochs ends (so --resume with more --epochs goes on from it); a run that a "
          + "stopping rule ends keeps its last scheduled checkpoint (resumed, it stops at the same epoch). The newest "
          + "3 kept, with the files of their history (history-*.seg) past 256 evaluations. Without --resume it must "
          + "hold no checkpoints yet. Default: none.")
  String checkpointDir;

  @Option(names = "--checkpoint-every", paramLabel = "K", converter = WholeNumber.Int.class, defaultValue = "10",
      description = "Checkpoint every K epochs (with --checkpoint-dir). Default: ${DEFAULT-VALUE}")
  int checkpointEvery;

  @Option(names = "--resume",
      description = "Continue from the newest intact checkpoint in --checkpoint-dir; refuses one taken with "
          + "other data or settings (another --seed only where the run draws from it: mini-batches, a validation "
          + "split; otherwise a warning says so and the run goes on). Starts from zero (or --init-model) when there is "
          + "none.")
  boolean resume;

  @Option(names = "--init-model", paramLabel = "DIR",
      description = "Start from a trained model instead of zero (a warm start, e.g. yesterday's model on today's "
          + "data): the --output directory of a training run, or its model.json. Its features must be the "
          + "data's (matched by name, in any order), it must be of the same kind (logistic, or linear for the "
          + "squared and Huber losses), and with --fit-intercept false its intercept must be 0. A checkpoint "
          + "found by --resume takes precedence. Default: none (coefficients start at zero; the intercept at the labels' "
          + "mean for the squared loss, or the log-odds of class 1 for logistic, where the features are centred: "
          + "--standardize true or an automatic --learning-rate; else, and for huber, at zero)")
  String initModel;

  @Option(names = "--verbose", description = "Show Spark's INFO logs and stack traces of errors.")
  boolean verbose;

  @Option(names = "--no-plots", description = "Do not draw loss.png and fit.png (squared and Huber losses) into "
      + "--output.")
  boolean noPlots;

  @Option(names = "--no-spark-model",
      description = "Do not write spark-model/ (the model in Spark ML's format) into --output. Its writer "
          + "starts Spark SQL's Parquet output, which takes a few seconds in a fresh driver; model.json "
          + "holds the same coefficients.")
  boolean noSparkModel;

  @Option(names = "--fail-on-warning",
      description = "Write no outputs, and exit with code 3, when the run warned about the model or its data (far "
          + "from the optimum, rows skipped as bad records, a label taken from the last column, columns left out, "
          + "collinear or rounded features, ...): for a pipeline whose earlier model should stay in place rather "
          + "than be replaced by a doubtful one. Notices about settings, speed and recovery (a lost executor, a "
          + "stale lock taken over) do not count, nor rows skipped within a --max-bad-records the run sets. "
          + "Without it these warnings are printed and listed in model.json's "
          + "\"warnings\".")
  boolean failOnWarning;

  @Option(names = "--progress-seconds", paramLabel = "S", defaultValue = "3",
      description = "Least time between two --log-every progress lines (0: every --log-every epochs "
          + "exactly); a line is printed at least every 30 s anyway. Default: ${DEFAULT-VALUE}")
  double progressSeconds;

  @Option(names = "--quiet", description = "Print only errors, warnings and the final line.")
  boolean quiet;

  TrainCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    SparkSession spark = null;
    BlocksToCache blocksToCache = new BlocksToCache();
    try {
      TrainConfig config = configFor();
      if (progressSeconds < 0 || !Double.isFinite(progressSeconds)) {
        throw new UsageError("--progress-seconds must be a number >= 0, got " + progressSeconds);
      }
      PrintStream talk = quiet ? new PrintStream(java.io.OutputStream.nullOutputStream()) : out;
      IdleFlags.of(spec.commandLine().getParseResult(), config).forEach(err::println);
      try (SparkSessions sessions = SparkSessions.useOrStart("spark-dgd", verbose)) {
        spark = sessions.session();
        startupSeconds = sessions.startupSeconds();
        Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
        // a missing --data first: the checks of the outputs below would otherwise speak of the default output/ first
        InputFiles.refuseMissing(hadoopConf, config.data());
        DataOverlap.refuse(hadoopConf, "--output", config.output(), config.data());
        if (config.checkpointing().dir() != null) {
          DataOverlap.refuse(hadoopConf, "--checkpoint-dir", config.checkpointing().dir(), config.data());
          DataOverlap.refuseCheckpointsInOutput(hadoopConf, config.checkpointing().dir(), config.output());
        }
        OutputDirectory outputDir = OutputDirectory.prepare(hadoopConf, config.output(), config.overwrite(),
            OutputDirectory.Writer.TRAIN);
        talk.printf(Locale.ROOT, "spark-dgd: training on %s with master %s, Spark %s%n", config.data(),
            spark.sparkContext().master(), spark.version());
        ConsoleProgress progress = new ConsoleProgress(talk, err, config.logEvery(), config.epochs(), progressSeconds,
            blocksToCache);
        AfterTraining after = new AfterTraining(!noPlots, err);
        try (InterruptNotice notice = InterruptNotice.forTraining(progress, config.checkpointing(), err, verbose)) {
          boolean refits = config.regParamSearch().searches() && refit;
          TrainingSummary summary = TrainingJob.run(spark, config, progress,
              refits ? TrainedDataVisitor.NONE : after);
          // the settings of the model written
          TrainConfig trained = !config.regParamSearch().searches() ? config
              : config.chosen(summary.regParamSearch().chosenRegParam(), refit);
          if (refits) {
            // a doubt about the choice is the model's, whatever rows it is trained on: --fail-on-warning stops here
            Optional<String> doubtfulChoice = summary.regParamSearch().unfinished(config.epochs());
            if (failOnWarning && doubtfulChoice.isPresent()) {
              err.println("error: " + WarningsRefused.message(List.of(doubtfulChoice.get()),
                  "the --reg-param search's choice", config.output(), "a model"));
              return ExitCode.WARNED;
            }
            summary = refit(spark, trained, progress, after, summary, doubtfulChoice);
          }
          notice.writing();
          return finish(spark, trained, talk, progress, after, summary, outputDir, notice);
        }
      }
    } catch (Exception | OutOfMemoryError | org.apache.hadoop.fs.FSError e) { // see ErrorReport on the Errors
      OutOfMemoryHint hint = blocksToCache.memoryHint(storageLevel, partitions, blockRows);
      return ErrorReport.report(e, spark, verbose, err, "--help", hint::of);
    }
  }

  /**
   * Trains {@code trained}, the value a --reg-param {@code search} chose, on all the rows (--refit true), telling
   * {@code progress} that its warnings are the refit's, with the search's {@code doubtfulChoice}.
   */
  private TrainingSummary refit(SparkSession spark, TrainConfig trained, ConsoleProgress progress,
      AfterTraining after, TrainingSummary search, Optional<String> doubtfulChoice) {
    progress.refitting(String.format(Locale.ROOT, "Training --reg-param %s, the value chosen, on all the rows "
        + "(--refit true; the search took %.1f s): reading %s again",
        RegParamGrid.plain(trained.objective().regParam()), search.seconds(), trained.data()));
    searchSeconds = search.seconds();
    doubtfulChoice.ifPresent(progress::doubt); // printed once, above; model.json's warnings list it
    return TrainingJob.run(spark, trained, progress, after).withRegParamSearch(search.regParamSearch());
  }

  /** Reports the trained model and writes the outputs; {@code notice} is closed once they are in place. */
  private int finish(SparkSession spark, TrainConfig config, PrintStream talk, ConsoleProgress progress,
      AfterTraining after, TrainingSummary summary, OutputDirectory outputDir, InterruptNotice notice)
      throws java.io.IOException {
    progress.finish();
    List<String> warnings = progress.doubts();
    if (failOnWarning && !warnings.isEmpty()) {
      err.println("error: " + WarningsRefused.message(warnings, "the model or its data", config.output(), "a model"));
      return ExitCode.WARNED;
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, Double> auc = after.classification() == null ? Map.of()
        : Map.of("auc", after.classification().auc());
    files.put(ModelJson.FILE_NAME, ModelJson.render(summary, config, spark.version(), auc, warnings,
        progress.resumedFrom()));
    files.put(HistoryCsv.FILE_NAME, HistoryCsv.render(summary.history()));
    files.put(MetricsJson.FILE_NAME, after.metricsJson(config.output(), config.data(),
        summary.model().labelName(), config.weightCol(), summary.skippedRecords()));
    // without --refit the model written is one of the search's: its own epoch 0, not the last model's the listener
    // heard
    double initial = summary.regParamSearch() != null && !refit ? summary.regParamSearch().chosenModel()
        .startObjective() : progress.initialMse();
    after.addPlots(files, initial, summary.history(), summary.finalRecord(), summary.model());
    List<OutputDirectory.StagedWriter> writers = new ArrayList<>();
    if (!noSparkModel) {
      writers.add(SparkMlModel.writer(summary.model(), config.objective(), config.standardize(), config.output(),
          config.weightCol()));
    }
    writers.add(OutputDirectory.SUCCESS); // last: a scheduler's sensor waits for it, as for Spark's own outputs
    outputDir.commit(files, writers);
    notice.close(); // the outputs are in place
    printSummary(talk, summary, config.optimization(), after, outputDir, files, spark.sparkContext().isLocal(),
        progress.resumedFrom());
    return ExitCode.OK;
  }

  private TrainConfig configFor() {
    try {
      InputFormat inputFormat = format == null ? null : InputFormat.parse(format);
      LearningRate rate = LearningRate.parse(learningRate);
      ReadOptions read = new ReadOptions(numFeatures, BadRecordPolicy.parse(onBadRecord), csv.header,
          csv.delimiter(), Precision.parse(precision), zeroBased,
          maxBadRecords == null ? BadRecordLimit.NONE : BadRecordLimit.parse(maxBadRecords));
      RegParamGrid regParams = RegParamGrid.parse(regParam);
      RegParamGrid search = regParams.searches() ? regParams : RegParamGrid.NONE;
      if (search.searches() && refit && patience > 0) {
        throw new UsageError("--patience stops each model of the --reg-param search on the held-out rows, and "
            + "--refit true trains the chosen value again on all the rows, with none held out to stop it: use "
            + "--refit false to keep the search's model, or leave --patience out");
      }
      // a search holds out a quarter of the rows unless told otherwise (TrainValidationSplit's trainRatio 0.75)
      double heldOut = search.searches() && !spec.commandLine().getParseResult().hasMatchedOption(
          "--validation-fraction") ? RegParamGrid.DEFAULT_VALIDATION_FRACTION : validationFraction;
      LossSettings objective = new LossSettings(LossKind.parse(loss), huberDelta, regParams.smallest(), elasticNet,
          fitIntercept, LabelClasses.parse(classes), ClassWeights.parse(classWeight));
      OptimizerSettings optimization = new OptimizerSettings(OptimizerKind.parse(optimizer), batchFraction,
          batchRunRows, ScheduleKind.parse(schedule), stepEvery, seed, gradientTol, heldOut, patience,
          shuffleRows, tolEvaluations, averageFrom);
      // "x1, x2" names x2, as a header does; a name holding a comma is quoted as in a CSV header: "a, first",c
      List<String> featureNames = features.stream().map(String::trim).map(TrainCommand::unquoted).toList();
      return new TrainConfig(data, inputFormat, labelCol, featureNames, epochs, rate, standardize, partitions,
          storageLevel, blockRows, logEvery, tol, output, overwrite, verbose,
          new Checkpointing(checkpointDir, checkpointEvery, resume), read, objective, optimization, residentTasks,
          initModel, weightCol, search);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /** "1 pass", "21 passes", "0.50 passes": the optimizer's data passes, rounded as the output files write them. */
  private static String passes(double passes) {
    double p = Passes.rounded(passes);
    return p == 1 ? "1 pass" : p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f passes", p)
        : String.format(Locale.ROOT, "%.2f passes", p);
  }

  /**
   * "learning rate 0.100000 (fixed)", or with a schedule the base rate and the last one used, at {@code lastEpoch}:
   * "learning rate 0.1, step schedule (last 0.0125)". L-BFGS's line search sets its steps: the rate is its first.
   */
  static String learningRateText(double rate, boolean auto, OptimizerSettings o, int lastEpoch) {
    if (o.schedule() == ScheduleKind.CONSTANT || o.optimizer() == OptimizerKind.LBFGS || lastEpoch < 1) {
      return String.format(Locale.ROOT, "learning rate %.6g (%s)", rate, auto ? "auto" : "fixed");
    }
    double last = new StepSchedule(o.schedule(), rate, o.stepEvery()).at(lastEpoch);
    return String.format(Locale.ROOT, "learning rate %s%s, %s schedule (last %s)", sixDigits(rate),
        auto ? " (auto)" : "", o.schedule(), sixDigits(last));
  }

  /** Six significant digits without trailing zeros: 0.1, 0.0125, 0.102777. */
  private static String sixDigits(double x) {
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", x)).stripTrailingZeros().toPlainString();
  }

  /**
   * The evaluation with the lowest validation loss when it came before the returned parameters' (another rule than
   * --patience ended the run, which returns its last parameters: keeping the best only when patience stops the run
   * keeps a resumed run's result the same as an uninterrupted one's).
   */
  static java.util.Optional<EpochRecord> bestEarlierValidation(TrainingSummary s) {
    EpochRecord best = s.bestValidation();
    return best != null && best.epoch() < s.finalRecord().epoch()
        && best.validationLoss() < s.finalRecord().validationLoss() ? java.util.Optional.of(best)
        : java.util.Optional.empty();
  }

  private void printSummary(PrintStream talk, TrainingSummary s, OptimizerSettings opt, AfterTraining after,
      OutputDirectory outputDir, Map<String, byte[]> files, boolean local, int resumedFrom) {
    LinearModel m = s.model();
    talk.printf(Locale.ROOT, "Stopped after %d epoch%s: %s%n", s.epochs(), s.epochs() == 1 ? "" : "s",
        s.stopReason().description(s.finalRecord().gradientNorm(), opt.tolEvaluations()));
    CoefficientTable.lines(m, ModelJson.FILE_NAME + (noSparkModel ? "" : " and " + SparkMlModel.DIR_NAME + "/"))
        .forEach(talk::println);
    if (after.metrics() != null) {
      RegressionMetrics metrics = after.metrics();
      talk.printf(Locale.ROOT, "On the training data: RMSE = %.6g, MAE = %.6g, R^2 = %.8g%n", metrics.rmse(),
          metrics.mae(), metrics.r2());
    } else {
      ClassificationMetrics c = after.classification();
      talk.printf(Locale.ROOT, "On the training data: log-loss = %.6g, accuracy = %.6g, AUC = %s%n", c.logLoss(),
          c.accuracy(), c.aucText("%.6g"));
    }
    if (s.finalRecord().validation() != null) {
      StringBuilder v = new StringBuilder();
      s.finalRecord().validation().values().forEach((k, x) ->
          v.append(v.length() == 0 ? "" : ", ").append(ConsoleProgress.label(k)).append(" = ")
              .append(String.format(Locale.ROOT, "%.6g", x)));
      talk.printf(Locale.ROOT, "On the %,d validation rows%s: %s%n", s.validationRows(),
          s.classWeights().none() ? "" : " (weighted by --class-weight, as the epochs' lines)", v);
    }
    long averaged = s.averagedIterates();
    if (averaged > 0) { // gd steps once an epoch, from epoch --average-from on
      long lastEpoch = opt.averageFrom() + averaged - 1;
      talk.printf(Locale.ROOT, "These are the mean of the %s (--average-from %d)%n", averaged == 1
          ? "iterate after epoch " + lastEpoch : averaged + " iterates after epochs " + opt.averageFrom() + "-"
          + lastEpoch, opt.averageFrom());
    } else if (opt.averaged()) {
      talk.printf(Locale.ROOT, "These are the last iterate, not a mean (--average-from %d): %s%n", opt.averageFrom(),
          s.epochs() < opt.averageFrom() ? "the run stopped before that epoch"
              : "the gradient test that stopped the run holds for the iterate, not for the mean");
    }
    if (s.stopReason() == sparkdgd.train.StopReason.EARLY_STOPPED && s.finalRecord().epoch() != s.epochs()) {
      talk.printf(Locale.ROOT, "Kept epoch %d's parameters: the best validation loss (%.6g)%n",
          s.finalRecord().epoch(), s.finalRecord().validationLoss());
    } else {
      bestEarlierValidation(s).filter(best -> !opt.averaged()).ifPresent(best -> talk.printf(Locale.ROOT,
          "The best validation loss was at epoch %d (%.6g); these are epoch %d's parameters (--patience stops at the "
          + "best and keeps it)%n", best.epoch(), best.validationLoss(), s.finalRecord().epoch()));
    }
    talk.printf(Locale.ROOT, "Wrote %s%s: %s%s%n", outputDir.path(), outputDir.replaced() ? " (in the place of the "
        + "earlier output, --overwrite)" : "", String.join(", ", files.keySet()),
        noSparkModel ? "" : ", " + SparkMlModel.DIR_NAME + "/");
    // this process's epochs in this process's time: after --resume the earlier ones ran in another; a search's time
    // (without --refit, this summary's) holds the epochs of each of its models
    int epochsTimed = s.regParamSearch() != null && !refit
        ? s.regParamSearch().models().stream().mapToInt(RegParamSearch.Model::epochs).sum()
        : s.epochs() - resumedFrom;
    ResidentTasksHint.of(residentTasks, local, epochsTimed, s.seconds() - s.loadSeconds(),
        s.rows() * batchFraction, m.featureNames().size()).ifPresent(talk::println);
    EpochRecord last = s.finalRecord();
    // the loss trained on, without the penalty: the MSE, Huber's loss at --huber-delta, or the log-loss
    Map<String, Double> trained = last.train().values();
    String lossName = trained.containsKey("huber") ? "Huber loss" : trained.containsKey("mse") ? "MSE" : "log-loss";
    double lossValue = trained.containsKey("huber") ? trained.get("huber")
        : trained.containsKey("mse") ? last.mse() : trained.get("logloss");
    // the skipped records too: the one line a --quiet run prints must not hide that input was dropped
    // the seconds TrainingJob timed: from listing the input to the training metrics, not Spark's start-up nor writing
    // with a search, the value chosen; the seconds of the search and the refit
    String chosen = s.regParamSearch() == null ? "" : String.format(Locale.ROOT, ", --reg-param %s chosen of %d",
        RegParamGrid.plain(s.regParamSearch().chosenRegParam()), s.regParamSearch().models().size());
    out.printf(Locale.ROOT, "Final %s = %.8g after %d epoch%s (%s), %,d row%s%s%s%s, %s, "
        + "%.1f s to read, train and score%s%n",
        lossName, lossValue, s.epochs(),
        s.epochs() == 1 ? "" : "s", passes(s.passes()), s.rows(), s.rows() == 1 ? "" : "s",
        (weightCol == null ? "" : " weighted by \"" + weightCol + "\"") + (s.classWeights().none() ? ""
            : (weightCol == null ? " weighted" : " and") + " by --class-weight " + s.classWeights()),
        SkippedRecords.suffix(s.skippedRecords()), chosen,
        learningRateText(s.learningRate(), s.learningRateAuto(), opt, s.epochs()), s.seconds() + searchSeconds,
        secondsSuffix(startupSeconds, resumedFrom));
  }

  /**
   * What the final line's seconds leave out, in brackets, or "": the JVM's and Spark's start-up before them (when
   * this command started Spark) and, after a resume, the earlier runs' epochs.
   */
  static String secondsSuffix(double startupSeconds, int resumedFrom) {
    List<String> parts = new ArrayList<>();
    if (Double.isFinite(startupSeconds)) {
      parts.add(String.format(Locale.ROOT, "%.1f s before that to start the JVM and Spark", startupSeconds));
    }
    if (resumedFrom != 0) {
      parts.add(String.format(Locale.ROOT, "this run, resumed after epoch %d", resumedFrom));
    }
    return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
  }
}
