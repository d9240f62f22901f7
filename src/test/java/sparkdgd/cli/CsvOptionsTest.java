package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.Generated;
import sparkdgd.testing.LeastSquares;

/**
 * {@code --header} and {@code --delimiter}: the same rows written four ways (comma, semicolon, headerless tabs,
 * quoted names and values) train to the same model.
 */
@Tag("spark")
class CsvOptionsTest {
  @TempDir
  Path tmp;

  private static List<String> lines(Dataset d, String delimiter) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      StringBuilder sb = new StringBuilder();
      for (double v : d.x()[i]) {
        sb.append(v).append(delimiter);
      }
      out.add(sb.append(d.y()[i]).toString());
    }
    return out;
  }

  private JsonNode train(Path data, String name, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--output", tmp.resolve(name).toString(),
        "--partitions", "1", "--epochs", "30", "--tol", "0"));
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, run.code(), run.out() + run.err());
    return new ObjectMapper().readTree(tmp.resolve(name).resolve("model.json").toFile());
  }

  @Test
  void headerlessTabSemicolonAndQuotedFilesGiveTheModelOfTheCommaFile() throws Exception {
    // uncorrelated features: standardised, the Hessian is near 2I and 30 auto steps reach the optimum
    Dataset d = Dataset.correlated(800, new double[] {1.5, -0.5, 2}, 0.7, 0.0, 0.1, 31);
    Path comma = d.writeCsv(tmp.resolve("comma.csv"));
    List<String> semi = new ArrayList<>(List.of("x1;x2;x3;y"));
    semi.addAll(lines(d, ";"));
    Path semicolon = Files.write(tmp.resolve("semi.csv"), semi);
    List<String> tabLines = lines(d, "\t");
    // a byte-order mark before the first row, which is data (Hadoop's line reader drops it at a file's start)
    tabLines.set(0, "\uFEFF" + tabLines.get(0));
    Path tabs = Files.write(tmp.resolve("tabs.csv"), tabLines);

    double[] reference = Generated.coefficientsAndIntercept(train(comma, "comma"));
    double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    assertTrue(LeastSquares.relativeError(reference, exact) < 1e-6, "comma vs least squares");

    JsonNode s = train(semicolon, "semi", "--delimiter", ";");
    assertEquals(List.of("x1", "x2", "x3"), names(s));
    assertTrue(LeastSquares.relativeError(Generated.coefficientsAndIntercept(s), reference) <= 1e-12);

    JsonNode t = train(tabs, "tabs", "--header", "false", "--delimiter", "\\t");
    assertEquals(List.of("c1", "c2", "c3"), names(t));
    assertEquals("c4", t.get("labelName").asText());
    assertEquals(800, t.get("rows").asLong()); // the first line is data, not a header
    assertTrue(LeastSquares.relativeError(Generated.coefficientsAndIntercept(t), reference) <= 1e-12);

    // names in quotes that hold the delimiter, and every other value quoted (some with spaces inside)
    List<String> quotedLines = new ArrayList<>(List.of("\"x1, a\",x2, \"x\"\"3\",y"));
    List<String> plain = lines(d, ",");
    for (int i = 0; i < plain.size(); i++) {
      String[] f = plain.get(i).split(",");
      for (int k = i % 2; k < f.length; k += 2) {
        f[k] = k == 0 ? "\" " + f[k] + " \"" : "\"" + f[k] + "\"";
      }
      quotedLines.add(String.join(",", f));
    }
    JsonNode q = train(Files.write(tmp.resolve("quoted.csv"), quotedLines), "quoted");
    assertEquals(List.of("x1, a", "x2", "x\"3"), names(q));
    assertEquals(800, q.get("rows").asLong());
    assertTrue(LeastSquares.relativeError(Generated.coefficientsAndIntercept(q), reference) <= 1e-12);

    // the wrong delimiter: every row is one field, and the message points at --delimiter
    CliRun wrong = CliRun.of("--data", tabs.toString(), "--header", "false", "--output", tmp.resolve("w").toString());
    assertEquals(2, wrong.code());
    assertTrue(wrong.err().contains("tabs.csv:1: the first line has 1 field; a CSV needs a label and at least one "
        + "feature separated by ',' (check --delimiter)"), wrong.err());
  }

  /**
   * A column whose name holds a comma is chosen with --features by quoting it as the header does (a review could not:
   * picocli kept the quotes, and without them the name was split); the model is the least-squares solve of the columns
   * named, the others left out; a name that is not there lists the columns with such names quoted.
   */
  @Test
  void aFeatureNameHoldingACommaIsQuotedAsInTheHeader() throws Exception {
    Dataset d = Dataset.correlated(300, new double[] {1.5, -0.5}, 0.3, 0.0, 0.1, 33);
    StringBuilder csv = new StringBuilder("\"a, first\",\"b \"\"q\"\"\",note,y\n");
    for (int i = 0; i < d.rows(); i++) {
      csv.append(d.x()[i][0]).append(',').append(d.x()[i][1]).append(",text,").append(d.y()[i]).append('\n');
    }
    Path data = Files.writeString(tmp.resolve("commas.csv"), csv);
    Path out = tmp.resolve("commas-model");
    CliRun run = CliRun.of("--data", data.toString(), "--features", "\"a, first\",\"b \"\"q\"\"\"", "--output",
        out.toString(), "--optimizer", "lbfgs", "--tol", "1e-14", "--epochs", "200", "--no-plots", "--no-spark-model");
    assertEquals(0, run.code(), run.err());
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertEquals("[\"a, first\",\"b \\\"q\\\"\"]", model.get("featureNames").toString());
    assertTrue(LeastSquares.relativeError(Generated.coefficientsAndIntercept(model),
        LeastSquares.solveWithIntercept(d.x(), d.y())) < 1e-8);
    CliRun missing = CliRun.of("--data", data.toString(), "--features", "a", "--output", tmp.resolve("o2").toString());
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().contains("feature column \"a\" (from --features) is not among the columns [\"a, first\", "
        + "\"b \"\"q\"\"\", note, y]; quote a name holding a comma as in a CSV header: --features '\"a, b\",c'"),
        missing.err());
  }

  /** Files named .tsv are read with tabs unless --delimiter says otherwise, by train, predict and evaluate alike. */
  @Test
  void tsvFilesAreSplitByTabsInTrainingPredictionAndEvaluation() throws Exception {
    Dataset d = Dataset.correlated(400, new double[] {1.5, -0.5}, 0.3, 0.0, 0.1, 32);
    Path comma = d.writeCsv(tmp.resolve("comma.csv"));
    List<String> tabLines = new ArrayList<>(List.of("x1\tx2\ty"));
    tabLines.addAll(lines(d, "\t"));
    Path tsv = Files.write(tmp.resolve("rows.tsv"), tabLines);

    JsonNode byComma = train(comma, "comma");
    JsonNode byTab = train(tsv, "tsv");
    assertEquals(List.of("x1", "x2"), names(byTab));
    assertArrayEquals(Generated.coefficientsAndIntercept(byComma), Generated.coefficientsAndIntercept(byTab), 0.0);

    Path model = tmp.resolve("tsv");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", tsv.toString(), "--output",
        tmp.resolve("scored").toString());
    assertEquals(0, predict.code(), predict.out() + predict.err());
    assertTrue(predict.out().contains(" predictions (tsv) to "), "told as the files are named: " + predict.out());
    List<String> inputs = new ArrayList<>();
    try (var parts = Files.list(tmp.resolve("scored"))) {
      for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        assertTrue(part.toString().endsWith(".tsv"), "split by tabs, named so: " + part);
        List<String> lines = Files.readAllLines(part);
        assertEquals("x1\tx2\ty\tprediction", lines.get(0), "the output keeps the input's tabs: " + part);
        lines.subList(1, lines.size()).forEach(line -> inputs.add(line.substring(0, line.lastIndexOf('\t'))));
      }
    }
    List<String> rows = new ArrayList<>(tabLines.subList(1, tabLines.size()));
    rows.sort(null);
    inputs.sort(null);
    assertEquals(rows, inputs, "each input row once, before its prediction");

    CliRun evalTsv = CliRun.of("evaluate", "--model", model.toString(), "--data", tsv.toString(), "--output",
        tmp.resolve("e1.json").toString());
    CliRun evalCsv = CliRun.of("evaluate", "--model", model.toString(), "--data", comma.toString(), "--output",
        tmp.resolve("e2.json").toString());
    assertEquals(0, evalTsv.code(), evalTsv.out() + evalTsv.err());
    assertEquals(0, evalCsv.code(), evalCsv.out() + evalCsv.err());
    JsonNode fromTsv = new ObjectMapper().readTree(tmp.resolve("e1.json").toFile());
    JsonNode fromCsv = new ObjectMapper().readTree(tmp.resolve("e2.json").toFile());
    assertEquals(400, fromTsv.get("rows").asLong());
    // predict's output read back: its part files' names say tabs
    CliRun evalScored = CliRun.of("evaluate", "--model", model.toString(), "--data", tmp.resolve("scored").toString(),
        "--output", tmp.resolve("e3.json").toString());
    assertEquals(0, evalScored.code(), evalScored.out() + evalScored.err());
    JsonNode fromScored = new ObjectMapper().readTree(tmp.resolve("e3.json").toFile());
    for (String metric : List.of("mse", "mae", "r2")) {
      assertEquals(fromCsv.get(metric).asDouble(), fromTsv.get(metric).asDouble(), 0.0, metric);
      assertEquals(fromCsv.get(metric).asDouble(), fromScored.get(metric).asDouble(), 0.0, metric);
    }

    // an --output named .tsv is split by tabs, whatever the input
    CliRun toTsv = CliRun.of("predict", "--model", model.toString(), "--data", comma.toString(), "--output",
        tmp.resolve("scored.tsv").toString());
    assertEquals(0, toTsv.code(), toTsv.out() + toTsv.err());
    try (var parts = Files.list(tmp.resolve("scored.tsv"))) {
      Path part = parts.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      assertTrue(part.toString().endsWith(".tsv"), part.toString());
      assertEquals("x1\tx2\ty\tprediction", Files.readAllLines(part).get(0));
    }

    // .tsv and .csv files together: refused, unless --delimiter says how to read them all
    Path mixed = Files.createDirectories(tmp.resolve("mixed"));
    Files.copy(comma, mixed.resolve("a.csv"));
    Files.copy(comma, mixed.resolve("b.tsv")); // commas, whatever its name
    CliRun refused = CliRun.of("--data", mixed.toString(), "--output", tmp.resolve("m1").toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("the files are tab-separated by name (b.tsv) and comma-separated (a.csv)"),
        refused.err());
    CliRun told = CliRun.of("--data", mixed.toString(), "--delimiter", ",", "--output", tmp.resolve("m2").toString());
    assertEquals(0, told.code(), told.out() + told.err());

    // a --delimiter given wins over the name
    CliRun commas = CliRun.of("--data", tsv.toString(), "--delimiter", ",", "--output", tmp.resolve("w").toString());
    assertEquals(2, commas.code());
    assertTrue(commas.err().contains("rows.tsv:1: the header names 1 column (x1\tx2\ty); if its fields are separated "
        + "by '\\t', pass --delimiter '\\t'"), commas.err());
  }

  private static List<String> names(JsonNode model) {
    List<String> out = new ArrayList<>();
    model.get("featureNames").forEach(n -> out.add(n.asText()));
    return out;
  }
}
