package sparkdgd.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sparkdgd.config.GenerateConfig;
import sparkdgd.config.GeneratedLabels;
import sparkdgd.config.InputFormat;
import sparkdgd.config.UsageError;
import sparkdgd.generate.DataGenerator;

/** {@code generate}: writes a synthetic linear-regression data set with Spark, plus its true coefficients. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
    header = "Writes a synthetic regression or classification data set (CSV, Parquet or LIBSVM), distributed.",
    description = {
        "Writes a synthetic data set for linear or logistic regression, distributed: each partition makes its",
        "own rows from (seed, partition) and writes its own file; nothing is built on the driver. Every",
        "feature is U(0,1) (zero with probability --sparsity) and y = w.x + b + noise * N(0,1), or with",
        "--labels logistic y = 1 with probability 1 / (1 + exp(-(w.x + b))), else 0. The true w and b go to",
        "_truth.json beside the data files; the directory appears all at once when the job is done.",
        "The tutorial's data set is the special case",
        "  generate --rows 1000 --features 1 --coefficients 2 --intercept 0 --noise 0.1 --seed 42 \\",
        "    --partitions 1",
        ""},
    footer = {"", SubmitOptionsHelp.SENTENCE, SubmitOptionsHelp.OPTIONS, SubmitOptionsHelp.GENERATE, "",
        "Exit codes: 0 done; 1 failure while running; 2 bad flag; " + ExitCode.HELP_JVM_AND_SPARK})
final class GenerateCommand implements Callable<Integer> {
  /** {@code --noise} when not given, for linear labels. */
  static final double DEFAULT_NOISE = 0.1;

  private final PrintStream out;
  private final PrintStream err;

  @Option(names = "--rows", paramLabel = "N", required = true, converter = WholeNumber.class,
      description = "Number of rows (>= 1); a whole number, also as 1e6 or 2.5e3.")
  long rows;

  @Option(names = "--features", paramLabel = "D", converter = WholeNumber.Int.class, required = true,
      description = "Number of features (>= 1); a whole number, also as 1e3.")
  int features;

  @Option(names = "--sparsity", paramLabel = "S", defaultValue = "0",
      description = "Probability that a feature value is 0, in [0, 1). LIBSVM writes only the non-zeros. "
          + "Default: ${DEFAULT-VALUE}")
  double sparsity;

  @Option(names = "--labels", paramLabel = "linear|logistic", defaultValue = "linear",
      description = "linear: y = w.x + b + noise, for regression; logistic: y = 0 or 1, 1 with probability "
          + "1 / (1 + exp(-(w.x + b))), for train --loss logistic (the coefficients set how separable the "
          + "classes are, the intercept their balance; the share of 1s is printed). Default: ${DEFAULT-VALUE}")
  String labels;

  @Option(names = "--noise", paramLabel = "SIGMA",
      description = "Standard deviation of the Gaussian noise added to y (>= 0), for linear labels. Default: "
          + "0.1 (0 with --labels logistic, whose draw is their noise).")
  Double noise;

  @Option(names = "--seed", paramLabel = "K", defaultValue = "1",
      description = "Seed of every random number; the same seed, rows, features and partitions give the "
          + "same files. Default: ${DEFAULT-VALUE}")
  long seed;

  @Option(names = "--coefficients", paramLabel = "W1,W2,..", split = ",",
      description = "The true weights, one per feature. Default: uniform in [-3, 3] with two decimals, "
          + "from the seed.")
  List<Double> coefficients;

  @Option(names = "--intercept", paramLabel = "B", defaultValue = "0",
      description = "The true intercept. Default: ${DEFAULT-VALUE}")
  double intercept;

  @Option(names = "--format", paramLabel = "csv|parquet|libsvm", defaultValue = "csv",
      description = "Output format: CSV with a header x1,..,xD,y in every file; Parquet with double columns "
          + "x1..xD and y; or LIBSVM (y i:v ..., 1-based, non-zeros only). Default: ${DEFAULT-VALUE}")
  String format;

  @Option(names = "--output", paramLabel = "URI", required = true,
      description = "Output directory (any Hadoop file system: file:, hdfs:, ...): part-NNNNN.<format> files "
          + "and _truth.json.")
  String output;

  @Option(names = "--partitions", paramLabel = "N", converter = WholeNumber.Int.class, defaultValue = "0",
      description = "Partitions, which are also the output files (at most --rows). Default: one per million "
          + "rows, at least Spark's default parallelism (0 = automatic).")
  int partitions;

  @Option(names = "--overwrite", description = "Replace --output if it exists and is not empty: only an "
      + "earlier output of train, predict or generate, never a directory holding other files or the working "
      + "directory.")
  boolean overwrite;

  @Option(names = "--verbose", description = "Show Spark's INFO logs and stack traces of errors.")
  boolean verbose;

  GenerateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  @SuppressWarnings("try") // the notice is only opened and closed
  public Integer call() {
    try {
      GenerateConfig config = configFor();
      try (InterruptNotice notice = InterruptNotice.forCommand(err, verbose);
          SparkSessions sessions = SparkSessions.useOrStart("spark-dgd generate", verbose)) {
        long start = System.nanoTime();
        DataGenerator.Result r = DataGenerator.run(sessions.session(), config);
        String ones = config.labels() != GeneratedLabels.LOGISTIC ? "" : String.format(Locale.ROOT,
            "; %,d labelled 1 (%.1f%%)", r.ones(), 100.0 * r.ones() / r.rows());
        out.printf(Locale.ROOT, "Wrote %,d rows x %d feature%s as %s in %d file%s to %s (true coefficients in "
                + "%s%s), %.1f s%n", r.rows(), config.features(), config.features() == 1 ? "" : "s",
            config.format(), r.files().size(), r.files().size() == 1 ? "" : "s", r.output(),
            DataGenerator.TRUTH_FILE, ones, (System.nanoTime() - start) / 1e9);
        return ExitCode.OK;
      }
    } catch (Exception | OutOfMemoryError | org.apache.hadoop.fs.FSError e) { // see ErrorReport on the Errors
      return ErrorReport.report(e, null, verbose, err, "generate --help", "");
    }
  }

  private GenerateConfig configFor() {
    try {
      double[] w = coefficients == null
          ? GenerateConfig.defaultCoefficients(Math.max(features, 0), seed)
          : coefficients.stream().mapToDouble(Double::doubleValue).toArray();
      GeneratedLabels kind = GeneratedLabels.parse(labels);
      double sigma = noise != null ? noise : kind == GeneratedLabels.LINEAR ? DEFAULT_NOISE : 0;
      return new GenerateConfig(rows, features, sparsity, kind, sigma, seed, w, intercept, InputFormat.parse(format),
          partitions, output, overwrite, verbose);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }
}
