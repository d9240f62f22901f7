package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} against the metrics computed by a plain two-pass loop over the same rows. */
@Tag("spark")
class EvaluateCommandTest {

  @Test
  void metricsEqualAPlainTwoPassComputationAcrossUnevenFiles(@TempDir Path tmp) throws Exception {
    List<String> lines = Files.readAllLines(Path.of("sample-data/tutorial.csv"));
    String header = lines.get(0);
    assertEquals("x,y", header);
    // three uneven files, so three partitions are merged
    Path data = Files.createDirectories(tmp.resolve("data"));
    int[] cuts = {1, 101, 751, lines.size()};
    for (int f = 0; f < 3; f++) {
      Files.write(data.resolve("part" + f + ".csv"),
          (header + "\n" + String.join("\n", lines.subList(cuts[f], cuts[f + 1])) + "\n").getBytes());
    }
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(model.resolve("model.json"),
        "{\"featureNames\": [\"x\"], \"coefficients\": [1.9], \"intercept\": 0.1, \"labelName\": \"y\"}");

    // plain computation: first pass the label mean, second pass the sums
    int n = lines.size() - 1;
    double[] x = new double[n];
    double[] y = new double[n];
    double sumY = 0;
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      x[i] = Double.parseDouble(f[0]);
      y[i] = Double.parseDouble(f[1]);
      sumY += y[i];
    }
    double meanY = sumY / n;
    double sse = 0;
    double sae = 0;
    double sst = 0;
    for (int i = 0; i < n; i++) {
      double r = 1.9 * x[i] + 0.1 - y[i];
      sse += r * r;
      sae += Math.abs(r);
      sst += (y[i] - meanY) * (y[i] - meanY);
    }

