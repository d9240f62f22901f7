package sparkdgd.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import sparkdgd.config.BadRecordLimit;
import sparkdgd.config.BadRecordPolicy;
import sparkdgd.config.InputFormat;
import sparkdgd.config.UsageError;
import sparkdgd.data.BadRecords;
import sparkdgd.data.InputFiles;
import sparkdgd.data.TooManyBadRecords;
import sparkdgd.data.UnknownFeatures;
import sparkdgd.output.ToolVersion;
import sparkdgd.output.AtomicFile;
import sparkdgd.output.Counts;
import sparkdgd.output.SparkWrite;
import sparkdgd.output.DataOverlap;
import sparkdgd.output.LinearModel;
import sparkdgd.output.MetricsJson;
import sparkdgd.score.Evaluation;
import sparkdgd.config.LossKind;
import sparkdgd.score.ClassificationMetrics;
import sparkdgd.score.NumericColumns;
import sparkdgd.score.RegressionMetrics;
import sparkdgd.score.SavedModel;
import sparkdgd.score.ScoringInput;
import sparkdgd.train.ReadWatch;

/** {@code evaluate}: a trained model's MSE, RMSE, MAE and R² on labelled data, in one distributed pass. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, version = ToolVersion.TEXT,
    sortOptions = false, usageHelpWidth = 100,
    header = "Prints and writes a trained model's MSE, RMSE, MAE and R^2 on labelled data (logistic: "
        + "log-loss, accuracy and AUC).",
    description = {
        "Scores labelled --data with a trained model, prints its metrics and writes them to --output as",
        "JSON. A linear model (squared or Huber loss): MSE, RMSE, MAE and R^2 (and a Huber model's mean",
        "Huber loss at its delta), from one distributed pass in which only per-partition sums reach the",
        "driver. A logistic model (labels 0/1, or the two labels it was trained with, --classes):",
        "log-loss (from each row's margin, as in training, so a confident wrong row counts in full),",
        "accuracy (class 1 when the probability exceeds 0.5) and the exact AUC over every row's margin,",
        "ties counted half, as Spark's BinaryClassificationMetrics with 0 bins gives it (the probability's",
        "order, without the ties its rounding to 1 adds above a margin of about 37).",
        ""},
    footer = {"", SubmitOptionsHelp.SENTENCE, SubmitOptionsHelp.OPTIONS, SubmitOptionsHelp.EVALUATE, "",
        "Exit codes: 0 done; 1 failure while running; 2 bad flag, bad model directory or bad data; 3 the run "
        + "warned and --fail-on-warning kept it from writing; " + ExitCode.HELP_JVM_AND_SPARK})
final class EvaluateCommand implements Callable<Integer> {
  /** {@code --output}, for its messages. */
  private static final AtomicFile.Flag OUTPUT =
      new AtomicFile.Flag("--output", "evaluate writes one JSON file", MetricsJson.FILE_NAME);

  private final PrintStream out;
  private final PrintStream err;

  @Option(names = "--model", paramLabel = "DIR|FILE", required = true,
      description = "The --output directory of a training run (its model.json is read), or the path of that "
          + "model.json itself.")
  String model;

  @Option(names = "--data", paramLabel = "URI", required = true,
      description = "Labelled data: a file, directory or glob (several files: --data 'dir/{a,b}.csv', quoted), "
          + "like the trainer's --data.")
  String data;

  @Option(names = "--format", paramLabel = "csv|parquet|libsvm",
      description = "Format of --data. Default: from the file extension.")
  String format;

  @Mixin
  CsvLayoutOptions csv;

  @Mixin
  ScoringIndexBase indexBase;

  @Mixin
  UnknownFeaturesFlag unknownFeatures;

  @Spec
  CommandSpec spec;

  @Option(names = "--label-col", paramLabel = "NAME",
      description = "Label column. Default: the label the model was trained on; for LIBSVM data, its label.")
  String labelCol;

  @Option(names = "--weight-col", paramLabel = "NAME",
      description = "A column of each row's weight (CSV or Parquet, a CSV without a header naming its columns "
          + "c1..cN; Spark's weightCol): the metrics "
          + "are then weighted means, each row counting its weight's worth (the AUC too), as training reports them "
          + "with --weight-col. Weights must be finite and >= 0. Default: every row weighs 1, also for a model "
          + "trained with weights (model.json's weightCol).")
  String weightCol;

  @Option(names = "--output", paramLabel = "FILE", defaultValue = MetricsJson.FILE_NAME,
      description = "JSON file for the metrics, written atomically; a file, not a directory (a name ending in / is "
          + "refused). Default: ${DEFAULT-VALUE}")
  String output;

  @Option(names = "--overwrite", description = "Replace --output if it exists.")
  boolean overwrite;

  @Option(names = "--on-bad-record", paramLabel = "fail|skip", defaultValue = "fail",
      description = "A row whose features or label cannot be read (" + SkippedRecords.UNSPLIT
          + "leave it out of every metric, count such rows, show a few, as train does, and "
          + "record skippedRecords in --output; when every row is skipped the run fails (exit 2). A logistic model's "
          + "label outside its two classes stops the run either way. Default: ${DEFAULT-VALUE}")
  String onBadRecord;

  @Option(names = "--max-bad-records", paramLabel = "N|P%",
      description = SkippedRecords.MAX_BAD_RECORDS + "with no metrics written, where a broken export would otherwise "
          + "be measured on what is left. Default: no limit")
  String maxBadRecords;

  @Option(names = "--quiet", description = "Print only errors and the final line.")
  boolean quiet;

  @Option(names = "--fail-on-warning", description = WarningsRefused.SCORING_HELP)
  boolean failOnWarning;

  @Option(names = "--verbose", description = "Show Spark's INFO logs and stack traces of errors.")
  boolean verbose;

  EvaluateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  @SuppressWarnings("try") // the notice is only opened and closed
  public Integer call() {
    SparkSession spark = null;
    try {
      InputFormat inFormat;
      try {
        inFormat = format == null ? null : InputFormat.parse(format);
      } catch (IllegalArgumentException e) {
        throw new UsageError(e.getMessage());
      }
      ScoringInput.CsvLayout layout = csv.layout();
      BadRecordPolicy policy = SkippedRecords.policy(onBadRecord);
      BadRecordLimit limit = SkippedRecords.limit(maxBadRecords, policy);
      unknownFeatures.check();
      try (InterruptNotice notice = InterruptNotice.forCommand(err, verbose);
          SparkSessions sessions = SparkSessions.useOrStart("spark-dgd evaluate", verbose)) {
        spark = sessions.session();
        var conf = spark.sparkContext().hadoopConfiguration();
        InputFiles.refuseMissing(conf, data); // before the checks of --output, which would speak first
        DataOverlap.refuse(conf, "--output", output, data);
        DataOverlap.refuseReplacing(conf, "--output", output, "--model", model);
        AtomicFile target = AtomicFile.prepare(conf, output, OUTPUT, overwrite);
        SavedModel.Loaded saved = SavedModel.load(conf, model);
        LinearModel m = saved.model();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        BadRecords bad = BadRecords.create(jsc, policy);
        UnknownFeatures unknown = unknownFeatures.policy(jsc);
        ScoringInput input = ScoringInput.read(spark, data, inFormat, m.featureNames().size(),
            indexBase.zeroBased(saved), layout, bad, false, unknown);
        IdleFlags.csvOnly(spec.commandLine().getParseResult(), input.format()).forEach(err::println);
        IdleFlags.libsvmOnly(spec.commandLine().getParseResult(), input.format(),
            input.format() == InputFormat.PARQUET && NumericColumns.features(input, m).fromVector())
            .forEach(err::println);
        String label = labelCol != null ? labelCol
            : input.format() == InputFormat.LIBSVM ? ScoringInput.LIBSVM_LABEL : m.labelName();
        if (weightCol != null && weightCol.equals(label)) {
          throw new UsageError("--weight-col \"" + weightCol + "\" is also the label column; weigh the rows by "
              + "another column");
        }
        if (weightCol != null && input.format() == InputFormat.LIBSVM) {
          throw new UsageError("--weight-col names a CSV or Parquet column; LIBSVM rows hold a label and features "
              + "only: write the data with its weights as CSV or Parquet to weigh its rows");
        }
        spark.sparkContext().setJobDescription("evaluate " + model + " on " + data);
        if (!quiet) { // before the passes, which take minutes on large data
          out.printf(Locale.ROOT, "spark-dgd evaluate: %smodel %s on %s, label \"%s\"%n",
              m.loss() == LossKind.LOGISTIC ? "logistic " : m.loss() == LossKind.HUBER ? "Huber " : "", model, data,
              label + (weightCol == null ? "" : "\", weighted by \"" + weightCol));
          if (weightCol == null && saved.weightCol() != null && input.format() != InputFormat.LIBSVM) {
            out.printf(Locale.ROOT, "  every row weighs 1 here; the model was trained on rows weighted by \"%s\", "
                + "as training's metrics.json is: add --weight-col %s for those%n", saved.weightCol(),
                saved.weightCol());
          }
        }
        if (m.loss() == LossKind.LOGISTIC) {
          // a bad row fails the job at once: wait for its other tasks, which would log errors as the session closes
          ClassificationMetrics[] scored = new ClassificationMetrics[1];
          // the first of the two passes reads the input, reported while long; the second reads a cache of the first
          try (ReadWatch watch = PassReport.start(spark.sparkContext(), out, quiet, "Evaluating")) {
            SparkWrite.run(spark.sparkContext(), () -> scored[0] = Evaluation.classification(input, m, label, weightCol,
                bad));
          }
          ClassificationMetrics c = scored[0];
          BadRecords.Report skipped = bad.snapshot(conf); // after the passes that read the rows (BadRecords)
          TooManyBadRecords.check(limit, skipped, c.rows(), data); // before the metrics are written
          spark.sparkContext().setJobDescription(null);
          Path written = writeUnlessRefused(target, skipped, c.oneClassWarning("the data", m.classes(), ""),
              warnings -> MetricsJson.render(c, model, data, label, skipped.skipped(), unknown.counted(), warnings,
                  weightCol),
              unknown, m.featureNames().size(), indexBase.zeroBasedUntold(saved, input.format()));
          if (written == null) {
            return ExitCode.WARNED;
          }
          out.printf(Locale.ROOT, "log-loss = %.8g, accuracy = %.8g, AUC = %s on %s%s; wrote %s%n",
              c.logLoss(), c.accuracy(), c.aucText("%.8g"), Counts.of(c.rows(), "row") + unknown.ofThem(),
              skippedSuffix(skipped),
              written);
          return ExitCode.OK;
        }
        RegressionMetrics[] evaluated = new RegressionMetrics[1];
        // the one pass over the input, reported while long
        try (ReadWatch watch = PassReport.start(spark.sparkContext(), out, quiet, "Evaluating")) {
          SparkWrite.run(spark.sparkContext(), () -> evaluated[0] = Evaluation.run(input, m, label, weightCol, bad));
        }
        RegressionMetrics metrics = evaluated[0];
        BadRecords.Report skipped = bad.snapshot(conf); // right after the one pass that read the rows (BadRecords)
        TooManyBadRecords.check(limit, skipped, metrics.rows(), data); // before the metrics are written
        spark.sparkContext().setJobDescription(null);
        Path written = writeUnlessRefused(target, skipped, undefinedR2(metrics),
            warnings -> MetricsJson.render(metrics, model, data, label, skipped.skipped(), unknown.counted(),
                warnings, weightCol), unknown, m.featureNames().size(),
            indexBase.zeroBasedUntold(saved, input.format()));
        if (written == null) {
          return ExitCode.WARNED;
        }
        if (!quiet) {
          out.printf(Locale.ROOT, "  rows  %,d%n", metrics.rows());
          if (!Double.isNaN(metrics.huber())) {
            out.printf(Locale.ROOT, "  Huber %.8g (the Huber loss at the model's delta, %s)%n", metrics.huber(),
                m.huberDelta());
          }
          out.printf(Locale.ROOT, "  MSE   %.8g%n", metrics.mse());
          out.printf(Locale.ROOT, "  RMSE  %.8g%n", metrics.rmse());
          out.printf(Locale.ROOT, "  MAE   %.8g%n", metrics.mae());
          out.printf(Locale.ROOT, "  R^2   %.8g%s%n", metrics.r2(),
              Double.isNaN(metrics.r2()) && Double.isFinite(metrics.mse()) ? " (every label is the same)" : "");
        }
        out.printf(Locale.ROOT, "%sMSE = %.8g, RMSE = %.8g, MAE = %.8g, R^2 = %.8g on %s%s; wrote %s%n",
            Double.isNaN(metrics.huber()) ? "" : String.format(Locale.ROOT, "Huber loss = %.8g, ", metrics.huber()),
            metrics.mse(), metrics.rmse(), metrics.mae(), metrics.r2(),
            Counts.of(metrics.rows(), "row") + unknown.ofThem(), skippedSuffix(skipped), written);
        return ExitCode.OK;
      }
    } catch (Exception | OutOfMemoryError | org.apache.hadoop.fs.FSError e) { // see ErrorReport on the Errors
      return ErrorReport.report(e, spark, verbose, err, "evaluate --help", "");
    }
  }

  /**
   * The run's warnings (bad records skipped, then {@code ofMetrics}, what the metrics themselves say), each a
   * "warning: " line on stderr; under --fail-on-warning with any, the refusal too, nothing written and null returned;
   * else the metrics {@code render} makes of them written to {@code target}, after the records --on-bad-record skip
   * left out, as train shows them (not with --quiet), and the rows evaluated without values beyond the model's
   * features, if any.
   */
  private Path writeUnlessRefused(AtomicFile target, BadRecords.Report skipped, Optional<String> ofMetrics,
      Function<List<String>, byte[]> render, UnknownFeatures unknown, int modelFeatures, boolean zeroBasedUntold)
      throws java.io.IOException {
    List<String> warnings = new ArrayList<>();
    SkippedRecords.warning(skipped.skipped(), skipped.examples(), "evaluated").ifPresent(warnings::add);
    ofMetrics.ifPresent(warnings::add);
    if (failOnWarning && !warnings.isEmpty()) {
      warnings.forEach(w -> err.println("warning: " + w));
      err.println("error: " + WarningsRefused.message(warnings, "the data", output, "metrics"));
      return null;
    }
    Path written = target.write(render.apply(warnings));
    if (!quiet) {
      SkippedRecords.printAny(out, skipped.skipped(), skipped.examples());
      unknown.said(modelFeatures, zeroBasedUntold).ifPresent(out::println);
    }
    warnings.forEach(w -> err.println("warning: " + w));
    return written;
  }

  /** What a regression's metrics say of themselves: squared errors beyond a double, or every label the same. */
  private static Optional<String> undefinedR2(RegressionMetrics metrics) {
    if (!Double.isFinite(metrics.mse())) { // finite predictions and labels whose errors' squares overflow
      return Optional.of(String.format(Locale.ROOT, "the squared errors add up beyond the largest double (labels or "
          + "predictions beyond about 1e154), so the MSE is %s and R^2 undefined (null in --output); check "
          + "--label-col and the data's scale", metrics.mse()));
    }
    if (Double.isNaN(metrics.r2()) && metrics.rows() > 0) {
      return Optional.of(String.format(Locale.ROOT, "every label in the data is %s (%s), so R^2 is undefined (null "
          + "in --output); check --label-col", Counts.commonValue(metrics.labelMean(), metrics.rows()),
          Counts.of(metrics.rows(), "row")));
    }
    return Optional.empty();
  }

  /** " (3 bad records skipped)" for the final line, which --quiet prints too; empty when none were. */
  private static String skippedSuffix(BadRecords.Report skipped) {
    return SkippedRecords.suffix(skipped.skipped());
  }
}
