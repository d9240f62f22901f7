package sparkdgd.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
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
import sparkdgd.output.ToolVersion;
import sparkdgd.output.DataOverlap;
import sparkdgd.output.LinearModel;
import sparkdgd.output.OutputDirectory;
import sparkdgd.output.PartFiles;
import sparkdgd.output.PredictJson;
import sparkdgd.output.SparkWrite;
import sparkdgd.data.NoRowsLeft;
import sparkdgd.data.TooManyBadRecords;
import sparkdgd.data.UnknownFeatures;
import sparkdgd.score.NumericColumns;
import sparkdgd.score.Predictions;
import sparkdgd.score.SavedModel;
import sparkdgd.score.ScoringInput;
import sparkdgd.train.ReadWatch;

/** {@code predict}: scores data with a trained model, distributed, and writes it with a prediction column. */
@Command(name = "predict", mixinStandardHelpOptions = true, version = ToolVersion.TEXT,
    sortOptions = false, usageHelpWidth = 100,
    header = "Scores data with a trained model: adds a prediction column (logistic: and probability), "
        + "distributed.",
    description = {
        "Adds a prediction column to every row of --data, keeping every other column, and writes the",
        "result to --output (a directory of part files), atomically. A linear model (squared or Huber",
        "loss) predicts coefficients . features + intercept. A logistic model's prediction is the class,",
        "1 when the probability exceeds 0.5, else 0 (in the labels trained with --classes: -1 or 1 for",
        "--classes -1,1), and it adds a column probability = P(label = 1, or the positive class); data",
        "that already has a column named probability is refused. Runs in the executors: the data never",
        "passes through the driver.", ""},
    footer = {"", SubmitOptionsHelp.SENTENCE, SubmitOptionsHelp.OPTIONS, SubmitOptionsHelp.PREDICT, "",
        "Exit codes: 0 done; 1 failure while running; 2 bad flag, bad model directory or bad data "
        + "(a missing feature column, a non-number); 3 the run warned and --fail-on-warning kept it from writing; "
        + ExitCode.HELP_JVM_AND_SPARK})