    Path json = tmp.resolve("m.json");
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        json.toString());
    assertEquals(0, run.code(), run.err());
    JsonNode m = new ObjectMapper().readTree(json.toFile());
    assertEquals(n, m.get("rows").asLong());
    // 1e-12 relative: the same sums, accumulated per partition and merged instead of in one loop
    assertClose(sse / n, m.get("mse").asDouble(), "mse");
    assertClose(Math.sqrt(sse / n), m.get("rmse").asDouble(), "rmse");
    assertClose(sae / n, m.get("mae").asDouble(), "mae");
    assertClose(1 - sse / sst, m.get("r2").asDouble(), "r2");
    assertTrue(sse / n > 0.012, "worse than the least-squares MSE 0.0106: MSE " + sse / n);
    assertTrue(run.out().contains("  R^2   "), run.out());
    assertTrue(run.out().strip().endsWith("wrote " + json.toUri().toString().replace("file:///", "file:/")),
        run.out());

    // the header line comes before the pass, which takes minutes on large data: shown by a pass that fails (it came
    // after, with the metrics, so a 44 s evaluation was silent throughout)
    Files.write(data.resolve("part3.csv"), List.of(header, "0.5,oops"));
    CliRun bad = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("bad.json").toString());
    assertEquals(2, bad.code(), bad.out() + bad.err());
    assertTrue(bad.out().startsWith("spark-dgd evaluate: model " + model + " on " + data + ", label \"y\""),
        bad.out());
    Path logistic = Files.createDirectories(tmp.resolve("logistic"));
    Files.writeString(logistic.resolve("model.json"), "{\"featureNames\": [\"x\"], \"coefficients\": [1.9], "
        + "\"intercept\": 0.1, \"labelName\": \"y\", \"loss\": \"logistic\"}");
    CliRun badLogistic = CliRun.of("evaluate", "--model", logistic.toString(), "--data", data.toString(), "--output",
        tmp.resolve("bad-logistic.json").toString());
    assertEquals(2, badLogistic.code(), badLogistic.out() + badLogistic.err());
    assertTrue(badLogistic.out().startsWith("spark-dgd evaluate: logistic model " + logistic + " on " + data
        + ", label \"y\""), badLogistic.out());
    Files.delete(data.resolve("part3.csv"));

    CliRun quiet = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        json.toString(), "--overwrite", "--quiet");
    assertEquals(0, quiet.code(), quiet.err());
    assertEquals(1, quiet.out().strip().lines().count(), quiet.out());
    assertTrue(quiet.out().startsWith("MSE = "), quiet.out());

    // the same rows headerless, separated by tabs, after a byte-order mark (Hadoop's line reader drops it):
    // --header false names the columns c1, c2
    Path tabs = Files.createDirectories(tmp.resolve("tabs"));
    Files.write(tabs.resolve("d.tsv"), ("\uFEFF" + String.join("\n", lines.subList(1, lines.size())).replace(',', '\t')
        + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path byPosition = Files.createDirectories(tmp.resolve("model-c"));
    Files.writeString(byPosition.resolve("model.json"),
        "{\"featureNames\": [\"c1\"], \"coefficients\": [1.9], \"intercept\": 0.1, \"labelName\": \"c2\"}");
    Path tabJson = tmp.resolve("tabs.json");
    CliRun tab = CliRun.of("evaluate", "--model", byPosition.toString(), "--data", tabs.toString(), "--format",
        "csv", "--header", "false", "--delimiter", "tab", "--output", tabJson.toString());
    assertEquals(0, tab.code(), tab.err());
    JsonNode t = new ObjectMapper().readTree(tabJson.toFile());
    assertEquals(n, t.get("rows").asLong());
    assertClose(sse / n, t.get("mse").asDouble(), "mse, headerless tab-separated");
    assertClose(1 - sse / sst, t.get("r2").asDouble(), "r2, headerless tab-separated");
  }

  private static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-12 * Math.abs(expected), what);
  }

  @Test
  void aMissingLabelOrAnExistingOutputExitsTwo(@TempDir Path tmp) throws Exception {
    Path model = PredictCommandTest.model(tmp);
    Path data = PredictCommandTest.csv(tmp, "d.csv", "a,b\n1,2\n");
    Path json = tmp.resolve("m.json");
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        json.toString());
    assertEquals(2, run.code());
    assertEquals("error: " + data + ": the label column \"y\" is not in the data, whose columns are [a, b]; "
        + "pass --label-col NAME to read the label from another column", run.err().strip());
    assertFalse(Files.exists(json));
    Path commas = PredictCommandTest.csv(tmp, "c.csv", "a,\"b, the second\"\n1,2\n"); // a name that holds a comma
    run = CliRun.of("evaluate", "--model", model.toString(), "--data", commas.toString(), "--output", json.toString());
    assertTrue(run.err().contains("whose columns are [a, \"b, the second\"];"), run.err());
    Path quotes = PredictCommandTest.csv(tmp, "q.csv", "\"a, \"\"b\"\"\",\"c\"\"\"\n1,2\n"); // quotes in the names
    run = CliRun.of("evaluate", "--model", model.toString(), "--data", quotes.toString(), "--output", json.toString());
    assertTrue(run.err().contains("whose columns are [\"a, \"\"b\"\"\", \"c\"\"\"];"), run.err());
    String longName = "customer_lifetime_value_eur_last_12_months_rolling_average"; // 58 characters, shown whole
    Path wide = PredictCommandTest.csv(tmp, "w.csv", "a," + longName + "\n1,2\n");
    run = CliRun.of("evaluate", "--model", model.toString(), "--data", wide.toString(), "--output", json.toString());
    assertTrue(run.err().contains("whose columns are [a, " + longName + "];"), run.err());
    Files.writeString(json, "old");
    run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        json.toString(), "--label-col", "b");
    assertEquals(2, run.code());
    assertTrue(run.err().contains("exists; pass --overwrite"), run.err());
    assertEquals("old", Files.readString(json));
  }

  /** Labels that are all the same leave R^2 undefined: null in the JSON, NaN printed, and a warning. */
  @Test
  void constantLabelsWarnThatRSquaredIsUndefined(@TempDir Path tmp) throws Exception {
    Path model = PredictCommandTest.model(tmp);
    Path data = PredictCommandTest.csv(tmp, "d.csv", "a,b,y\n1,2,5\n3,4,5\n");
    Path json = tmp.resolve("m.json");
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        json.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals("warning: every label in the data is 5.0 (2 rows), so R^2 is undefined (null in --output); check "
        + "--label-col", run.err().strip());
    com.fasterxml.jackson.databind.JsonNode metrics = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(json.toFile());
    assertTrue(metrics.get("r2").isNull());
    // the warning in the file too, for a pipeline that reads files rather than stderr
    assertEquals(1, metrics.get("warnings").size(), metrics.toString());
    assertEquals(run.err().strip(), "warning: " + metrics.get("warnings").get(0).asText());
  }

  /** A logistic model is scored on labels 0 and 1 only: a -1/1 label is refused with its file and line, exit 2. */
  @Test
  void aLogisticModelRefusesLabelsOtherThanZeroAndOne(@TempDir Path tmp) throws Exception {
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"x\"], \"coefficients\": [1.5], "
        + "\"intercept\": -0.2, \"labelName\": \"y\", \"loss\": \"logistic\"}");
    Path data = Files.writeString(tmp.resolve("pm.csv"), "x,y\n0.5,1\n-0.5,0\n0.25,-1\n");
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString());
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(run.err().strip().startsWith("error: " + data.toUri().toString().replace("file:///", "file:/")
        + ":4:"), run.err());
    assertTrue(run.err().contains("column \"y\" holds -1.0: a logistic model is evaluated on labels 0 and 1"),
        run.err());
  }

  /** An --output under a file is refused with exit 2 before the model is read or the metrics computed. */
  @Test
  void anOutputUnderAFileIsRefusedBeforeTheMetricsAreComputed(@TempDir Path tmp) throws Exception {
    Path model = PredictCommandTest.model(tmp);
    Path data = PredictCommandTest.csv(tmp, "d.csv", "a,b,y\n1,2,3\n");
    Path file = Files.writeString(tmp.resolve("somefile.csv"), "keep\n");
    Path json = file.resolve("m.json");
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        json.toString());
    assertEquals("error: --output " + json + " cannot be written: " + file + " is a file, not a directory; choose "
        + "another --output (see evaluate --help)", run.refusedInOneLine(json));
    assertEquals("", run.out(), "no metrics computed");
    assertEquals("keep\n", Files.readString(file));
  }

  /**
   * An --output ending in '/' names a directory, and evaluate writes one file: refused with exit 2 and the fix (a file
   * in that directory), before the metrics are computed; nothing is written, neither a file of the directory's name
   * (Hadoop drops the slash) nor the directory.
   */
  @Test
  void anOutputEndingInASlashIsRefusedAsADirectory(@TempDir Path tmp) throws Exception {
    Path model = PredictCommandTest.model(tmp);
    Path data = PredictCommandTest.csv(tmp, "d.csv", "a,b,y\n1,2,3\n");
    Path dir = tmp.resolve("ops").resolve("evaldir");
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        dir + "/");
    assertEquals("error: --output " + dir + "/ ends with '/', a directory; evaluate writes one JSON file: name the "
        + "file, e.g. " + dir + "/metrics.json (see evaluate --help)", run.refusedInOneLine(dir));
    assertEquals("", run.out(), "no metrics computed");
    assertFalse(Files.exists(dir.getParent()), "nothing created");
  }

  /**
   * --overwrite must not let the metrics replace the model: an --output that is the --model's model.json, or any
   * of the model directory's files or directories (spark-model/ and what is in it), is refused with exit 2, and the
   * model is left byte for byte; a new file beside the model's own files stays allowed.
   */
  @Test
  void anOutputReplacingThePartsOfTheModelIsRefusedAndTheModelKept(@TempDir Path tmp) throws Exception {
    Path model = PredictCommandTest.model(tmp);
    Files.writeString(model.resolve("history.csv"), "epoch\n1\n");
    Path sparkModel = Files.createDirectories(model.resolve("spark-model").resolve("metadata"));
    Files.writeString(sparkModel.resolve("part-00000"), "{\"class\":\"LinearRegressionModel\"}\n");
    Path data = PredictCommandTest.csv(tmp, "d.csv", "a,b,y\n1,2,3\n");
    java.util.Map<Path, byte[]> before = contents(model);
    String m = model.toString();
    String[][] cases = {
        {m, m + "/model.json", "is inside the --model " + m + ": writing there would replace its model.json"},
        {m, m + "/history.csv", "is inside the --model " + m + ": writing there would replace its history.csv"},
        {m, m + "/spark-model", "is inside the --model " + m + ": writing there would replace its spark-model/"},
        {m, m + "/spark-model/metadata/part-00001", "is inside the --model " + m
            + ": writing there would change its spark-model/"},
        {m + "/model.json", m + "/model.json", "is the --model " + m + "/model.json: writing there would replace it"},
        {m, m, "is the --model " + m + ": writing there would replace it"}};
    for (String[] c : cases) {
      CliRun run = CliRun.of("evaluate", "--model", c[0], "--data", data.toString(), "--output", c[1],
          "--overwrite");
      assertEquals(2, run.code(), String.join(" ", c) + "\n" + run.out() + run.err());
      assertEquals(1, run.err().strip().lines().count(), run.err());
      assertTrue(run.err().startsWith("error: --output " + c[1] + " " + c[2]), run.err());
      assertEquals("", run.out(), "no metrics computed");
      assertEquals(keys(before), keys(contents(model)), "the model's files");
      contents(model).forEach((p, bytes) -> assertArrayEquals(before.get(p), bytes, p + " changed"));
    }
    CliRun beside = CliRun.of("evaluate", "--model", m, "--data", data.toString(), "--output",
        m + "/test-metrics.json");
    assertEquals(0, beside.code(), beside.err());
    assertTrue(Files.exists(model.resolve("test-metrics.json")));
    CliRun again = CliRun.of("evaluate", "--model", m, "--data", data.toString(), "--output",
        m + "/test-metrics.json", "--overwrite");
    assertEquals(0, again.code(), "its own earlier file may be written again: " + again.err());
    assertArrayEquals(before.get(model.resolve("model.json")), Files.readAllBytes(model.resolve("model.json")));
  }

  /** Every regular file under {@code dir}, with its bytes. */
  private static java.util.Map<Path, byte[]> contents(Path dir) throws Exception {
    java.util.Map<Path, byte[]> all = new java.util.TreeMap<>();
    try (var files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        all.put(p, Files.readAllBytes(p));
      }
    }
    return all;
  }

  private static List<Path> keys(java.util.Map<Path, byte[]> m) {
    return List.copyOf(m.keySet());
  }
  /**
   * Labels whose errors' squares add up beyond the largest double: the MSE is infinite and R^2 undefined, told as
   * such (not as labels that are all the same, which they are not), and written as JSON nulls, not strings; a row
   * whose prediction overflows is refused with its line.
   */
  @Test
  void errorsBeyondTheLargestDoubleAreToldAsSuch(@TempDir Path tmp) throws Exception {
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"x\"], \"coefficients\": [1.9], "
        + "\"intercept\": 0.1, \"labelName\": \"y\"}");
    Path data = Files.writeString(tmp.resolve("big.csv"), "x,y\n1,2\n2,4\n3,1e200\n");
    Path json = tmp.resolve("m.json");
    CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        json.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals("warning: the squared errors add up beyond the largest double (labels or predictions beyond about "
        + "1e154), so the MSE is Infinity and R^2 undefined (null in --output); check --label-col and the data's "
        + "scale", run.err().strip());
    assertTrue(run.out().contains("  R^2   NaN\n"), "no word of labels all the same: " + run.out());
    JsonNode m = new ObjectMapper().readTree(json.toFile());
    assertTrue(m.get("mse").isNull() && m.get("rmse").isNull() && m.get("r2").isNull(), m.toString());
    assertTrue(m.get("mae").isNumber(), m.toString()); // (1e200 - 5.8 + 0.1 + 1.9) / 3: finite

    Path overflow = Files.writeString(tmp.resolve("overflow.csv"), "x,y\n1,2\n1.7e308,4\n");
    run = CliRun.of("evaluate", "--model", model.toString(), "--data", overflow.toString(), "--output",
        tmp.resolve("o.json").toString());
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains(overflow + ":3: the row gives the model a prediction of Infinity"), run.err());
  }
}
