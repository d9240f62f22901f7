package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.SparkTestSession;

/**
 * predict and evaluate read LIBSVM like the trainer: a hand-written model y = 2 x1 - x3 + 0.5 over three
 * sparse rows, the last of which lacks the highest index; predictions and the MSE by hand.
 */
@Tag("spark")
class LibsvmScoringTest {

  @Test
  void scoresAndEvaluatesSparseRows(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    // predictions: 2*1 - 4 + 0.5 = -1.5; 0.5 + 2*3 = 6.5; 0.5 (no features)
    Path data = Files.writeString(tmp.resolve("d.libsvm"), "-1 1:1 3:4\n7 1:3\n0.5 2:9\n");
    Path scored = tmp.resolve("scored");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString(), "--output-format", "parquet");
    assertEquals(0, predict.code(), predict.err());
    assertEquals(List.of("label", "prediction"),
        List.of(SparkTestSession.get().read().parquet(scored.toString()).columns()), "the label and the prediction");
    List<Row> rows = SparkTestSession.get().read().parquet(scored.toString()).orderBy("label")
        .select("label", "prediction").collectAsList();
    assertEquals(3, rows.size());
    assertEquals(-1.5, rows.get(0).getDouble(1), 0.0);
    assertEquals(0.5, rows.get(1).getDouble(1), 0.0);
    assertEquals(6.5, rows.get(2).getDouble(1), 0.0);

    Path metrics = tmp.resolve("m.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    JsonNode m = new ObjectMapper().readTree(metrics.toFile());
    // residuals -0.5, 0, -0.5
    assertEquals((0.25 + 0 + 0.25) / 3, m.get("mse").asDouble(), 1e-15);
    assertTrue(evaluate.out().contains("MSE"), evaluate.out());
  }

  @Test
  void commentLinesAreSkippedWhenScoring(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    // the rows of scoresAndEvaluatesSparseRows, with comment lines: residuals -0.5, 0, -0.5 again
    Path data = Files.writeString(tmp.resolve("d.libsvm"),
        "# scored by hand\n-1 1:1 3:4\n  # 1:1 3:4 is not a row\n7 1:3\n0.5 2:9 # trailing comment\n");
    Path metrics = tmp.resolve("m.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    JsonNode m = new ObjectMapper().readTree(metrics.toFile());
    assertEquals(3, m.get("rows").asLong());
    assertEquals((0.25 + 0 + 0.25) / 3, m.get("mse").asDouble(), 1e-15);
    Path scored = tmp.resolve("scored");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString(), "--output-format", "parquet");
    assertEquals(0, predict.code(), predict.err());
    assertEquals(3, SparkTestSession.get().read().parquet(scored.toString()).count());
  }

  /**
   * {@code --unknown-features ignore}: the rows of {@link #scoresAndEvaluatesSparseRows} with values at indices 4 to
   * 6, beyond the model's 3 features, are scored as if those values were not there (their weights 0), and counted.
   */
  @Test
  void unknownFeaturesIgnoredAreLeftOutAndCounted(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = Files.writeString(tmp.resolve("grown.libsvm"), "-1 1:1 3:4 5:9\n7 1:3 4:1 6:2\n0.5 2:9\n");
    Path scored = tmp.resolve("scored");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString(), "--output-format", "parquet", "--unknown-features", "ignore");
    assertEquals(0, predict.code(), predict.err());
    assertTrue(predict.out().contains("2 rows were scored without 3 values at feature indices beyond the model's 3 "
        + "features (--unknown-features ignore: their weights taken as 0)\n"), predict.out());
    List<Row> rows = SparkTestSession.get().read().parquet(scored.toString()).orderBy("label")
        .select("label", "prediction").collectAsList();
    assertEquals(List.of(-1.5, 0.5, 6.5), rows.stream().map(r -> r.getDouble(1)).toList());
    JsonNode summary = new ObjectMapper().readTree(scored.resolve("_predict.json").toFile());
    assertEquals(2, summary.get("unknownFeatureRows").asLong());
    assertTrue(predict.out().contains("Wrote 3 predictions (parquet; 2 rows without unknown features) to "),
        predict.out());
    assertEquals(3, summary.get("rows").asLong());

    Path metrics = tmp.resolve("m.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        metrics.toString(), "--unknown-features", "ignore");
    assertEquals(0, evaluate.code(), evaluate.err());
    JsonNode measured = new ObjectMapper().readTree(metrics.toFile());
    assertEquals((0.25 + 0 + 0.25) / 3, measured.get("mse").asDouble(), 1e-15);
    assertEquals(2, measured.get("unknownFeatureRows").asLong());
    assertTrue(evaluate.out().contains("2 rows were scored without 3 values"), evaluate.out());
    // --quiet prints the final line alone, which says it
    CliRun quietly = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("q.json").toString(), "--unknown-features", "ignore", "--quiet");
    assertTrue(quietly.out().contains(" on 3 rows, 2 of them without unknown features; wrote "), quietly.out());

