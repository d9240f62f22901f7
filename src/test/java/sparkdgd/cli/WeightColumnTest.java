package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.SparkTestSession;

/**
 * {@code --weight-col} from the command line: CSV, Parquet columns and a Parquet vector column give the same model;
 * the outputs record the column and their metrics are the weighted ones, computed here from the model; a bad weight
 * is refused with its file, line and column, and the flags that cannot go with it say why.
 */
@Tag("spark")
class WeightColumnTest {
  @TempDir
  Path tmp;

  /** 600 rows of two features, a weight (0 in some rows, up to 4) and a label with noise. */
  private Path weightedCsv() throws Exception {
    Random rnd = new Random(3);
    StringBuilder text = new StringBuilder("a,w,b,y\n");
    for (int i = 0; i < 600; i++) {
      double a = rnd.nextGaussian();
      double b = 2 + 3 * rnd.nextGaussian();
      double w = rnd.nextInt(10) == 0 ? 0 : Math.round(40 * rnd.nextDouble()) / 10.0;
      double y = 1.5 * a - 0.5 * b + 1 + (a > 0 ? 2 : 0.3) * rnd.nextGaussian();
      text.append(a).append(',').append(w).append(',').append(b).append(',').append(y).append('\n');
    }
    return Files.writeString(tmp.resolve("w.csv"), text.toString(), StandardCharsets.UTF_8);
  }

