package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.SparkTestSession;

/**
 * {@code predict} and {@code evaluate} with {@code --on-bad-record}: {@code skip} leaves a row whose features (or, to
 * evaluate, label) cannot be read out of the output and of every metric, counts it and shows it as train shows the
 * records it skipped; {@code fail}, the default, stops at one with exit 2 as before. The expected predictions and
 * metrics are computed here from model.json over the good rows only.
 */
@Tag("spark")
class ScoringBadRecordsTest {
  @TempDir
  Path tmp;

  /** The model: y = 2.5 a - 1.0 b + 0.5. */
  private static final String MODEL_JSON = "{\"featureNames\": [\"a\", \"b\"], \"coefficients\": [2.5, -1.0], "
      + "\"intercept\": 0.5, \"labelName\": \"y\"}";

  /** Good rows (id, a, b, y) in two files, with three bad ones in the second: an empty cell, "abc", NaN. */
  private static final String FIRST = "id,a,b,y\nr1,1,2,0.9\nr2,-4,0,-9.4\nr3,0.25,1e3,-998\n";
  private static final String SECOND = "id,a,b,y\nr4,3,1,7.25\n"
      + "bad1,,2,1\n"          // line 3: a empty
      + "r5,2,2,3.5\n"
      + "bad2,1,abc,1\n"       // line 5: b not a number
      + "bad3,NaN,1,1\n"       // line 6: a NaN
      + "r6,-1.5,0.5,-4\n";
  private static final List<String> GOOD = List.of("r1", "r2", "r3", "r4", "r5", "r6");