    // the same data under the default stops at the first such index; a clean file says nothing of them
    assertEquals(2, CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("refused").toString()).code());
    Path clean = Files.writeString(tmp.resolve("clean.libsvm"), "-1 1:1 3:4\n");
    CliRun quiet = CliRun.of("predict", "--model", model.toString(), "--data", clean.toString(), "--output",
        tmp.resolve("clean").toString(), "--unknown-features", "ignore");
    assertEquals(0, quiet.code(), quiet.err());
    assertFalse(quiet.out().contains("scored without"), quiet.out());
    assertEquals(0, new ObjectMapper().readTree(tmp.resolve("clean").resolve("_predict.json").toFile())
        .get("unknownFeatureRows").asLong());

    CliRun wrong = CliRun.withoutSpark("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("w").toString(), "--unknown-features", "skip");
    assertEquals("error: --unknown-features must be fail or ignore, got \"skip\" (see predict --help)",
        wrong.refusedInOneLine(tmp.resolve("w")));
    // on CSV input the flag does nothing, and says so
    Path csv = Files.writeString(tmp.resolve("d.csv"), "x1,x2,x3,label\n1,0,4,-1\n");
    CliRun idle = CliRun.of("predict", "--model", model.toString(), "--data", csv.toString(), "--output",
        tmp.resolve("c").toString(), "--unknown-features", "ignore");
    assertEquals(0, idle.code(), idle.err());
    assertTrue(idle.err().contains("warning: --unknown-features has no effect on csv input of named feature columns "
        + "(LIBSVM, or a vector or array column, only)"),
        idle.err());
  }

  /**
   * A one-based file scored with a model trained on zero-based data loses its last feature's values under
   * --unknown-features ignore: the line counting them says how to read the file one-based, unless --zero-based was
   * given.
   */
  @Test
  void valuesLeftOutOfAFileReadZeroBasedAsTheModelWasAreToldWithTheBase(@TempDir Path tmp) throws Exception {
    Path model = Files.createDirectories(tmp.resolve("zero-model"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"x1\", \"x2\", \"x3\"], "
        + "\"coefficients\": [2.0, 0.0, -1.0], \"intercept\": 0.5, \"labelName\": \"label\", \"format\": \"libsvm\", "
        + "\"zeroBased\": true}");
    Path data = Files.writeString(tmp.resolve("one-based.libsvm"), "-1 1:1 3:4\n7 1:3\n");
    String hint = "; the data was read zero-based, as the model was trained (indices 0 to 2): if its indices start "
        + "at 1, pass --no-zero-based";
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("p").toString(), "--unknown-features", "ignore");
    assertEquals(0, predict.code(), predict.err());
    assertTrue(predict.out().contains("1 row was scored without 1 value at feature indices beyond the model's 3 "
        + "features (--unknown-features ignore: their weights taken as 0)" + hint + "\n"), predict.out());
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("e.json").toString(), "--unknown-features", "ignore");
    assertEquals(0, evaluate.code(), evaluate.err());
    assertTrue(evaluate.out().contains(hint + "\n"), evaluate.out());
    CliRun told = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("t").toString(), "--unknown-features", "ignore", "--zero-based");
    assertEquals(0, told.code(), told.err());
    assertTrue(told.out().contains("taken as 0)\n"), told.out()); // told: no hint
  }

  private static Path model(Path tmp) throws Exception {
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"x1\", \"x2\", \"x3\"], "
        + "\"coefficients\": [2.0, 0.0, -1.0], \"intercept\": 0.5, \"labelName\": \"label\"}");
    return model;
  }

  @Test
  void libsvmDataIsWrittenAsCsvByDefaultWithAHeader(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = Files.writeString(tmp.resolve("d.libsvm"), "-1 1:1 3:4\n");
    Path scored = tmp.resolve("scored");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("Wrote 1 predictions (csv)"), run.out());
    List<String> lines;
    try (Stream<Path> s = Files.list(scored)) {
      lines = Files.readAllLines(s.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst()
          .orElseThrow());
    }
    assertEquals("label,prediction", lines.get(0));
    String[] row = lines.get(1).split(",");
    assertEquals(2, row.length, lines.get(1));
    assertEquals(-1.0, Double.parseDouble(row[0]), 0.0);
    assertEquals(2 * 1 - 4 + 0.5, Double.parseDouble(row[1]), 0.0);
  }

  /**
   * A model of 100,000 features scores and evaluates LIBSVM rows by their non-zeros: a column per feature had left
   * Spark planning a query of 100,003 columns for minutes (a review's 20 rows never scored). The predictions and the
   * MSE against the dot products summed here, in index order as Spark ML's BLAS sums a sparse row.
   */
  @Test
  void aWideModelScoresSparseRowsByTheirNonZeros(@TempDir Path tmp) throws Exception {
    int d = 100_000;
    StringBuilder names = new StringBuilder();
    StringBuilder coefficients = new StringBuilder();
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = ((j * 7919L) % 1000 - 500) / 1000.0;
      names.append(j == 0 ? "" : ",").append("\"x").append(j + 1).append('"');
      coefficients.append(j == 0 ? "" : ",").append(w[j]);
    }
    Path model = Files.createDirectories(tmp.resolve("wide"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [" + names + "], \"coefficients\": ["
        + coefficients + "], \"intercept\": 0.25, \"labelName\": \"label\"}");
    java.util.Random rnd = new java.util.Random(4);
    StringBuilder text = new StringBuilder();
    double[] expected = new double[50];
    double squares = 0;
    for (int i = 0; i < 50; i++) {
      double label = i;
      text.append(label);
      double dot = 0;
      int index = 0;
      for (int k = 0; k < 20; k++) {
        index += 1 + rnd.nextInt(d / 25);
        double v = rnd.nextGaussian();
        text.append(' ').append(index).append(':').append(v);
        dot += v * w[index - 1];
      }
      text.append('\n');
      expected[i] = dot + 0.25;
      squares += (expected[i] - label) * (expected[i] - label);
    }
    Path data = Files.writeString(tmp.resolve("wide.libsvm"), text);
    Path scored = tmp.resolve("scored");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString(), "--output-format", "parquet");
    assertEquals(0, predict.code(), predict.err());
    List<Row> rows = SparkTestSession.get().read().parquet(scored.toString()).orderBy("label").collectAsList();
    assertEquals(50, rows.size());
    for (int i = 0; i < 50; i++) {
      assertEquals(expected[i], rows.get(i).getDouble(1), 0.0, "row " + i);
    }
    Path metrics = tmp.resolve("m.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    assertEquals(squares / 50, new ObjectMapper().readTree(metrics.toFile()).get("mse").asDouble(), 1e-12);
  }

  /** The features' vector is not written, so a prediction column may take its name. */
  @Test
  void thePredictionMayTakeTheNameOfTheVectorNotWritten(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = Files.writeString(tmp.resolve("d.libsvm"), "-1 1:1 3:4\n");
    Path scored = tmp.resolve("scored");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString(), "--output-format", "parquet", "--prediction-col", "features");
    assertEquals(0, run.code(), run.err());
    List<Row> rows = SparkTestSession.get().read().parquet(scored.toString()).select("label", "features")
        .collectAsList();
    assertEquals(2 * 1 - 4 + 0.5, rows.get(0).getDouble(1), 0.0);
  }

  @Test
  void libsvmOutputIsRefusedUpFront(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = Files.writeString(tmp.resolve("d.libsvm"), "-1 1:1 3:4\n");
    Path scored = tmp.resolve("scored");
    CliRun flag = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString(), "--output-format", "libsvm");
    assertEquals(2, flag.code(), flag.err());
    assertEquals("error: --output-format libsvm cannot hold the prediction column; use csv or parquet "
        + "(see predict --help)", flag.err().strip());
    Path named = tmp.resolve("scored.libsvm");
    CliRun extension = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        named.toString());
    assertEquals(2, extension.code(), extension.err());
    assertEquals("error: --output " + named + ": libsvm cannot hold the prediction column; name it .csv or "
        + ".parquet, or pass --output-format csv or parquet (see predict --help)", extension.err().strip());
    CliRun other = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString(), "--output-format", "json");
    assertEquals(2, other.code(), other.err());
    assertEquals("error: --output-format must be csv or parquet, got \"json\" (see predict --help)", other.err().strip());
    assertFalse(Files.exists(scored));
    assertFalse(Files.exists(named));
  }

  @Test
  void helpNamesEveryInputFormatAndOnlyTheWritableOutputFormats() {
    CliRun predict = CliRun.of("predict", "--help");
    assertTrue(predict.out().contains("--format=csv|parquet|libsvm"), predict.out());
    assertTrue(predict.out().contains("--output-format=csv|parquet"), predict.out());
    assertFalse(predict.out().contains("--output-format=csv|parquet|libsvm"), predict.out());
    assertTrue(predict.out().replaceAll("\\s+", " ").contains("CSV for LIBSVM data"), predict.out());
    CliRun evaluate = CliRun.of("evaluate", "--help");
    assertTrue(evaluate.out().contains("--format=csv|parquet|libsvm"), evaluate.out());
  }

  @Test
  void dataWiderThanTheModelOrNotFiniteExitsTwoNamingFileAndLine(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    // "2 1:1 5:2": the token 5:2 starts at character 7 of line 2
    Path data = Files.writeString(tmp.resolve("wide.libsvm"), "1 1:1 2:2\n2 1:1 5:2\n");
    String expected = "error: " + data.toUri().toString().replace("file:///", "file:/") + ":2:7: feature index 5 "
        + "is beyond the model's 3 features; score with a model trained on these features (train with "
        + "--num-features 5 or more), or pass --unknown-features ignore to use the rows without them";
    Path scored = tmp.resolve("scored");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString());
    assertEquals(2, predict.code(), predict.err());
    assertEquals(expected, predict.err().strip());
    assertFalse(Files.exists(scored));
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("m.json").toString());
    assertEquals(2, evaluate.code(), evaluate.err());
    assertEquals(expected, evaluate.err().strip());

    // a value that is not a finite number, in data being scored: the same parser's error, which does not
    // talk about training
    Path nan = Files.writeString(tmp.resolve("nan.libsvm"), "1 1:1 2:2\n2 1:1 3:NaN\n");
    CliRun scoreNan = CliRun.of("predict", "--model", model.toString(), "--data", nan.toString(), "--output",
        scored.toString());
    assertEquals(2, scoreNan.code(), scoreNan.err());
    assertTrue(scoreNan.err().strip().startsWith("error: " + nan.toUri().toString().replace("file:///", "file:/")
        + ":2:"), scoreNan.err());
    assertTrue(scoreNan.err().contains("NaN is not a finite number (fix or delete the line)"), scoreNan.err());
    assertFalse(scoreNan.err().contains("training"), scoreNan.err());
    assertFalse(Files.exists(scored));
  }

  @Test
  void aModelTrainedOnNamedColumnsIsEvaluatedAgainstTheLibsvmLabel(@TempDir Path tmp) throws Exception {
    // a model trained on CSV columns x1, x2 with the label y: y = 3 x1 - x2 + 1
    Path model = Files.createDirectories(tmp.resolve("csv-model"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"x1\", \"x2\"], "
        + "\"coefficients\": [3.0, -1.0], \"intercept\": 1.0, \"labelName\": \"y\"}");
    // predictions 3 - 2 + 1 = 2 and 1 - 4 = -3; residuals 2 - 2.5 = -0.5 and -3 - (-1) = -2
    Path data = Files.writeString(tmp.resolve("d.libsvm"), "2.5 1:1 2:2\n-1 2:4\n");
    Path metrics = tmp.resolve("m.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    assertTrue(evaluate.out().contains("label \"label\""), evaluate.out());
    assertEquals((0.25 + 4) / 2, new ObjectMapper().readTree(metrics.toFile()).get("mse").asDouble(), 1e-15);

    CliRun named = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("m2.json").toString(), "--label-col", "y");
    assertEquals(2, named.code(), named.err());
    assertEquals("error: " + data + ": the label column \"y\" is not in the data, whose columns are label, "
        + "features (LIBSVM data is read as its label and a vector of the model's features, x1 first); pass "
        + "--label-col NAME to read the label from another column",
        named.err().strip());
  }
  /** A model trained on named columns cannot read LIBSVM data's features by index: told what to do instead. */
  @Test
  void aModelOfNamedColumnsOnLibsvmDataIsToldWhatWouldScoreIt(@TempDir Path tmp) throws Exception {
    Path model = Files.createDirectories(tmp.resolve("named"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"x3\", \"x1\", \"x5\"], "
        + "\"coefficients\": [1, 2, 3], \"intercept\": 0, \"labelName\": \"y\"}");
    Path data = Files.writeString(tmp.resolve("d.libsvm"), "1 1:2 2:3\n");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("p").toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("error: " + data + ": the model's feature column \"x3\" is not in the data, whose columns are label, "
        + "features (LIBSVM data is read as its label and a vector of the model's features, x1 first); the model needs "
        + "[x3, x1, x5], and LIBSVM data holds its features by index, named x1, x2, ...: score it with a model trained "
        + "on LIBSVM data (or on columns named so), or score this model on CSV or Parquet data with its columns",
        run.err().strip());
  }
}
