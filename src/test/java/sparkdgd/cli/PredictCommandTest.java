package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.SparkTestSession;

/**
 * {@code predict} against hand arithmetic: a hand-written model y = 2.5 a - 1.0 b + 0.5 over data with
 * the feature columns in another order and extra columns that must come through unchanged.
 */
@Tag("spark")
class PredictCommandTest {
  private static final String MODEL_JSON = "{\"featureNames\": [\"a\", \"b\"], \"coefficients\": [2.5, -1.0], "
      + "\"intercept\": 0.5, \"labelName\": \"y\"}";

  static Path model(Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(dir.resolve("model.json"), MODEL_JSON);
    return dir;
  }

  static Path csv(Path tmp, String name, String text) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    return Files.writeString(dir.resolve(name), text);
  }

  private static long partFiles(Path dir, String suffix) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")
          && p.getFileName().toString().endsWith(suffix)).count();
    }
  }

  private static Path firstPart(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
    }
  }

  @Test
  void scoresCsvKeepingOtherColumnsAndWritesParquet(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    // two files: two input splits, two writing tasks
    csv(tmp, "part1.csv", "id,b,note,a,y\nr1,2,hello,1,0.9\nr2,0,\"two words\",-4,-9.4\n");
    csv(tmp, "part2.csv", "id,b,note,a,y\nr3,1e3,x,0.25,-998\n");
    Path out = tmp.resolve("scored");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", tmp.resolve("data").toString(),
        "--format", "csv", "--output", out.toString(), "--output-format", "parquet");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("Wrote 3 predictions (parquet) to "), run.out());
    assertEquals(2, partFiles(out, ".parquet"), "one part file per input split: written by the tasks");

    SparkSession spark = SparkTestSession.get();
    Dataset<Row> back = spark.read().parquet(out.toString());
    assertEquals(List.of("id", "b", "note", "a", "y", "prediction"), List.of(back.columns()));
    List<Row> rows = back.orderBy("id").collectAsList();
    assertEquals(3, rows.size());
    assertRow(rows.get(0), "r1", "hello", "0.9", 2.5 * 1 - 1.0 * 2 + 0.5);
    assertRow(rows.get(1), "r2", "two words", "-9.4", 2.5 * -4 - 1.0 * 0 + 0.5);
    assertRow(rows.get(2), "r3", "x", "-998", 2.5 * 0.25 - 1.0 * 1000 + 0.5);
    assertEquals(1000.0, rows.get(2).getDouble(1), 0.0, "feature b parsed from 1e3");
    try (Stream<Path> s = Files.list(tmp)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("staging")), "no staging left");
    }
  }

  /**
   * {@code --model} may name the model.json file itself, as both commands' help says: predict then gives the hand
   * arithmetic's predictions and evaluate its MSE.
   */
  @Test
  void theModelJsonFileItselfIsAModel(@TempDir Path tmp) throws Exception {
    Path modelJson = model(tmp).resolve("model.json");
    Path data = csv(tmp, "d.csv", "id,b,note,a,y\nr1,2,hello,1,0.9\nr2,0,\"two words\",-4,-9.4\n");
    Path out = tmp.resolve("scored");
    CliRun run = CliRun.of("predict", "--model", modelJson.toString(), "--data", data.toString(), "--output",
        out.toString(), "--output-format", "parquet");
    assertEquals(0, run.code(), run.err());
    List<Row> rows = SparkTestSession.get().read().parquet(out.toString()).orderBy("id").collectAsList();
    assertRow(rows.get(0), "r1", "hello", "0.9", 2.5 * 1 - 1.0 * 2 + 0.5);
    assertRow(rows.get(1), "r2", "two words", "-9.4", 2.5 * -4 - 1.0 * 0 + 0.5);

    Path metrics = tmp.resolve("metrics.json");
    run = CliRun.of("evaluate", "--model", modelJson.toString(), "--data", data.toString(), "--output",
        metrics.toString());
    assertEquals(0, run.code(), run.err());
    double r1 = 2.5 * 1 - 1.0 * 2 + 0.5 - 0.9;
    double r2 = 2.5 * -4 - 1.0 * 0 + 0.5 - -9.4;
    // 1e-15: an MSE of 0.01 from residuals rounded in another order (a few ulps of 0.1)
    assertEquals((r1 * r1 + r2 * r2) / 2, new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        metrics.toFile()).get("mse").asDouble(), 1e-15);

    for (String command : new String[] {"predict", "evaluate"}) {
      String help = CliRun.of(command, "--help").out().replaceAll("\\s+", " ");
      assertTrue(help.contains("--model=DIR|FILE The --output directory of a training run (its model.json is "
          + "read), or the path of that model.json itself."), help);
    }
  }

  /** Listed, then taken for patterns by Hadoop's text input ("matches 0 files", exit 1), or split at the comma. */
  @Test
  void scoresFilesNamedWithGlobCharactersOrACommaAsNamed(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    csv(tmp, "part[1].csv", "id,b,note,a,y\nr1,2,hello,1,0.9\n");
    csv(tmp, "part{2},x.csv", "id,b,note,a,y\nr2,0,\"two words\",-4,-9.4\n");
    Path out = tmp.resolve("scored");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", tmp.resolve("data").toString(),
        "--output", out.toString(), "--output-format", "parquet");
    assertEquals(0, run.code(), run.err());
    List<Row> rows = SparkTestSession.get().read().parquet(out.toString()).orderBy("id").collectAsList();
    assertEquals(2, rows.size());
    assertRow(rows.get(0), "r1", "hello", "0.9", 2.5 * 1 - 1.0 * 2 + 0.5);
    assertRow(rows.get(1), "r2", "two words", "-9.4", 2.5 * -4 - 1.0 * 0 + 0.5);
  }

  private static void assertRow(Row r, String id, String note, String y, double prediction) {
    assertEquals(id, r.getString(0));
    assertEquals(note, r.getString(2));
    assertEquals(y, r.getString(4), "the label stays as written");
    assertEquals(prediction, r.getDouble(5), 1e-15 * Math.max(1, Math.abs(prediction)), id);
  }

  @Test
  void scoresParquetWithIntegerAndFloatColumnsAndWritesCsv(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    SparkSession spark = SparkTestSession.get();
    StructType schema = new StructType(new StructField[] {
        new StructField("a", DataTypes.IntegerType, true, Metadata.empty()),
        new StructField("b", DataTypes.FloatType, true, Metadata.empty()),
        new StructField("city", DataTypes.StringType, true, Metadata.empty())});
    Path data = tmp.resolve("in.parquet");
    spark.createDataFrame(List.of(RowFactory.create(3, 0.5f, "Oslo"), RowFactory.create(-2, 8f, null)), schema)
        .coalesce(1).write().parquet(data.toString());
    Path out = tmp.resolve("scored.csv");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString(), "--delimiter", ";");
    assertEquals(0, run.code(), run.err());
    assertEquals("warning: --delimiter has no effect on parquet input (CSV only)", run.err().strip());
    assertEquals(1, partFiles(out, ".csv"), "output format from the extension .csv");
    List<String> lines = Files.readAllLines(firstPart(out));
    assertEquals("a,b,city,prediction", lines.get(0));
    assertEquals(3, lines.size());
    String[] first = lines.get(1).split(",");
    assertEquals("3.0", first[0]);
    assertEquals("Oslo", first[2]);
    assertEquals(2.5 * 3 - 0.5 + 0.5, Double.parseDouble(first[3]), 0.0);
    String[] second = lines.get(2).split(",", -1);
    assertEquals("", second[2], "a null string stays empty");
    assertEquals(2.5 * -2 - 8 + 0.5, Double.parseDouble(second[3]), 0.0);
  }

  @Test
  void aMissingFeatureColumnExitsTwoAndWritesNothing(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = csv(tmp, "d.csv", "a,c\n1,2\n");
    Path out = tmp.resolve("o");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("error: " + data + ": the model's feature column \"b\" is not in the data, whose columns are "
        + "[a, c]; the model needs [a, b]", run.err().strip());
    assertFalse(Files.exists(out));
  }

  /**
   * Finite values whose products with the coefficients overflow (a sentinel of 1.7e308 for a missing value) give no
   * prediction: the row is refused with its line (NaN when the products overflow both ways, infinity one way), or
   * left out under --on-bad-record skip; nothing is written with a NaN or infinite prediction.
   */
  @Test
  void aPredictionBeyondTheLargestDoubleIsABadRecord(@TempDir Path tmp) throws Exception {
    Path model = model(tmp); // 2.5 a - b + 0.5
    Path inf = csv(tmp, "inf.csv", "a,b\n1,2\n1.7e308,-1.7e308\n");
    Path out = tmp.resolve("o");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", inf.toString(), "--output",
        out.toString());
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(run.err().contains(inf + ":3: the row gives the model a prediction of Infinity: a product of a value "
        + "and its coefficient, or their sum, is beyond the largest double"), run.err());
    assertFalse(Files.exists(out));
    Path both = csv(tmp, "both.csv", "a,b\n1.7e308,1.7e308\n1,2\n");
    Path opposite = Files.createDirectories(tmp.resolve("opposite")); // 2.5 a - 2.5 b: inf - inf
    Files.writeString(opposite.resolve("model.json"), MODEL_JSON.replace("-1.0", "-2.5"));
    run = CliRun.of("predict", "--model", opposite.toString(), "--data", both.toString(), "--output",
        out.toString());
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(run.err().contains(both + ":2: the row gives the model a margin of NaN"), run.err());
    run = CliRun.of("predict", "--model", opposite.toString(), "--data", both.toString(), "--output",
        out.toString() + ".csv", "--on-bad-record", "skip");
    assertEquals(0, run.code(), run.out() + run.err());
    List<String> lines = new ArrayList<>();
    try (Stream<Path> parts = Files.list(Path.of(out + ".csv"))) {
      for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        lines.addAll(Files.readAllLines(part).stream().filter(l -> !l.equals("a,b,prediction")).toList());
      }
    }
    assertEquals(List.of("1.0,2.0,-2.0"), lines, "the good row alone");
  }

  /**
   * A model trained on a header's names (x1..x20, label y) scoring CSV read with --header false, whose columns are
   * c1..cN: still refused, and the message names the header line the files need (abbreviated) and the flag to drop;
   * without a label column in the data, the line holds the features only. A model trained without a header
   * (c1..cN itself) is told the columns it needs, as before.
   */
  @Test
  void aHeaderlessFileIsToldTheHeaderLineTheModelNeeds(@TempDir Path tmp) throws Exception {
    List<String> names = new ArrayList<>();
    List<String> zeros = new ArrayList<>();
    for (int j = 1; j <= 20; j++) {
      names.add("\"x" + j + "\"");
      zeros.add("0.5");
    }
    Path model = Files.createDirectories(tmp.resolve("model20"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": " + names + ", \"coefficients\": " + zeros
        + ", \"intercept\": 0, \"labelName\": \"y\"}");
    String row = String.join(",", java.util.Collections.nCopies(20, "1"));
    Path withLabel = csv(tmp, "nohdr.csv", row + ",3\n");
    Path out = tmp.resolve("o");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", withLabel.toString(), "--header",
        "false", "--output", out.toString());
    assertEquals("error: " + withLabel + ": the model's feature column \"x1\" is not in the data, whose columns are "
        + "[c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21]; the data "
        + "was read with --header false, so its columns are named c1..c21 by position: start every file with the "
        + "header line the model needs, naming the columns in order (x1,x2,x3,...,x20,y: the model's features, then "
        + "its label), or, if the files start with it already, drop --header false", run.refusedInOneLine(out));

    Path featuresOnly = csv(tmp, "features.csv", row + "\n");
    run = CliRun.of("predict", "--model", model.toString(), "--data", featuresOnly.toString(), "--header",
        "false", "--output", out.toString());
    assertTrue(run.refusedInOneLine(out).endsWith("(x1,x2,x3,...,x19,x20: the model's features), or, if the files "
        + "start with it already, drop --header false"), run.err());

    Path positional = Files.createDirectories(tmp.resolve("positional"));
    Files.writeString(positional.resolve("model.json"), "{\"featureNames\": [\"c1\", \"c2\", \"c3\"], "
        + "\"coefficients\": [1, 1, 1], \"intercept\": 0, \"labelName\": \"c4\"}");
    Path narrow = csv(tmp, "narrow.csv", "1,2\n");
    run = CliRun.of("predict", "--model", positional.toString(), "--data", narrow.toString(), "--header", "false",
        "--output", out.toString());
    assertEquals("error: " + narrow + ": the model's feature column \"c3\" is not in the data, whose columns are "
        + "[c1, c2]; the model needs [c1, c2, c3]", run.refusedInOneLine(out));
    // that model on files with a header of other names (read with a header, the default)
    Path named = csv(tmp, "named.csv", "a,b,c\n4,5,6\n");
    run = CliRun.of("predict", "--model", positional.toString(), "--data", named.toString(), "--output",
        out.toString());
    assertEquals("error: " + named + ": the model's feature column \"c1\" is not in the data, whose columns are "
        + "[a, b, c]; the model was trained on CSV read with --header false, its features being the training files' "
        + "columns by position (named c1..c3): read these files' columns by position too (--header false, the "
        + "columns in the training files' order, no header line)", run.refusedInOneLine(out));
    Path lacking = csv(tmp, "lacking.csv", "c1,c2\n4,5\n"); // a header naming columns so, only without c3
    run = CliRun.of("predict", "--model", positional.toString(), "--data", lacking.toString(), "--output",
        out.toString());
    assertEquals("error: " + lacking + ": the model's feature column \"c3\" is not in the data, whose columns are "
        + "[c1, c2]; the model needs [c1, c2, c3]", run.refusedInOneLine(out));
  }

  @Test
  void aNonNumberInAFeatureColumnExitsTwoNamingFileColumnAndValue(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = csv(tmp, "d.csv", "a,b\n1,2\n3,n/a\n");
    Path out = tmp.resolve("o");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("error: " + uri(data) + ":3: column \"b\" expected a number, found \"n/a\" (fix or delete the "
        + "row)", run.err().strip());
    assertFalse(Files.exists(out));
    try (Stream<Path> s = Files.list(tmp)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("staging")), "no staging left");
    }
  }

  @Test
  void badModelDirectoriesExitTwoWithOneLine(@TempDir Path tmp) throws Exception {
    Path data = csv(tmp, "d.csv", "a,b\n1,2\n");
    Path missing = tmp.resolve("nope");
    assertBadModel(missing, data, tmp, "error: " + missing
        + ": no such model directory; --model takes the --output directory of a training run");
    // a run stopped between the two renames of a replacement (--overwrite) left the old model aside, whole
    Path aside = Files.createDirectories(tmp.resolve(".nope.replaced-0f1e2d3c"));
    Files.writeString(aside.resolve("model.json"), "{}");
    assertBadModel(missing, data, tmp, "error: " + missing + ": no such model directory; --model takes the --output "
        + "directory of a training run (file:" + aside + " beside it is an earlier one, moved aside by a run stopped "
        + "while it replaced it: move it back to " + missing + ")");
    Files.delete(aside.resolve("model.json"));
    Files.delete(aside);
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertBadModel(empty, data, tmp, "error: " + empty
        + ": no model.json in this directory; --model takes the --output directory of a training run");
    Path broken = Files.createDirectories(tmp.resolve("broken"));
    Files.writeString(broken.resolve("model.json"), "{\"featureNames\": [\"a\"");
    CliRun run = CliRun.of("predict", "--model", broken.toString(), "--data", data.toString(), "--output",
        tmp.resolve("o").toString());
    assertEquals(2, run.code());
    assertTrue(run.err().strip().endsWith("model.json: not valid JSON at line 1, column 22 (Unexpected "
        + "end-of-input: expected close marker for Array); train again to rewrite it"), run.err());
    Path mismatch = Files.createDirectories(tmp.resolve("mismatch"));
    Files.writeString(mismatch.resolve("model.json"),
        "{\"featureNames\": [\"a\", \"b\"], \"coefficients\": [1.0], \"intercept\": 0}");
    run = CliRun.of("predict", "--model", mismatch.toString(), "--data", data.toString(), "--output",
        tmp.resolve("o").toString());
    assertEquals(2, run.code());
    assertTrue(run.err().strip().endsWith("model.json: 2 featureNames but 1 coefficients; the file is damaged"),
        run.err());
    Path huber = Files.createDirectories(tmp.resolve("huber"));
    Files.writeString(huber.resolve("model.json"), "{\"featureNames\": [\"a\"], \"coefficients\": [1.0], "
        + "\"intercept\": 0, \"loss\": \"huber\", \"huberDelta\": -1}");
    run = CliRun.of("predict", "--model", huber.toString(), "--data", data.toString(), "--output",
        tmp.resolve("o").toString());
    assertEquals(2, run.code());
    assertTrue(run.err().strip().endsWith("model.json: \"huberDelta\" is -1, not a finite number > 0; the file is "
        + "damaged"), run.err());
  }

  private static void assertBadModel(Path model, Path data, Path tmp, String expected) {
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("o").toString());
    assertEquals(2, run.code(), run.err());
    assertEquals(expected, run.err().strip());
  }

  @Test
  void anExistingOutputOrPredictionColumnIsRefused(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = csv(tmp, "d.csv", "a,b,prediction\n1,2,3\n");
    Path out = Files.createDirectories(tmp.resolve("o"));
    // an earlier prediction, which --overwrite replaces
    Files.writeString(out.resolve("part-00000-earlier-c000.csv"), "x");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("exists and is not empty; pass --overwrite"), run.err());
    run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString(), "--overwrite");
    assertEquals(2, run.code());
    assertEquals("error: the data already has a column \"prediction\"; choose another --prediction-col "
        + "(see predict --help)", run.err().strip());
    assertEquals("x", Files.readString(out.resolve("part-00000-earlier-c000.csv")),
        "a refused run leaves the old output");
    // names that differ only in case clash too: Spark's Parquet writer refused them after the job (exit 1)
    run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("o.parquet").toString(), "--prediction-col", "A");
    assertEquals(2, run.code(), run.err());
    assertEquals("error: the data already has a column \"a\" (Spark's column names ignore case); choose another "
        + "--prediction-col (see predict --help)", run.err().strip());
    Path logistic = Files.createDirectories(tmp.resolve("logistic"));
    Files.writeString(logistic.resolve("model.json"), MODEL_JSON.replace("}", ", \"loss\": \"logistic\"}"));
    run = CliRun.of("predict", "--model", logistic.toString(), "--data", data.toString(), "--output",
        tmp.resolve("q.parquet").toString(), "--prediction-col", "Probability");
    assertEquals(2, run.code(), run.err());
    assertEquals("error: --prediction-col Probability is the column a logistic model's probabilities go into, beside "
        + "the predicted class (\"probability\": Spark's names ignore case); choose another --prediction-col (see "
        + "predict --help)", run.err().strip());
    Path probability = csv(tmp, "p.csv", "Probability,a,b\n0.5,1,2\n");
    run = CliRun.of("predict", "--model", logistic.toString(), "--data", probability.toString(), "--output",
        tmp.resolve("p.parquet").toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("error: the data already has a column \"Probability\" (Spark's column names ignore case: "
        + "\"probability\"), which a logistic model's predictions add; rename it (see predict --help)",
        run.err().strip());
  }

  /** --overwrite must not delete what the command reads: the data, or the model. */
  @Test
  void anOutputThatIsOrHoldsTheDataOrTheModelIsRefusedAndBothKept(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = csv(tmp, "d.csv", "a,b\n1,2\n");
    String dir = data.getParent().toString();
    String[][] cases = {
        {"predict", dir, dir, "is the --data"},
        {"predict", dir, tmp.toString(), "holds the --data"},
        {"predict", dir, model.toString(), "is the --model"},
        {"evaluate", data.toString(), data.toString(), "is the --data"},
        {"evaluate", dir, dir + "/metrics.json", "is inside the --data"},
        {"evaluate", data.toString(), model.toString(), "is the --model"}};
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of(c[0], "--model", model.toString(), "--data", c[1], "--output",
          c[2], "--overwrite"));
      if (c[0].equals("evaluate")) {
        args.addAll(List.of("--label-col", "b"));
      }
      CliRun run = CliRun.of(args.toArray(new String[0]));
      assertEquals(2, run.code(), String.join(" ", c) + "\n" + run.err());
      assertTrue(run.err().startsWith("error: --output " + c[2] + " " + c[3]), run.err());
      assertEquals("a,b\n1,2\n", Files.readString(data));
      assertEquals(MODEL_JSON, Files.readString(model.resolve("model.json")));
    }
    Path written = tmp.resolve("model").resolve("test-metrics.json");
    CliRun inModel = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--label-col",
        "b", "--output", written.toString());
    assertEquals(0, inModel.code(), inModel.err() + "\na file written inside the model directory is harmless");
    assertTrue(Files.exists(written));
  }

  /** The file as the tasks name it: {@code file:/...}. */
  private static String uri(Path file) {
    return file.toUri().toString().replace("file:///", "file:/");
  }

  /** A bad value in a later file of a directory, beyond the first split: its own file and line. */
  @Test
  void aBadValueNamesItsOwnFileAndLine(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    StringBuilder rows = new StringBuilder("a,b\n");
    for (int i = 0; i < 500; i++) {
      rows.append(i).append(',').append(i % 7).append('\n');
    }
    csv(tmp, "1.csv", rows.toString());
    Path second = csv(tmp, "2.csv", rows + "\n5,\n");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", tmp.resolve("data").toString(),
        "--output", tmp.resolve("o").toString());
    assertEquals(2, run.code(), run.err());
    // the header, 500 rows, a blank line, then the row with an empty b
    assertEquals("error: " + uri(second) + ":503: column \"b\" is empty (null); fill it in or delete the row",
        run.err().strip());
  }

  @Test
  void quotedFieldsMayHoldTheDelimiterAndQuotes(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = csv(tmp, "d.csv", "note,a,b\n\"x, y\",1,2\n\"say \"\"hi\"\"\",3,\"4\"\n");
    Path out = tmp.resolve("o.parquet");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString());
    assertEquals(0, run.code(), run.err());
    List<Row> rows = SparkTestSession.get().read().parquet(out.toString()).orderBy("a").collectAsList();
    assertEquals("x, y", rows.get(0).getString(0));
    assertEquals(2.5 * 1 - 2 + 0.5, rows.get(0).getDouble(3), 0.0);
    assertEquals("say \"hi\"", rows.get(1).getString(0));
    assertEquals(2.5 * 3 - 4 + 0.5, rows.get(1).getDouble(3), 0.0);

    // a quoted header name with the delimiter, a quote after a space; predict's CSV output read back by predict
    Path quotedHeader = csv(tmp, "d.csv", "\"note, text\",a,b\n\"x, y\",1, \"2\"\n\"say \"\"hi\"\"\",3,4\n");
    Path once = tmp.resolve("once");
    run = CliRun.of("predict", "--model", model.toString(), "--data", quotedHeader.toString(), "--output",
        once.toString());
    assertEquals(0, run.code(), run.err());
    Path twice = tmp.resolve("twice");
    run = CliRun.of("predict", "--model", model.toString(), "--data", once.toString(), "--format", "csv",
        "--output", twice.toString(), "--prediction-col", "again");
    assertEquals(0, run.code(), run.err());
    List<Row> back = SparkTestSession.get().read().option("header", true).option("escape", "\"")
        .csv(twice.toString()).orderBy("a").collectAsList();
    assertEquals(List.of("note, text", "a", "b", "prediction", "again"), List.of(back.get(0).schema().fieldNames()));
    assertEquals("x, y", back.get(0).getString(0));
    assertEquals("say \"hi\"", back.get(1).getString(0));
    assertEquals(2.5 * 1 - 2 + 0.5, Double.parseDouble(back.get(0).getString(3)), 0.0);
    assertEquals(2.5 * 3 - 4 + 0.5, Double.parseDouble(back.get(1).getString(4)), 0.0);

    Path open = csv(tmp, "d.csv", "note,a,b\n\"x,1,2\n");
    run = CliRun.of("predict", "--model", model.toString(), "--data", open.toString(), "--output",
        tmp.resolve("o2").toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("error: " + uri(open) + ":2:1: a quoted field is not closed (fields cannot span lines); close "
        + "the quote, or write a quote inside quotes as \"\"", run.err().strip());

    // an empty quoted field is empty, as it is to the trainer
    Path empty = csv(tmp, "d.csv", "note,a,b\nx,1,2\ny,3,\"\"\n");
    run = CliRun.of("predict", "--model", model.toString(), "--data", empty.toString(), "--output",
        tmp.resolve("o3").toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("error: " + uri(empty) + ":3: column \"b\" is empty; fill it in or delete the row",
        run.err().strip());
  }

  /** The trainer's --delimiter and --header: semicolons without a header, columns c1..cN, kept in the output. */
  @Test
  void readsAndWritesCsvWithTheTrainersDelimiterAndHeaderFlags(@TempDir Path tmp) throws Exception {
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"c3\", \"c1\"], "
        + "\"coefficients\": [2.0, -1.0], \"intercept\": 0.25, \"labelName\": \"c2\"}");
    Path data = csv(tmp, "d.txt", "1;x,y;3\n-4;z;0.5\n");
    Path out = tmp.resolve("o");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--format", "csv",
        "--delimiter", ";", "--header", "false", "--output", out.toString(), "--output-format", "csv");
    assertEquals(0, run.code(), run.err());
    List<String> lines = Files.readAllLines(firstPart(out));
    assertEquals(2, lines.size(), "no header line, as in the input: " + lines);
    String[] first = lines.get(0).split(";");
    assertEquals(List.of("1.0", "x,y", "3.0"), List.of(first).subList(0, 3));
    assertEquals(2.0 * 3 - 1 + 0.25, Double.parseDouble(first[3]), 0.0);
    String[] second = lines.get(1).split(";");
    assertEquals(2.0 * 0.5 + 4 + 0.25, Double.parseDouble(second[3]), 0.0);

    run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--format", "csv",
        "--delimiter", "ab", "--output", tmp.resolve("o2").toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("error: --delimiter must be one character (or \\t or tab), got \"ab\" (see predict --help)",
        run.err().strip());
  }

  /** A value too large for a double is named as written (it said "holds Infinity", which the file does not hold). */
  @Test
  void aValueBeyondTheDoublesIsNamedAsWritten(@TempDir Path tmp) throws Exception {
    Path data = csv(tmp, "d.csv", "a,b\n1,2\n3,1e400\n");
    assertEquals("error: " + uri(data) + ":3: column \"b\" holds 1e400, not a finite number (fix or delete the row)",
        refused(tmp, data));
  }

  /** nan and inf, as numpy writes them, were told "expected a number", where NaN is told it is not finite. */
  @Test
  void otherSpellingsOfNanAndInfinityAreToldNotFinite(@TempDir Path tmp) throws Exception {
    Path data = csv(tmp, "d.csv", "a,b\n1,2\n3,-inf\n");
    assertEquals("error: " + uri(data) + ":3: column \"b\" holds -inf, not a finite number (fix or delete the row)",
        refused(tmp, data));
  }

  /** A narrow no-break space between thousands showed as found "1 000", as if an ordinary space. */
  @Test
  void aNoBreakSpaceInANumberIsNamed(@TempDir Path tmp) throws Exception {
    Path data = csv(tmp, "d.csv", "a,b\n1,2\n3,1\u202f000\n");
    assertEquals("error: " + uri(data) + ":3: column \"b\" expected a number, found \"1\u202f000\", which holds a "
        + "narrow no-break space (U+202F), a character that numbers cannot hold (only ordinary spaces around them are "
        + "skipped): write 1000", refused(tmp, data));
  }

  /** Java's float literal 2f was read as 2.0, where n/a is refused: no CSV writer writes Java literals. */
  @Test
  void aJavaNumberLiteralIsNotANumber(@TempDir Path tmp) throws Exception {
    Path data = csv(tmp, "d.csv", "a,b\n1,2\n3,2f\n");
    assertEquals("error: " + uri(data) + ":3: column \"b\" expected a number, found \"2f\" (fix or delete the "
        + "row)", refused(tmp, data));
  }

  /** Predicts {@code data} with the test model into tmp/o: exit 2 and no output; the error, stripped. */
  private static String refused(Path tmp, Path data) throws Exception {
    Path out = tmp.resolve("o");
    CliRun run = CliRun.of("predict", "--model", model(tmp).toString(), "--data", data.toString(), "--output",
        out.toString());
    assertEquals(2, run.code(), run.err());
    assertFalse(Files.exists(out));
    return run.err().strip();
  }

  @Test
  void aLineWithTooFewFieldsExitsTwo(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = csv(tmp, "d.csv", "a,b\n1,2\n3\n");
    Path out = tmp.resolve("o");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString());
    assertEquals(2, run.code(), run.err());
    assertEquals("error: " + uri(data) + ":3: expected 2 fields (a,b), found 1; check the delimiter (--delimiter) "
        + "or fix the row", run.err().strip());
    assertFalse(Files.exists(out));
  }

  /**
   * Files of blank lines hold no data, as 0-byte files hold none: passed over, as those are, where the first was
   * read as the header ("the header names 1 column ()") and a later one as a header that differs.
   */
  @Test
  void filesOfBlankLinesAreEmptyFiles(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    csv(tmp, "a.csv", "\n");
    csv(tmp, "b.csv", "a,b\n1,2\n-4,0\n");
    csv(tmp, "c.csv", "\r\n \n");
    Path out = tmp.resolve("o");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", tmp.resolve("data").toString(),
        "--format", "csv", "--output", out.toString(), "--output-format", "parquet");
    assertEquals(0, run.code(), run.err());
    List<Row> rows = SparkTestSession.get().read().parquet(out.toString()).orderBy("a").collectAsList();
    assertEquals(2, rows.size());
    assertEquals(2.5 * -4 - 1.0 * 0 + 0.5, rows.get(0).getDouble(2), 1e-15);
    assertEquals(2.5 * 1 - 1.0 * 2 + 0.5, rows.get(1).getDouble(2), 1e-15);

    Path blank = tmp.resolve("blank");
    Files.createDirectories(blank);
    Files.writeString(blank.resolve("a.csv"), "\n\n");
    Path none = tmp.resolve("o2");
    run = CliRun.of("predict", "--model", model.toString(), "--data", blank.resolve("a.csv").toString(), "--output",
        none.toString());
    assertEquals("error: " + uri(blank.resolve("a.csv")) + ": every input file is empty; check --data", run.refusedInOneLine(none));
  }

  /** Under --delimiter ' ', values aligned by several spaces are separated by empty fields: the message says so. */
  @Test
  void valuesAlignedBySpacesUnderASpaceDelimiterAreToldWhy(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = csv(tmp, "d.csv", "a b\n1 2\n3  4\n");
    Path out = tmp.resolve("o");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString(), "--delimiter", " ");
    assertEquals("error: " + uri(data) + ":3: expected 2 fields (a b), found 3; check the delimiter (--delimiter) "
        + "or fix the row (with --delimiter ' ', each space ends a field: values aligned by several spaces are "
        + "separated by empty fields; separate them by one space, or by tabs with --delimiter '\\t')",
        run.refusedInOneLine(out));
  }

  /** CSV in, CSV out: a text column's spaces pass through (Spark's CSV writer trims them unless told not to). */
  @Test
  void textColumnsKeepTheirSpacesInCsvOutput(@TempDir Path tmp) throws Exception {
    Path data = csv(tmp, "d.csv", "note,a,b\n pad ,1,2\n\"  quoted  \",3,4\n");
    Path out = tmp.resolve("o");
    CliRun run = CliRun.of("predict", "--model", model(tmp).toString(), "--data", data.toString(), "--output",
        out.toString());
    assertEquals(0, run.code(), run.err());
    List<String> notes = new java.util.ArrayList<>();
    try (Stream<Path> parts = Files.list(out)) {
      for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        Files.readAllLines(part).stream().filter(l -> !l.startsWith("note,")).forEach(l -> notes.add(l.split(",")[0]));
      }
    }
    assertEquals(List.of("  quoted  ", " pad "), notes.stream().sorted().toList());
  }

  /** A logistic model adds a probability column beside the class: --prediction-col cannot take its name. */
  @Test
  void aLogisticModelsPredictionColumnCannotBeNamedProbability(@TempDir Path tmp) throws Exception {
    Path model = Files.createDirectories(tmp.resolve("logistic"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"a\", \"b\"], \"coefficients\": [2.5, "
        + "-1.0], \"intercept\": 0.5, \"labelName\": \"y\", \"loss\": \"logistic\"}");
    Path data = csv(tmp, "d.csv", "a,b\n1,2\n");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("o").toString(), "--prediction-col", "probability");
    assertEquals(2, run.code(), run.err());
    assertEquals("error: --prediction-col probability is the column a logistic model's probabilities go into, "
        + "beside the predicted class; choose another --prediction-col (see predict --help)", run.err().strip());
  }

  /** Parquet files in directories whose names hold glob characters (d[1]/) are read as themselves, not as patterns. */
  @Test
  void parquetInADirectoryNamedWithBracketsIsScored(@TempDir Path tmp) throws Exception {
    StructType schema = new StructType(new StructField[] {
        new StructField("a", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("b", DataTypes.DoubleType, false, Metadata.empty())});
    Path data = tmp.resolve("data");
    for (String dir : new String[] {"d[1]", "d1"}) {
      SparkTestSession.get().createDataFrame(List.of(RowFactory.create(1.0, 2.0), RowFactory.create(3.0, 4.0)), schema)
          .coalesce(1).write().parquet(data.resolve(dir).toString());
    }
    Path out = tmp.resolve("scored");
    CliRun run = CliRun.of("predict", "--model", model(tmp).toString(), "--data", data.toString(), "--format",
        "parquet", "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    List<Row> rows = SparkTestSession.get().read().parquet(out.toString()).collectAsList();
    assertEquals(4, rows.size(), "each file once");
  }

  /** An --output under a file is refused with exit 2 before the model is read or a row scored. */
  @Test
  void anOutputUnderAFileIsRefusedBeforeScoring(@TempDir Path tmp) throws Exception {
    Path model = model(tmp);
    Path data = csv(tmp, "d.csv", "a,b\n1,2\n");
    Path file = Files.writeString(tmp.resolve("semi.csv"), "a;b\n");
    Path out = file.resolve("p");
    CliRun run = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString());
    assertEquals("error: --output " + out + " cannot be written: " + file + " is a file, not a directory; choose "
        + "another --output (see predict --help)", run.refusedInOneLine(out));
    assertEquals("", run.out(), "nothing scored");
    assertEquals("a;b\n", Files.readString(file));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of("data", "model", "semi.csv"), s.map(p -> p.getFileName().toString()).sorted().toList(),
          "nothing written beside it");
    }
  }
}