final class PredictCommand implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;

  @Option(names = "--model", paramLabel = "DIR|FILE", required = true,
      description = "The --output directory of a training run (its model.json is read), or the path of that "
          + "model.json itself.")
  String model;

  @Option(names = "--data", paramLabel = "URI", required = true,
      description = "Data to score: a file, directory or glob (several files: --data 'dir/{a,b}.csv', quoted), "
          + "like the trainer's --data. It needs the "
          + "model's feature columns (by name); the label is not needed.")
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

  @Option(names = "--output", paramLabel = "URI", required = true,
      description = "Directory to write the scored data to (part files, as Spark writes them, and _predict.json: "
          + "the model, the data, the rows written and the rows skipped, for a pipeline to read).")
  String output;

  @Option(names = "--output-format", paramLabel = "csv|parquet",
      description = "Format of --output. Default: from its extension, else the format of --data (CSV for "
          + "LIBSVM data, which has no place for the prediction column; its rows are written as their label and "
          + "prediction, in the input's order).")
  String outputFormat;

  @Option(names = "--prediction-col", paramLabel = "NAME", defaultValue = "prediction",
      description = "Name of the added column. Default: ${DEFAULT-VALUE}")
  String predictionCol;

  @Option(names = "--overwrite", description = "Replace --output if it exists and is not empty: only an "
      + "earlier output of train, predict or generate, never a directory holding other files or the working "
      + "directory.")
  boolean overwrite;

  @Option(names = "--on-bad-record", paramLabel = "fail|skip", defaultValue = "fail",
      description = "A row whose features cannot be read (" + SkippedRecords.UNSPLIT
          + "leave it out of --output (no row is written with an empty prediction), count "
          + "such rows and show a few, as train does; when every row is skipped the run fails (exit 2). Default: "
          + "${DEFAULT-VALUE}")
  String onBadRecord;

  @Option(names = "--max-bad-records", paramLabel = "N|P%",
      description = SkippedRecords.MAX_BAD_RECORDS + "with no predictions written, where a broken export would "
          + "otherwise be scored in part. Default: no limit")
  String maxBadRecords;

  @Option(names = "--quiet", description = "Print only errors and the final line.")
  boolean quiet;

  @Option(names = "--fail-on-warning", description = WarningsRefused.SCORING_HELP)
  boolean failOnWarning;

  @Option(names = "--verbose", description = "Show Spark's INFO logs and stack traces of errors.")
  boolean verbose;

  PredictCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  @SuppressWarnings("try") // the notice is only opened and closed
  public Integer call() {
    SparkSession spark = null;
    try {
      InputFormat inFormat = parseFormat(format);
      InputFormat outFormat = PredictionOutputFormat.asked(outputFormat, output);
      BadRecordPolicy policy = SkippedRecords.policy(onBadRecord);
      BadRecordLimit limit = SkippedRecords.limit(maxBadRecords, policy);
      unknownFeatures.check();
      ScoringInput.CsvLayout layout = csv.layout();
      if (predictionCol.isBlank()) {
        throw new UsageError("--prediction-col must name a column");
      }
      try (InterruptNotice notice = InterruptNotice.forCommand(err, verbose);
          SparkSessions sessions = SparkSessions.useOrStart("spark-dgd predict", verbose)) {
        spark = sessions.session();
        var conf = spark.sparkContext().hadoopConfiguration();
        InputFiles.refuseMissing(conf, data); // before the checks of --output, which would speak first
        DataOverlap.refuse(conf, "--output", output, data);
        DataOverlap.refuseReplacing(conf, "--output", output, "--model", model);
        OutputDirectory target = OutputDirectory.prepare(conf, output, overwrite, OutputDirectory.Writer.PREDICT);
        SavedModel.Loaded saved = SavedModel.load(conf, model);
        LinearModel m = saved.model();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        BadRecords bad = BadRecords.create(jsc, policy);
        UnknownFeatures unknown = unknownFeatures.policy(jsc);
        ScoringInput input = ScoringInput.read(spark, data, inFormat, m.featureNames().size(),
            indexBase.zeroBased(saved), layout, bad, true, unknown);
        IdleFlags.csvOnly(spec.commandLine().getParseResult(), input.format()).forEach(err::println);
        IdleFlags.libsvmOnly(spec.commandLine().getParseResult(), input.format(),
            input.format() == InputFormat.PARQUET && NumericColumns.features(input, m).fromVector())
            .forEach(err::println);
        if (outFormat == null) {
          outFormat = PredictionOutputFormat.following(input.format());
        }
        LongAccumulator rows = spark.sparkContext().longAccumulator("rows scored");
        Dataset<Row> scored = Predictions.score(input, m, predictionCol, rows, bad);
        // the columns written (a LIBSVM row's vector is not), before any job runs
        PredictionOutputFormat.refuseColumnsCsvCannotHold(outFormat, scored.schema(), output);
        if (!quiet) {
          out.printf(Locale.ROOT, "spark-dgd predict: model %s (%,d feature%s) on %s, master %s%n", model,
              m.featureNames().size(), m.featureNames().size() == 1 ? "" : "s", data,
              spark.sparkContext().master());
        }
        String fmt = outFormat.toString();
        spark.sparkContext().setJobDescription("predict: score " + data + " into " + output);
        // CSV scored from CSV keeps the input's delimiter, and its header line or lack of one; an --output named
        // .tsv is split by tabs; files split by tabs are named .tsv, so that they are read back so
        boolean fromCsv = input.format() == InputFormat.CSV;
        char delimiter = InputFormat.tabSeparated(output) ? '\t'
            : fromCsv ? input.csv().delimiter() : ',';
        String extension = delimiter == '\t' ? "tsv" : "csv"; // CSV's part files', and what the last line calls them
        SparkContext sc = spark.sparkContext();
        BadRecords.Report[] skipped = new BadRecords.Report[1];
        List<String> warned = new java.util.ArrayList<>(); // once the rows are scored: for _predict.json and stderr
        target.commit(Map.of(), List.of((fs, staging) -> {
          try (ReadWatch watch = PassReport.start(sc, out, quiet, "Scoring")) {
            SparkWrite.run(sc, () -> scored.write()
                .mode(SaveMode.Append).format(fmt)
                .option("header", String.valueOf(!fromCsv || input.csv().header()))
                .option("delimiter", String.valueOf(delimiter))
                .option("extension", extension)
                .option("escape", "\"") // a quote inside quotes written as "", as CsvRows reads it
                // text columns pass through as they were: Spark's CSV writer trims their spaces unless told not to
                .option("ignoreLeadingWhiteSpace", "false")
                .option("ignoreTrailingWhiteSpace", "false")
                .save(staging.toString()));
          }
          // read once, right after the one pass that scored the rows (BadRecords)
          skipped[0] = bad.snapshot(conf);
          if (rows.value() > 0) {
            PartFiles.require(fs, List.of(staging), output, "the predictions", "");
          } else if (skipped[0].skipped() > 0) {
            throw NoRowsLeft.error(data, "to predict", skipped[0]); // nothing is written
          }
          TooManyBadRecords.check(limit, skipped[0], rows.value(), data); // nothing is written
          warned.addAll(warnings(skipped[0], rows.value(), data));
          if (failOnWarning && !warned.isEmpty()) { // thrown here, the staged predictions are discarded
            warned.forEach(w -> err.println("warning: " + w));
            throw new WarningsRefused(WarningsRefused.message(warned, "the data", output, "predictions"));
          }
          try (java.io.OutputStream summary = fs.create(new org.apache.hadoop.fs.Path(staging, PredictJson.FILE_NAME),
              false)) {
            summary.write(PredictJson.render(model, data, predictionCol, fmt.equals("csv") ? extension : fmt,
                rows.value(), skipped[0].skipped(), unknown.counted(), warned));
          }
        }));
        spark.sparkContext().setJobDescription(null);
        long left = skipped[0].skipped();
        if (!quiet) {
          SkippedRecords.printAny(out, left, skipped[0].examples());
          unknown.said(m.featureNames().size(), indexBase.zeroBasedUntold(saved, input.format()))
              .ifPresent(out::println);
        }
        warned.forEach(w -> err.println("warning: " + w));
        out.printf(Locale.ROOT, "Wrote %,d predictions (%s%s) to %s%n", rows.value(),
            fmt.equals("csv") ? extension : fmt,
            (left == 0 ? "" : "; " + SkippedRecords.count(left)) + unknown.suffix(), target.path());
        return ExitCode.OK;
      }
    } catch (Exception | OutOfMemoryError | org.apache.hadoop.fs.FSError e) { // see ErrorReport on the Errors
      return ErrorReport.report(e, spark, verbose, err, "predict --help", "");
    }
  }

  private static InputFormat parseFormat(String value) {
    if (value == null) {
      return null;
    }
    try {
      return InputFormat.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /**
   * What predict warns of, each without its "warning: ", for stderr and {@code _predict.json}: bad records skipped,
   * and input of no data rows (a night's file of a header only: train and evaluate refuse it).
   */
  static List<String> warnings(BadRecords.Report skipped, long rows, String data) {
    List<String> warnings = new java.util.ArrayList<>();
    SkippedRecords.warning(skipped.skipped(), skipped.examples(), "scored").ifPresent(warnings::add);
    if (rows == 0) {
      warnings.add("the input has no data rows (" + data + "), so the output holds no predictions; check --data");
    }
    return warnings;
  }
}