  private Path model() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(dir.resolve("model.json"), MODEL_JSON);
    return dir;
  }

  private Path data() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(dir.resolve("1.csv"), FIRST);
    Files.writeString(dir.resolve("2.csv"), SECOND);
    return dir;
  }

  /** The file as the tasks name it: {@code file:/...}. */
  private static String uri(Path file) {
    return file.toUri().toString().replace("file:///", "file:/");
  }

  /** w . x + b from model.json, for every good row of {@link #FIRST} and {@link #SECOND}, by id. */
  private Map<String, double[]> expected(Path model) throws Exception {
    JsonNode m = new ObjectMapper().readTree(model.resolve("model.json").toFile());
    double w0 = m.get("coefficients").get(0).asDouble();
    double w1 = m.get("coefficients").get(1).asDouble();
    double b = m.get("intercept").asDouble();
    Map<String, double[]> byId = new TreeMap<>();
    for (String text : List.of(FIRST, SECOND)) {
      for (String line : text.lines().skip(1).toList()) {
        String[] f = line.split(",", -1);
        if (GOOD.contains(f[0])) {
          double a = Double.parseDouble(f[1]);
          double bb = Double.parseDouble(f[2]);
          double y = Double.parseDouble(f[3]);
          byId.put(f[0], new double[] {a * w0 + bb * w1 + b, y}); // summed as Spark ML sums, then the intercept
        }
      }
    }
    assertEquals(GOOD.size(), byId.size());
    return byId;
  }

  private void assertSkippedLines(String out, Path second) {
    assertTrue(out.contains("Skipped 3 bad records (--on-bad-record skip):\n"), out);
    assertTrue(out.contains("\n  " + uri(second) + ":3: column \"a\" is empty (null); fill it in or delete the row\n"),
        out);
    assertTrue(out.contains("\n  " + uri(second) + ":5: column \"b\" expected a number, found \"abc\" (fix or delete "
        + "the row)\n"), out);
    assertTrue(out.contains("\n  " + uri(second) + ":6: column \"a\" holds NaN, not a finite number (fix or delete "
        + "the row)\n"), out);
  }

  /** Without the flag one bad cell stops the run, naming its file, line and column, and writes nothing. */
  private static void assertFailsAtABadRow(CliRun run, Path output, Path second) {
    String line = run.refusedInOneLine(output);
    // the bad row a task meets first: one of the file's four, each named as --on-bad-record skip lists it
    List<String> bad = List.of(":3: column \"a\" is empty (null); fill it in or delete the row",
        ":5: column \"b\" expected a number, found \"abc\" (fix or delete the row)",
        ":6: column \"a\" holds NaN, not a finite number (fix or delete the row)",
        ":8: column \"y\" is empty (null); fill it in or delete the row");
    assertTrue(bad.stream().anyMatch(b -> line.equals("error: " + uri(second) + b)), line);
    assertFalse(line.contains("--on-bad-record"), "the message is today's: " + line);
  }

  @Test
  void predictSkipWritesOnlyTheGoodRowsAndCountsTheOthers() throws Exception {
    Path model = model();
    Path data = data();
    Path second = data.resolve("2.csv");
    Map<String, double[]> expected = expected(model);

    Path failed = tmp.resolve("failed");
    assertFailsAtABadRow(CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        failed.toString(), "--output-format", "parquet"), failed, second);
    Path failedToo = tmp.resolve("failed-too");
    assertFailsAtABadRow(CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        failedToo.toString(), "--output-format", "parquet", "--on-bad-record", "fail"), failedToo, second);

    Path out = tmp.resolve("scored");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString(), "--output-format", "parquet", "--on-bad-record", "skip");
    assertEquals(0, run.code(), run.out() + run.err());
    assertSkippedLines(run.out(), second);
    assertTrue(run.out().contains("Wrote 6 predictions (parquet; 3 bad records skipped) to file:" + out + "\n"),
        run.out());
    assertTrue(run.out().indexOf("Skipped 3") < run.out().indexOf("Wrote 6"), run.out());
    assertTrue(run.err().startsWith("warning: 3 bad records skipped (--on-bad-record skip): rows not scored; the "
        + "first: "), run.err()); // the one line on stderr, which a pipeline sees (stdout's listing --quiet drops)
    assertEquals(1, run.err().strip().lines().count(), run.err());

    List<Row> rows = SparkTestSession.get().read().parquet(out.toString()).orderBy("id").collectAsList();
    List<String> ids = rows.stream().map(r -> r.getString(0)).toList();
    assertEquals(GOOD, ids, "exactly the good rows, none with a null prediction");
    for (Row r : rows) {
      double want = expected.get(r.getString(0))[0];
      assertEquals(want, r.getDouble(4), 1e-15 * Math.max(1, Math.abs(want)), r.getString(0));
    }

    // --quiet: the final line alone, with the count
    Path quietOut = tmp.resolve("quiet");
    CliRun quiet = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        quietOut.toString(), "--on-bad-record", "skip", "--quiet");
    assertEquals(0, quiet.code(), quiet.err());
    assertEquals("Wrote 6 predictions (csv; 3 bad records skipped) to file:" + quietOut, quiet.out().strip());
  }

  /**
   * {@code --max-bad-records} in predict and evaluate: 3 bad rows among 9 pass a limit of 3 (or 1/3 of the records)
   * and fail one of 2 (or 33%) with exit 2, no predictions and no metrics written.
   */
  @Test
  void maxBadRecordsFailsScoringThatSkipsMoreAndWritesNothing() throws Exception {
    Path model = model();
    Path data = data();
    Path second = data.resolve("2.csv");
    String[] skip = {"--model", model.toString(), "--data", data.toString(), "--on-bad-record", "skip"};

    Path within = tmp.resolve("within");
    CliRun predicted = CliRun.of(concat(skip, "predict", "--output", within.toString(), "--max-bad-records", "3"));
    assertEquals(0, predicted.code(), predicted.err());
    assertTrue(predicted.out().contains("Wrote 6 predictions (csv; 3 bad records skipped)"), predicted.out());
    Path over = tmp.resolve("over");
    String refused = CliRun.of(concat(skip, "predict", "--output", over.toString(), "--max-bad-records", "2"))
        .refusedInOneLine(over);
    assertTrue(refused.startsWith("error: " + data + ": 3 of the 9 records read were bad and skipped (33.3%), more "
        + "than --max-bad-records 2 allows (fix the input, or raise the limit); the first: " + uri(second) + ":"),
        refused);

    Path metrics = tmp.resolve("m.json");
    CliRun evaluated = CliRun.of(concat(skip, "evaluate", "--output", metrics.toString(), "--max-bad-records",
        "33.4%"));
    assertEquals(0, evaluated.code(), evaluated.err());
    assertEquals(3, new ObjectMapper().readTree(metrics.toFile()).get("skippedRecords").asLong());
    Path overMetrics = tmp.resolve("over.json");
    String evaluateRefused = CliRun.of(concat(skip, "evaluate", "--output", overMetrics.toString(),
        "--max-bad-records", "33%")).refusedInOneLine(overMetrics);
    assertTrue(evaluateRefused.contains(": 3 of the 9 records read were bad and skipped (33.3%), more than "
        + "--max-bad-records 33% allows"), evaluateRefused);
  }

  /** {@code command} followed by {@code args} and {@code more}. */
  private static String[] concat(String[] args, String command, String... more) {
    return Stream.concat(Stream.concat(Stream.of(command), Stream.of(args)), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void evaluateSkipLeavesBadRowsOutOfEveryMetric() throws Exception {
    Path model = model();
    Path data = data();
    Path second = data.resolve("2.csv");
    Map<String, double[]> expected = expected(model);
    // a row whose label cannot be read is bad to evaluate too (not to predict)
    Files.writeString(second, SECOND + "bad4,1,1,\n"); // line 8: y empty

    Path failed = tmp.resolve("failed.json");
    assertFailsAtABadRow(CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        failed.toString()), failed, second);

    int n = expected.size();
    double sse = 0;
    double sae = 0;
    double sumY = 0;
    for (double[] py : expected.values()) {
      double r = py[0] - py[1];
      sse += r * r;
      sae += Math.abs(r);
      sumY += py[1];
    }
    double sst = 0;
    for (double[] py : expected.values()) {
      sst += (py[1] - sumY / n) * (py[1] - sumY / n);
    }

    Path json = tmp.resolve("m.json");
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        json.toString(), "--on-bad-record", "skip");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("Skipped 4 bad records (--on-bad-record skip):\n"), run.out());
    assertTrue(run.out().contains("\n  " + uri(second) + ":8: column \"y\" is empty (null); fill it in or delete the "
        + "row\n"), run.out());
    assertTrue(run.out().contains(" on 6 rows (4 bad records skipped); wrote " + uri(json)), run.out());
    JsonNode m = new ObjectMapper().readTree(json.toFile());
    assertEquals(n, m.get("rows").asLong());
    assertEquals(4, m.get("skippedRecords").asLong());
    assertEquals(sse / n, m.get("mse").asDouble(), 1e-12 * (sse / n), "mse");
    assertEquals(sae / n, m.get("mae").asDouble(), 1e-12 * (sae / n), "mae");
    assertEquals(1 - sse / sst, m.get("r2").asDouble(), 1e-12, "r2");
    assertEquals(sumY / n, m.get("labelMean").asDouble(), 1e-12 * Math.abs(sumY / n), "labelMean");

    // the clean rows alone, under the default: the same figures, and skippedRecords 0
    Path clean = Files.createDirectories(tmp.resolve("clean"));
    Files.writeString(clean.resolve("1.csv"), FIRST);
    Files.writeString(clean.resolve("2.csv"), "id,a,b,y\n" + String.join("\n", SECOND.lines()
        .filter(l -> GOOD.contains(l.split(",")[0])).toList()) + "\n");
    Path cleanJson = tmp.resolve("clean.json");
    CliRun plain = CliRun.of("evaluate", "--model", model.toString(), "--data", clean.toString(), "--output",
        cleanJson.toString());
    assertEquals(0, plain.code(), plain.err());
    assertFalse(plain.out().contains("skipped"), plain.out());
    JsonNode c = new ObjectMapper().readTree(cleanJson.toFile());
    assertEquals(0, c.get("skippedRecords").asLong());
    assertEquals(c.get("mse").asDouble(), m.get("mse").asDouble(), 1e-12 * (sse / n));
  }

  /** A Parquet file's null and NaN features are named by their row in the file and skipped. */
  @Test
  void parquetNullAndNaNFeaturesAreSkipped() throws Exception {
    Path model = model();
    StructType schema = new StructType().add("id", DataTypes.StringType, false)
        .add("a", DataTypes.DoubleType, true).add("b", DataTypes.DoubleType, true)
        .add("y", DataTypes.DoubleType, true);
    List<Row> list = new ArrayList<>();
    list.add(RowFactory.create("r1", 1.0, 2.0, 0.9));
    list.add(RowFactory.create("bad1", null, 2.0, 1.0));         // row 2: a null
    list.add(RowFactory.create("r2", -4.0, 0.0, -9.4));
    list.add(RowFactory.create("bad2", 1.0, Double.NaN, 1.0));   // row 4: b NaN
    list.add(RowFactory.create("r3", 0.25, 1000.0, -998.0));
    list.add(RowFactory.create("bad3", 1.0, 1.0, null));         // row 6: y null, bad to evaluate only
    Path data = tmp.resolve("d.parquet");
    SparkTestSession.get().createDataFrame(list, schema).coalesce(1).write().parquet(data.toString());
    String file;
    try (Stream<Path> s = Files.list(data)) {
      file = uri(s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow());
    }

    Path failed = tmp.resolve("failed");
    CliRun fail = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        failed.toString());
    assertEquals("error: " + file + ": row 2 of the file: column \"a\" is empty (null); fill it in or delete the row",
        fail.refusedInOneLine(failed));

    Path out = tmp.resolve("scored");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString(), "--on-bad-record", "skip");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("Skipped 2 bad records (--on-bad-record skip):\n  " + file + ": row 2 of the file: "
        + "column \"a\" is empty (null); fill it in or delete the row\n  " + file + ": row 4 of the file: column "
        + "\"b\" holds NaN, not a finite number (fix or delete the row)\n"), run.out());
    assertTrue(run.out().contains("Wrote 4 predictions (parquet; 2 bad records skipped) to "), run.out());
    List<Row> rows = SparkTestSession.get().read().parquet(out.toString()).orderBy("id").collectAsList();
    assertEquals(List.of("bad3", "r1", "r2", "r3"), rows.stream().map(r -> r.getString(0)).toList());
    assertEquals(2.5 * 1 - 1.0 * 1 + 0.5, rows.get(0).getDouble(4), 0.0);
    assertEquals(2.5 * 0.25 - 1.0 * 1000 + 0.5, rows.get(3).getDouble(4), 1e-12);

    Path json = tmp.resolve("m.json");
    CliRun eval = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        json.toString(), "--on-bad-record", "skip");
    assertEquals(0, eval.code(), eval.out() + eval.err());
    assertTrue(eval.out().contains("  " + file + ": row 6 of the file: column \"y\" is empty (null)"), eval.out());
    JsonNode m = new ObjectMapper().readTree(json.toFile());
    assertEquals(3, m.get("rows").asLong());
    assertEquals(3, m.get("skippedRecords").asLong());
    double r1 = 2.5 * 1 - 1.0 * 2 + 0.5 - 0.9;
    double r2 = 2.5 * -4 - 1.0 * 0 + 0.5 - -9.4;
    double r3 = 2.5 * 0.25 - 1.0 * 1000 + 0.5 - -998;
    double mse = (r1 * r1 + r2 * r2 + r3 * r3) / 3;
    assertEquals(mse, m.get("mse").asDouble(), 1e-12 * mse);
  }

  /**
   * A logistic model: rows with a bad feature leave the log-loss, accuracy and AUC; a readable label outside the
   * model's classes still stops the run, as in training.
   */
  @Test
  void logisticEvaluateSkipsBadFeaturesButNotLabelsOutsideTheClasses() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("logistic"));
    Files.writeString(dir.resolve("model.json"), "{\"featureNames\": [\"a\"], \"coefficients\": [2.0], "
        + "\"intercept\": -1.0, \"labelName\": \"y\", \"loss\": \"logistic\"}");
    String good = "a,y\n1,1\n0,0\n2,0\n-1,1\n";
    Path data = Files.writeString(tmp.resolve("l.csv"), good + "x,1\n,0\n");
    double logLoss = 0;
    int correct = 0;
    for (String line : good.lines().skip(1).toList()) {
      double a = Double.parseDouble(line.split(",")[0]);
      double y = Double.parseDouble(line.split(",")[1]);
      double margin = 2.0 * a - 1.0;
      double p = 1 / (1 + Math.exp(-margin));
      logLoss += -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
      correct += (p > 0.5) == (y > 0.5) ? 1 : 0;
    }
    Path json = tmp.resolve("l.json");
    CliRun run = CliRun.of("evaluate", "--model", dir.toString(), "--data", data.toString(), "--output",
        json.toString(), "--on-bad-record", "skip");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("Skipped 2 bad records (--on-bad-record skip):\n"), run.out());
    assertTrue(run.out().contains(" on 4 rows (2 bad records skipped); wrote "), run.out());
    JsonNode m = new ObjectMapper().readTree(json.toFile());
    assertEquals(4, m.get("rows").asLong());
    assertEquals(2, m.get("skippedRecords").asLong());
    assertEquals(logLoss / 4, m.get("logloss").asDouble(), 1e-12);
    assertEquals(correct / 4.0, m.get("accuracy").asDouble(), 0.0);
    // the rows' probabilities 0.73 (1), 0.27 (0), 0.95 (0), 0.05 (1): one positive above one negative of four pairs
    assertEquals(0.25, m.get("auc").asDouble(), 1e-12);

    Path two = Files.writeString(tmp.resolve("two.csv"), good + "1,2\n");
    Path refused = tmp.resolve("refused.json");
    CliRun wrong = CliRun.of("evaluate", "--model", dir.toString(), "--data", two.toString(), "--output",
        refused.toString(), "--on-bad-record", "skip");
    assertTrue(wrong.refusedInOneLine(refused).startsWith("error: " + uri(two) + ":6: column \"y\" holds 2.0: a "
        + "logistic model is evaluated on labels 0 and 1"), wrong.err());
  }

  /** Every row skipped: an error naming one of them (as training's), and nothing written. */
  @Test
  void everyRowSkippedIsAnError() throws Exception {
    Path model = model();
    Path data = Files.writeString(tmp.resolve("all-bad.csv"), "a,b,y\n,1,1\n1,abc,2\n");
    Path out = tmp.resolve("o");
    String line = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString(), "--on-bad-record", "skip").refusedInOneLine(out);
    assertTrue(line.startsWith("error: " + data + ": no rows left to predict: 2 bad records were skipped "
        + "(--on-bad-record skip), one of them: " + uri(data) + ":2: column \"a\" is empty (null)"), line);
    Path json = tmp.resolve("m.json");
    line = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        json.toString(), "--on-bad-record", "skip").refusedInOneLine(json);
    assertTrue(line.startsWith("error: " + data + ": no rows left to evaluate: 2 bad records were skipped "
        + "(--on-bad-record skip), one of them: " + uri(data) + ":2: column \"a\" is empty (null)"), line);
  }

  @Test
  void helpExplainsTheFlagAndABadValueIsRefused() {
    for (String command : new String[] {"predict", "evaluate"}) {
      String help = CliRun.withoutSpark(command, "--help").out().replaceAll("\\s+", " ");
      assertTrue(help.contains("--on-bad-record=fail|skip A row whose features "), help);
      assertTrue(help.contains("skip: leave it out of "), help);
      assertTrue(help.contains("as train does"), help);
      assertTrue(help.contains("Default: fail"), help);
      CliRun bad = CliRun.withoutSpark(command, "--model", "m", "--data", "d.csv", "--output", "o",
          "--on-bad-record", "drop");
      assertEquals(2, bad.code(), bad.err());
      assertTrue(bad.err().contains("--on-bad-record must be fail or skip, got \"drop\""), bad.err());
    }
  }

  /**
   * Lines that cannot be split into the columns are bad records too: a CSV line of too few fields and one with an
   * unclosed quote, a LIBSVM line with a token that is not index:value. Under skip predict writes the other rows (w.x +
   * b each) and evaluate leaves them out; they had stopped the run whatever --on-bad-record said.
   */
  @Test
  void linesThatCannotBeSplitAreSkippedToo() throws Exception {
    Path model = model();
    Path csv = Files.writeString(tmp.resolve("split.csv"), "id,a,b,y\nr1,1,2,0.9\nbad1,1,2\nr2,-4,0,-9.4\n"
        + "bad2,\"1,2,3\nr3,0.25,1e3,-998\n");
    Path out = tmp.resolve("split-scored.csv");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--output",
        out.toString(), "--output-format", "csv", "--on-bad-record", "skip");
    assertEquals(0, predict.code(), predict.out() + predict.err());
    assertTrue(predict.out().contains("Skipped 2 bad records (--on-bad-record skip):\n  " + uri(csv) + ":3: expected 4 "
        + "fields (id,a,b,y), found 3"), predict.out());
    assertTrue(predict.out().contains("Wrote 3 predictions (csv; 2 bad records skipped)"), predict.out());
    Map<String, double[]> expected = expected(model);
    List<String> lines;
    try (Stream<Path> parts = Files.list(out)) {
      lines = new ArrayList<>();
      for (Path part : parts.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList()) {
        lines.addAll(Files.readAllLines(part).stream().skip(1).toList());
      }
    }
    assertEquals(3, lines.size(), lines.toString());
    for (String line : lines) {
      String[] f = line.split(",");
      assertEquals(expected.get(f[0])[0], Double.parseDouble(f[f.length - 1]), 1e-12, line);
    }
    CliRun failing = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--output",
        tmp.resolve("split-failed").toString());
    assertEquals(2, failing.code(), failing.err());
    Path libsvm = Files.writeString(tmp.resolve("split.libsvm"), "0.9 1:1 2:2\n1 1:1 oops\n-9.4 1:-4\n");
    Path libsvmModel = Files.writeString(Files.createDirectories(tmp.resolve("libsvm-model")).resolve("model.json"),
        MODEL_JSON.replace("[\"a\", \"b\"]", "[\"x1\", \"x2\"]"));
    CliRun evaluate = CliRun.of("evaluate", "--model", libsvmModel.toString(), "--data", libsvm.toString(), "--output",
        tmp.resolve("split.json").toString(), "--on-bad-record", "skip");
    assertEquals(0, evaluate.code(), evaluate.out() + evaluate.err());
    JsonNode metrics = new ObjectMapper().readTree(tmp.resolve("split.json").toFile());
    assertEquals(2, metrics.get("rows").asLong());
    assertEquals(1, metrics.get("skippedRecords").asLong());
    double r1 = 0.9 - (2.5 * 1 - 1.0 * 2 + 0.5);
    double r2 = -9.4 - (2.5 * -4 + 0.5);
    assertEquals((r1 * r1 + r2 * r2) / 2, metrics.get("mse").asDouble(), 1e-12);
    // an index beyond the model's features is data and model that do not match, not a record to skip
    Path wider = Files.writeString(tmp.resolve("wider.libsvm"), "0.9 1:1 2:2\n1 1:1 3:2\n");
    CliRun mismatch = CliRun.of("evaluate", "--model", libsvmModel.toString(), "--data", wider.toString(), "--output",
        tmp.resolve("wider.json").toString(), "--on-bad-record", "skip");
    assertEquals(2, mismatch.code(), mismatch.out() + mismatch.err());
    assertTrue(mismatch.err().contains("feature index 3 is beyond the model's 2 features"), mismatch.err());
  }

  /**
   * The header repeated inside a file (files joined with their headers) and a row of empty fields (a spreadsheet's)
   * are named in predict as training names them (they were 'column "a" expected a number, found "a"' and 'column "id"
   * is empty'), and skipped under skip.
   */
  @Test
  void aRepeatedHeaderAndAnEmptyRowAreNamedAsInTraining() throws Exception {
    Path model = model();
    Path csv = Files.writeString(tmp.resolve("joined.csv"), "id,a,b,y\nr1,1,2,0.9\nid,a,b,y\nr2,-4,0,-9.4\n,,,\n");
    Path joined = Files.writeString(tmp.resolve("joined-only.csv"), "id,a,b,y\nr1,1,2,0.9\nid,a,b,y\nr2,-4,0,-9.4\n");
    CliRun header = CliRun.of("predict", "--model", model.toString(), "--data", joined.toString(), "--output",
        tmp.resolve("joined-failed").toString());
    assertEquals(2, header.code(), header.err());
    assertTrue(header.err().contains(uri(joined) + ":3: this line is the header again, where a row must be"),
        header.err());
    Path out = tmp.resolve("joined-scored.csv");
    CliRun skipped = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--output",
        out.toString(), "--on-bad-record", "skip");
    assertEquals(0, skipped.code(), skipped.err());
    assertTrue(skipped.out().contains("Skipped 2 bad records (--on-bad-record skip):\n  " + uri(csv) + ":3: this line "
        + "is the header again"), skipped.out());
    assertTrue(skipped.out().contains(uri(csv) + ":5: every field of this row is empty (\",,,\"), as a spreadsheet "
        + "exports an empty row; delete such rows\n"), skipped.out());
    assertTrue(skipped.out().contains("Wrote 2 predictions (csv; 2 bad records skipped)"), skipped.out());
  }
}