  private JsonNode train(Path data, String name, String... more) throws Exception {
    String[] args = {"--data", data.toString(), "--output", tmp.resolve(name).toString(), "--weight-col", "w",
        "--optimizer", "lbfgs", "--epochs", "500", "--tol", "0", "--gradient-tol", "1e-10", "--partitions", "2"};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    CliRun run = CliRun.of(all);
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("Weights: w (--weight-col), "), run.out());
    return new ObjectMapper().readTree(tmp.resolve(name).resolve("model.json").toFile());
  }

  private static double[] model(JsonNode m) {
    return new double[] {m.get("coefficients").get(0).asDouble(), m.get("coefficients").get(1).asDouble(),
        m.get("intercept").asDouble()};
  }

  @Test
  void csvParquetColumnsAndVectorsTrainTheSameWeightedModelAndRecordIt() throws Exception {
    Path csv = weightedCsv();
    JsonNode fromCsv = train(csv, "csv");
    assertEquals("w", fromCsv.get("weightCol").asText());
    assertEquals("[\"a\",\"b\"]", fromCsv.get("featureNames").toString(), "the weight is not a feature");
    double[] expected = model(fromCsv);

    // the weighted MSE, MAE and R^2 of metrics.json, computed here from the model and the file
    double[] sums = new double[5]; // w, w r^2, w |r|, w y, w y^2
    for (String line : Files.readAllLines(csv).subList(1, 601)) {
      String[] f = line.split(",");
      double a = Double.parseDouble(f[0]);
      double w = Double.parseDouble(f[1]);
      double b = Double.parseDouble(f[2]);
      double y = Double.parseDouble(f[3]);
      double r = expected[0] * a + expected[1] * b + expected[2] - y;
      sums[0] += w;
      sums[1] += w * r * r;
      sums[2] += w * Math.abs(r);
      sums[3] += w * y;
      sums[4] += w * y * y;
    }
    JsonNode metrics = new ObjectMapper().readTree(tmp.resolve("csv").resolve("metrics.json").toFile());
    assertEquals("w", metrics.get("weightCol").asText());
    assertEquals(600, metrics.get("rows").asLong());
    assertEquals(sums[0], metrics.get("weightTotal").asDouble(), 1e-9 * sums[0]);
    double mse = sums[1] / sums[0];
    double labelVariance = sums[4] / sums[0] - Math.pow(sums[3] / sums[0], 2);
    assertEquals(mse, metrics.get("mse").asDouble(), 1e-12 * mse);
    assertEquals(sums[2] / sums[0], metrics.get("mae").asDouble(), 1e-12);
    assertEquals(1 - mse / labelVariance, metrics.get("r2").asDouble(), 1e-10);
    assertEquals(mse, fromCsv.get("trainMetrics").get("mse").asDouble(), 1e-12 * mse);
    CliRun evaluate = CliRun.of("evaluate", "--model", tmp.resolve("csv").toString(), "--data", csv.toString(),
        "--weight-col", "w", "--output", tmp.resolve("eval.json").toString());
    assertEquals(0, evaluate.code(), evaluate.out() + evaluate.err());
    JsonNode evaluated = new ObjectMapper().readTree(tmp.resolve("eval.json").toFile());
    assertEquals(mse, evaluated.get("mse").asDouble(), 1e-12 * mse);
    assertEquals(1 - mse / labelVariance, evaluated.get("r2").asDouble(), 1e-10);
    // Spark's model carries the weight column among its params
    LinearRegressionModel spark = LinearRegressionModel.load(tmp.resolve("csv").resolve("spark-model").toString());
    assertEquals("w", spark.getWeightCol());

    org.apache.spark.sql.Dataset<Row> df = SparkTestSession.get().read().option("header", true)
        .option("inferSchema", true).csv(csv.toString());
    Path columns = tmp.resolve("columns");
    df.coalesce(1).write().parquet(columns.toString());
    Path vectors = tmp.resolve("vectors");
    new VectorAssembler().setInputCols(new String[] {"a", "b"}).setOutputCol("features").transform(df)
        .select(functions.col("features"), functions.col("w"), functions.col("y")).coalesce(1).write()
        .parquet(vectors.toString());
    for (Path parquet : new Path[] {columns, vectors}) {
      JsonNode m = train(parquet, parquet.getFileName() + "-model");
      double[] actual = model(m);
      for (int j = 0; j < 3; j++) {
        assertEquals(expected[j], actual[j], 1e-9 * Math.max(1, Math.abs(expected[j])), parquet + " " + j);
      }
    }
  }

  /**
   * A logistic model's log-loss, accuracy and AUC with weights, in training's metrics.json and from evaluate, are the
   * weighted ones computed here from the model: the AUC over every pair of a positive and a negative row, each pair
   * counting the product of their weights (a tie half). Without --weight-col evaluate gives the unweighted ones.
   */
  @Test
  void logisticMetricsAreWeightedInTrainingAndEvaluate() throws Exception {
    Random rnd = new Random(9);
    StringBuilder text = new StringBuilder("a,b,w,y\n");
    int n = 500;
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      double a = rnd.nextGaussian();
      double b = rnd.nextGaussian();
      double w = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(5) / 2.0;
      double y = rnd.nextDouble() < 1 / (1 + Math.exp(-(1.2 * a - 0.8 * b + 0.3))) ? 1 : 0;
      rows[i] = new double[] {a, b, w, y};
      text.append(a).append(',').append(b).append(',').append(w).append(',').append(y).append('\n');
    }
    Path csv = Files.writeString(tmp.resolve("l.csv"), text.toString(), StandardCharsets.UTF_8);
    JsonNode m = train(csv, "logistic", "--loss", "logistic");
    double[] c = model(m);
    double[] margin = new double[n];
    double total = 0;
    double loss = 0;
    double right = 0;
    double plainLoss = 0;
    for (int i = 0; i < n; i++) {
      double[] r = rows[i];
      margin[i] = c[0] * r[0] + c[1] * r[1] + c[2];
      double rowLoss = Math.log1p(Math.exp(margin[i])) - r[3] * margin[i];
      total += r[2];
      loss += r[2] * rowLoss;
      plainLoss += rowLoss;
      right += (margin[i] > 0) == (r[3] == 1) ? r[2] : 0;
    }
    double pairs = 0;
    double won = 0;
    for (int p = 0; p < n; p++) {
      for (int q = 0; q < n; q++) {
        if (rows[p][3] == 1 && rows[q][3] == 0) {
          double both = rows[p][2] * rows[q][2];
          pairs += both;
          won += margin[p] > margin[q] ? both : margin[p] == margin[q] ? both / 2 : 0;
        }
      }
    }
    JsonNode trained = new ObjectMapper().readTree(tmp.resolve("logistic").resolve("metrics.json").toFile());
    CliRun evaluate = CliRun.of("evaluate", "--model", tmp.resolve("logistic").toString(), "--data", csv.toString(),
        "--weight-col", "w", "--output", tmp.resolve("eval.json").toString());
    assertEquals(0, evaluate.code(), evaluate.out() + evaluate.err());
    assertTrue(evaluate.out().contains("label \"y\", weighted by \"w\""), evaluate.out());
    JsonNode evaluated = new ObjectMapper().readTree(tmp.resolve("eval.json").toFile());
    for (JsonNode metrics : new JsonNode[] {trained, evaluated}) {
      assertEquals("w", metrics.get("weightCol").asText());
      assertEquals(total, metrics.get("weightTotal").asDouble(), 1e-9 * total);
      assertEquals(loss / total, metrics.get("logloss").asDouble(), 1e-12);
      assertEquals(right / total, metrics.get("accuracy").asDouble(), 1e-12);
      assertEquals(won / pairs, metrics.get("auc").asDouble(), 1e-12);
    }
    CliRun unweighted = CliRun.of("evaluate", "--model", tmp.resolve("logistic").toString(), "--data",
        csv.toString(), "--output", tmp.resolve("plain.json").toString());
    assertEquals(0, unweighted.code(), unweighted.out() + unweighted.err());
    JsonNode plain = new ObjectMapper().readTree(tmp.resolve("plain.json").toFile());
    assertEquals(plainLoss / n, plain.get("logloss").asDouble(), 1e-12);
    assertTrue(plain.get("weightCol") == null && plain.get("weightTotal") == null);
    assertTrue(unweighted.out().lines().anyMatch(l -> l.endsWith(" label \"y\"")), unweighted.out());
    // the model says what weighed its training rows: the unweighted metrics are told apart from training's
    assertTrue(unweighted.out().contains("\n  every row weighs 1 here; the model was trained on rows weighted by "
        + "\"w\", as training's metrics.json is: add --weight-col w for those\n"), unweighted.out());
    assertFalse(evaluate.out().contains("every row weighs 1"), evaluate.out());
  }

  /**
   * Mini-batches of rows whose weights are a few heavy rows close together and many light ones spread out: most
   * batches hold only light rows, whose curvature in the weighted standardization is far above the whole
   * objective's, so the automatic step counts the rows as their effective number (W^2 / sum w^2, about 10 here) and
   * the run settles, where the step for 10,000 rows of weight 1 made it diverge.
   */
  @Test
  void miniBatchesOfAFewHeavyRowsAmongManyLightOnesTakeAStepTheyCanBear() throws Exception {
    Random rnd = new Random(4);
    StringBuilder text = new StringBuilder("a,w,y\n");
    for (int i = 0; i < 10_000; i++) {
      boolean heavy = i % 1000 == 0;
      double a = heavy ? 0.01 * rnd.nextGaussian() : rnd.nextGaussian();
      double y = 2 * a + 0.1 * rnd.nextGaussian();
      text.append(a).append(',').append(heavy ? 1e6 : 1).append(',').append(y).append('\n');
    }
    Path csv = Files.writeString(tmp.resolve("heavy.csv"), text.toString(), StandardCharsets.UTF_8);
    CliRun run = CliRun.of("--data", csv.toString(), "--weight-col", "w", "--batch-fraction", "0.01", "--epochs",
        "30", "--tol", "0", "--output", tmp.resolve("heavy").toString());
    assertEquals(0, run.code(), run.out() + run.err());
    JsonNode m = new ObjectMapper().readTree(tmp.resolve("heavy").resolve("model.json").toFile());
    assertTrue(m.get("finalMse").asDouble() < 0.05, run.out());
    assertTrue(run.err().contains("warning: the weights (--weight-col \"w\") are worth 10.0 rows of weight 1 (W^2 / "
        + "sum w^2 of 10,000 rows), so a batch of --batch-fraction 0.01 holds about 0.10 of them"), run.err());
    assertTrue(run.out().contains("Weights: w (--weight-col), 10,009,990 in all over 10,000 rows"), run.out());
  }

  /** One row of weight above 0 leaves no weighted spread of the labels: the warning says so, not "every label". */
  @Test
  void labelsThatVaryOnlyAmongRowsOfWeightZeroAreToldSo() throws Exception {
    Path csv = Files.writeString(tmp.resolve("single.csv"), "a,w,y\n1,0,2\n2,1,3.5\n3,0,5\n4,0,1\n");
    CliRun run = CliRun.of("--data", csv.toString(), "--weight-col", "w", "--epochs", "2", "--output",
        tmp.resolve("single").toString());
    assertTrue(run.err().contains("warning: every label (\"y\") of the training data's rows that weigh more than 0 "
        + "(--weight-col \"w\") is 3.5, so the weighted R^2 is undefined"), run.err());
  }

  /** Rows of weight 0 add nothing: where every row of one class weighs 0, the run is told it has one class. */
  @Test
  void aClassWhoseRowsAllWeighNothingLeavesOneClass() throws Exception {
    StringBuilder text = new StringBuilder("a,w,y\n");
    Random rnd = new Random(2);
    for (int i = 0; i < 200; i++) {
      boolean positive = i % 2 == 0;
      text.append(rnd.nextGaussian() + (positive ? 1 : 0)).append(',').append(positive ? 0 : 1).append(',')
          .append(positive ? 1 : 0).append('\n');
    }
    Path csv = Files.writeString(tmp.resolve("one.csv"), text.toString(), StandardCharsets.UTF_8);
    CliRun run = CliRun.of("--data", csv.toString(), "--loss", "logistic", "--weight-col", "w", "--epochs", "5",
        "--output", tmp.resolve("one").toString());
    assertTrue(run.err().contains("warning: the training data has only one class: every label is 0 (100 rows)"),
        run.err());
  }

  @Test
  void evaluateRefusesWeightsThatAddUpToNothingAndTheLabelAsWeights() throws Exception {
    Path csv = weightedCsv();
    train(csv, "m");
    Path zeros = Files.writeString(tmp.resolve("zeros.csv"), "a,w,b,y\n1,0,2,3\n2,0,1,4\n");
    assertEquals("error: " + zeros + ": the weights of the 2 rows evaluated (--weight-col \"w\") add up to 0: "
        + "the weighted metrics are undefined; check the column", refused("e1", "evaluate", "--model",
        tmp.resolve("m").toString(), "--data", zeros.toString(), "--weight-col", "w"));
    assertEquals("error: --weight-col \"y\" is also the label column; weigh the rows by another column (see "
        + "evaluate --help)", refused("e2", "evaluate", "--model", tmp.resolve("m").toString(), "--data",
            csv.toString(), "--weight-col", "y"));
  }

  private String refused(String name, String... args) {
    Path out = tmp.resolve(name);
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--output";
    all[args.length + 1] = out.toString();
    return CliRun.of(all).refusedInOneLine(out);
  }

  @Test
  void badWeightsAndColumnsAreRefusedSayingWhereAndWhy() throws Exception {
    Path negative = Files.writeString(tmp.resolve("neg.csv"), "a,w,y\n1,1,2\n2,-0.5,3\n3,1,4\n");
    assertEquals("error: file:" + negative + ":3:3: weight column \"w\": -0.5 is negative; weights must be >= 0 (a "
        + "row of weight 0 adds nothing to training): fix or delete the row",
        refused("o1", "--data", negative.toString(), "--weight-col", "w"));
    Path empty = Files.writeString(tmp.resolve("empty.csv"), "a,w,y\n1,1,2\n2,,3\n3,1,4\n");
    assertEquals("error: file:" + empty + ":3:3: weight column \"w\": empty value; fill it in or delete the row",
        refused("o2", "--data", empty.toString(), "--weight-col", "w"));
    assertEquals("error: file:" + negative + ": weight column \"v\" (--weight-col) is not among the columns [a, w, "
        + "y]", refused("o3", "--data", negative.toString(), "--weight-col", "v"));
    Path zeros = Files.writeString(tmp.resolve("zeros.csv"), "a,w,y\n1,0,2\n2,0,3\n3,0,4\n");
    assertTrue(refused("o4", "--data", zeros.toString(), "--weight-col", "w").endsWith(": the weights of the 3 rows "
        + "(--weight-col \"w\") add up to 0.0; training needs some rows of weight above 0 and a finite sum: check the "
        + "column"));
    assertEquals("error: --weight-col \"y\" is also the label column; weigh the rows by another column (see --help)",
        refused("o5", "--data", negative.toString(), "--label-col", "y", "--weight-col", "y"));
    assertEquals("error: --features must not contain the weight column \"w\" (--weight-col) (see --help)",
        refused("o6", "--data", negative.toString(), "--features", "a,w", "--weight-col", "w"));
    Path libsvm = Files.writeString(tmp.resolve("d.libsvm"), "1 1:0.5\n0 1:0.25\n");
    assertEquals("error: --weight-col names a CSV or Parquet column; LIBSVM rows hold a label and features only: "
        + "write the data with its weights as CSV or Parquet to weigh its rows (see --help)",
        refused("o7", "--data", libsvm.toString(), "--weight-col", "w"));
  }

  @Test
  void aNegativeWeightInParquetIsNamedByItsRow() throws Exception {
    org.apache.spark.sql.Dataset<Row> df = SparkTestSession.get().read().option("header", true)
        .option("inferSchema", true).csv(Files.writeString(tmp.resolve("n.csv"), "a,w,y\n1,1,2\n2,-2,3\n3,1,4\n")
            .toString());
    Path parquet = tmp.resolve("n-parquet");
    df.coalesce(1).write().parquet(parquet.toString());
    String err = refused("o", "--data", parquet.toString(), "--weight-col", "w");
    assertTrue(err.matches("error: file:\\S*/n-parquet/part-\\S*\\.parquet: row 2 of the file: weight column \"w\": "
        + "-2.0 is negative; weights must be >= 0 .*"), err);
  }
}
