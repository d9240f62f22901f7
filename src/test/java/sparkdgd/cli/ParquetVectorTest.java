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
import java.util.Random;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.Generated;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

/** Parquet with one Spark ML Vector column and a label: dense and sparse vectors train like the CSV. */
@Tag("spark")
class ParquetVectorTest {
  @TempDir
  Path tmp;

  /** The files' columns: a label, the features' vector and a note. */
  private static final StructType LABEL_VECTOR_NOTE = new StructType()
      .add("label", DataTypes.DoubleType, false)
      .add("features", SQLDataTypes.VectorType(), false)
      .add("note", DataTypes.StringType, false);

  /** Rows with about half the values zero, so sparse vectors really are sparse. */
  private static Dataset halfZeros() {
    Random rnd = new Random(8);
    int n = 700;
    double[][] x = new double[n][4];
    double[] y = new double[n];
    double[] w = {1, -2, 0.5, 3};
    for (int i = 0; i < n; i++) {
      y[i] = 0.5 + 0.1 * rnd.nextGaussian();
      for (int j = 0; j < 4; j++) {
        x[i][j] = rnd.nextBoolean() ? 0 : rnd.nextDouble();
        y[i] += w[j] * x[i][j];
      }
    }
    return new Dataset(x, y, List.of("x1", "x2", "x3", "x4"));
  }

  private Path writeVectors(Dataset d, boolean sparse, String name) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      Vector v = Vectors.dense(d.x()[i]);
      rows.add(RowFactory.create(d.y()[i], sparse ? v.toSparse() : v, "row " + i));
    }
    StructType schema = LABEL_VECTOR_NOTE;
    Path out = tmp.resolve(name);
    SparkTestSession.get().createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
    return out;
  }

  private JsonNode train(Path data, String name) throws Exception {
    CliRun run = CliRun.of("--data", data.toString(), "--format", data.toString().endsWith(".csv") ? "csv" : "parquet",
        "--output", tmp.resolve(name).toString(), "--partitions", "1", "--epochs", "40", "--tol", "0");
    assertEquals(0, run.code(), run.out() + run.err());
    return new ObjectMapper().readTree(tmp.resolve(name).resolve("model.json").toFile());
  }

  @Test
  void denseAndSparseVectorColumnsTrainLikeTheSameRowsAsCsv() throws Exception {
    Dataset d = halfZeros();
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double[] reference = Generated.coefficientsAndIntercept(train(csv, "csv"));
    assertTrue(LeastSquares.relativeError(reference, LeastSquares.solveWithIntercept(d.x(), d.y())) < 1e-6);
    for (boolean sparse : new boolean[] {false, true}) {
      JsonNode m = train(writeVectors(d, sparse, "v" + sparse), "m" + sparse);
      assertEquals("label", m.get("labelName").asText());
      assertEquals(4, m.get("coefficients").size());
      assertEquals(700, m.get("rows").asLong());
      double diff = LeastSquares.relativeError(Generated.coefficientsAndIntercept(m), reference);
      assertTrue(diff <= 1e-12, (sparse ? "sparse" : "dense") + " vectors vs csv: " + diff);
    }
  }

  /**
   * A dense vector first among sparse ones decides its block alone: with 40,000 features a dense block of 4096 rows
   * (163,840,000 values) is over the cap, so the block is sparse, and the run trains the same model, bit for bit, as
   * on the same rows all sparse (it had been refused: "makes dense blocks of 163,840,000 values"). And at 4 features
   * in blocks of 50 rows, a dense first row makes only the first block dense: the model agrees with the all-sparse
   * one to rounding.
   */
  @Test
  void aDenseVectorAmongSparseOnesMakesNoPartitionDense() throws Exception {
    int d = 40_000;
    Random rnd = new Random(6);
    List<Row> mixed = new ArrayList<>();
    List<Row> sparse = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      double[] x = new double[d];
      for (int k = 0; k < 5; k++) {
        x[rnd.nextInt(200)] = rnd.nextGaussian();
      }
      double y = 2 * x[0] - x[1] + 0.1 * rnd.nextGaussian();
      Vector v = Vectors.dense(x);
      mixed.add(RowFactory.create(y, i == 0 ? v : v.toSparse(), "row " + i));
      sparse.add(RowFactory.create(y, v.toSparse(), "row " + i));
    }
    StructType schema = LABEL_VECTOR_NOTE;
    SparkTestSession.get().createDataFrame(mixed, schema).coalesce(1).write().parquet(tmp.resolve("mixed").toString());
    SparkTestSession.get().createDataFrame(sparse, schema).coalesce(1).write().parquet(tmp.resolve("sparse").toString());
    JsonNode fromMixed = train(tmp.resolve("mixed"), "m-mixed");
    JsonNode fromSparse = train(tmp.resolve("sparse"), "m-sparse");
    assertEquals(fromSparse.get("coefficients"), fromMixed.get("coefficients"));
    assertEquals(fromSparse.get("intercept"), fromMixed.get("intercept"));

    Dataset narrow = halfZeros();
    List<Row> firstDense = new ArrayList<>();
    for (int i = 0; i < narrow.rows(); i++) {
      Vector v = Vectors.dense(narrow.x()[i]);
      firstDense.add(RowFactory.create(narrow.y()[i], i == 0 ? v : v.toSparse(), "row " + i));
    }
    SparkTestSession.get().createDataFrame(firstDense, schema).coalesce(1).write()
        .parquet(tmp.resolve("first-dense").toString());
    Path out = tmp.resolve("m-first-dense");
    CliRun run = CliRun.of("--data", tmp.resolve("first-dense").toString(), "--format", "parquet", "--output",
        out.toString(), "--partitions", "1", "--epochs", "40", "--tol", "0", "--block-rows", "50");
    assertEquals(0, run.code(), run.out() + run.err());
    JsonNode m = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    JsonNode allSparse = train(writeVectors(narrow, true, "narrow-sparse"), "m-narrow-sparse");
    double diff = LeastSquares.relativeError(Generated.coefficientsAndIntercept(m),
        Generated.coefficientsAndIntercept(allSparse));
    assertTrue(diff <= 1e-12, "one dense block among sparse ones vs all sparse: " + diff);
  }

  /**
   * A DenseVector of mostly zeros first in its block (2,000 features, 5 non-zeros) makes a sparse block: it had made
   * a dense one (at 30,000 features 983 MB cached from rows of 5 non-zeros), which also hid that most features hold
   * no value.
   */
  @Test
  void aDenseVectorOfMostlyZerosMakesASparseBlock() throws Exception {
    int d = 2_000;
    Random rnd = new Random(13);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double[] x = new double[d];
      for (int k = 0; k < 5; k++) {
        x[rnd.nextInt(100)] = rnd.nextGaussian();
      }
      Vector v = Vectors.dense(x);
      rows.add(RowFactory.create(x[0] + 0.1 * rnd.nextGaussian(), i == 0 ? v : v.toSparse(), "row " + i));
    }
    StructType schema = LABEL_VECTOR_NOTE;
    Path data = tmp.resolve("mostly-zeros");
    SparkTestSession.get().createDataFrame(rows, schema).coalesce(1).write().parquet(data.toString());
    CliRun run = CliRun.of("--data", data.toString(), "--format", "parquet", "--output", tmp.resolve("mz").toString(),
        "--partitions", "1", "--epochs", "3", "--block-rows", "100");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("sparse blocks (doubles): "), run.out());
    assertFalse(run.out().contains("float64 blocks"), run.out());
    assertTrue(run.err().contains(" of the 2,000 features hold no value in any training row"), run.err());
    assertTrue(run.err().contains("their weights stay 0; the count is the vectors' size, so most of their elements "
        + "are unused"), run.err()); // no --num-features to question
  }

  /**
   * One Parquet file of vectors is one partition of Spark's reader; with automatic partitions it is spread over
   * Spark's default parallelism (2 on local[2,2]) and trains as the CSV in as many partitions (other rows in each
   * partition's sums: within rounding).
   */
  @Test
  void aSingleFileOfVectorsIsSpreadOverTheDefaultParallelismWhenPartitionsAreAutomatic() throws Exception {
    Dataset d = halfZeros();
    Path csvOut = tmp.resolve("csv2");
    CliRun csv = CliRun.of("--data", d.writeCsv(tmp.resolve("d.csv")).toString(), "--partitions", "2",
        "--epochs", "40", "--tol", "0", "--no-plots", "--output", csvOut.toString());
    assertEquals(0, csv.code(), csv.err());
    Path vectorsOut = tmp.resolve("vectors-auto");
    CliRun vectors = CliRun.of("--data", writeVectors(d, false, "one-file").toString(), "--format", "parquet",
        "--epochs", "40", "--tol", "0", "--no-plots", "--output", vectorsOut.toString());
    assertEquals(0, vectors.code(), vectors.err());
    assertTrue(vectors.out().contains("Data: 700 rows x 4 features in 2 partitions"), vectors.out());
    JsonNode m = new ObjectMapper().readTree(vectorsOut.resolve("model.json").toFile());
    assertEquals(2, m.get("partitions").asInt());
    double diff = LeastSquares.relativeError(Generated.coefficientsAndIntercept(m),
        Generated.coefficientsAndIntercept(new ObjectMapper().readTree(csvOut.resolve("model.json").toFile())));
    assertTrue(diff <= 1e-12, "vectors in 2 automatic partitions vs csv in --partitions 2: " + diff);
  }

  @Test
  void aVectorTooWideForTheDriverIsRefusedBeforeAnythingThatWideIsAllocated() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) { // sparse vectors of size 2e9: three values each, the model would be 2e9 wide
      rows.add(RowFactory.create((double) i, Vectors.sparse(2_000_000_000, new int[] {0, 1, 1_999_999_999},
          new double[] {1, i, 2}), "row " + i));
    }
    StructType schema = LABEL_VECTOR_NOTE;
    Path data = tmp.resolve("wide");
    SparkTestSession.get().createDataFrame(rows, schema).coalesce(1).write().parquet(data.toString());
    CliRun inferred = CliRun.of("--data", data.toString(), "--format", "parquet", "--output",
        tmp.resolve("o").toString());
    assertEquals(2, inferred.code(), inferred.err());
    String err = inferred.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.matches("error: file:\\S*/wide/part-\\S*\\.parquet: the first vector of \"features\" has size "
        + "2,000,000,000, more features than this driver can hold: at most .*; give --num-features with the "
        + "data's true feature count, or the driver more memory \\(--driver-memory\\)"), err);
    CliRun given = CliRun.of("--data", data.toString(), "--format", "parquet", "--output",
        tmp.resolve("o").toString(), "--num-features", "2000000000");
    assertEquals(2, given.code(), given.err());
    // (stderr's first line is IdleFlags' warning that --num-features has no effect on Parquet, untrue for vectors)
    List<String> lines = given.err().strip().lines().toList();
    assertTrue(lines.get(lines.size() - 1).startsWith("error: --num-features 2000000000 is more features than this "
        + "driver can hold: at most "), given.err());
  }

  /**
   * A vector assembled by Spark ML from named columns names the model's features as its slots (VectorAssembler's
   * metadata, kept in Parquet): slots x4..x1 give coefficients named x4..x1, each the CSV-trained one of that name,
   * and evaluate applies the model to a CSV of those columns by name as to the Parquet file (a review's model had
   * been named x1..x8 over slots x8..x1, and evaluate on the CSV had given R^2 -3e6 without a word). A vector column
   * without that metadata keeps x1..xD.
   */
  @Test
  void anAssembledVectorsSlotNamesNameTheModelsFeatures() throws Exception {
    Dataset d = halfZeros();
    Path csv = d.writeCsv(tmp.resolve("named.csv"));
    JsonNode reference = train(csv, "named-csv");
    org.apache.spark.sql.Dataset<Row> read = SparkTestSession.get().read().option("header", true)
        .option("inferSchema", true).csv(csv.toString());
    Path assembled = tmp.resolve("assembled");
    new org.apache.spark.ml.feature.VectorAssembler().setInputCols(new String[] {"x4", "x3", "x2", "x1"})
        .setOutputCol("features").transform(read).select("features", "y").coalesce(1).write()
        .parquet(assembled.toString());
    JsonNode m = train(assembled, "named-vectors");
    assertEquals("[\"x4\",\"x3\",\"x2\",\"x1\"]", m.get("featureNames").toString());
    for (int slot = 0; slot < 4; slot++) {
      double ours = m.get("coefficients").get(slot).asDouble();
      double csvs = reference.get("coefficients").get(3 - slot).asDouble();
      assertEquals(csvs, ours, 1e-9 * Math.abs(csvs), "x" + (4 - slot));
    }
    double[] mse = new double[2];
    Path[] scored = {csv, assembled};
    for (int k = 0; k < 2; k++) {
      Path metrics = tmp.resolve("named-metrics-" + k + ".json");
      CliRun evaluate = CliRun.of("evaluate", "--model", tmp.resolve("named-vectors").toString(), "--data",
          scored[k].toString(), "--output", metrics.toString());
      assertEquals(0, evaluate.code(), evaluate.err());
      mse[k] = new ObjectMapper().readTree(metrics.toFile()).get("mse").asDouble();
    }
    assertEquals(mse[1], mse[0], 1e-12 * mse[1], "the CSV's columns by name, as the vector's slots");
    assertTrue(mse[0] < 0.02, "the model's own data: " + mse[0]);
    // the same columns assembled in another order: refused by the slots' names, not scored by place
    Path reordered = tmp.resolve("reordered");
    new org.apache.spark.ml.feature.VectorAssembler().setInputCols(new String[] {"x1", "x2", "x3", "x4"})
        .setOutputCol("features").transform(read).select("features", "y").coalesce(1).write()
        .parquet(reordered.toString());
    CliRun refused = CliRun.of("evaluate", "--model", tmp.resolve("named-vectors").toString(), "--data",
        reordered.toString(), "--output", tmp.resolve("reordered-metrics.json").toString());
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("the vector column \"features\" names its elements [x1, x2, x3, x4] where the "
        + "model's features are [x4, x3, x2, x1] (model.json's featureNames): assemble the vector in the model's "
        + "order"), refused.err());
    assertEquals("[\"x1\",\"x2\",\"x3\",\"x4\"]",
        train(writeVectors(d, false, "unnamed"), "unnamed-vectors").get("featureNames").toString());
    // a model of this vector from before its slots were named (x1..x4 by place) goes on by place on it: the run
    // starts where that model ended, not at its coefficients reversed by name (0.0378 after the first epoch then)
    Path unnamed = tmp.resolve("assembled-unnamed");
    SparkTestSession.get().read().parquet(assembled.toString())
        .select(org.apache.spark.sql.functions.col("features").as("features",
            org.apache.spark.sql.types.Metadata.empty()), org.apache.spark.sql.functions.col("y"))
        .write().parquet(unnamed.toString());
    JsonNode byPlace = train(unnamed, "by-place");
    assertEquals("[\"x1\",\"x2\",\"x3\",\"x4\"]", byPlace.get("featureNames").toString());
    Path resumed = tmp.resolve("from-by-place");
    CliRun again = CliRun.of("--data", assembled.toString(), "--init-model", tmp.resolve("by-place").toString(),
        "--output", resumed.toString(), "--partitions", "1", "--epochs", "1", "--tol", "0");
    assertEquals(0, again.code(), again.err());
    // its first epoch from that model's optimum (40 epochs, converged) stays there; reversed it had been 0.0378
    String firstEpoch = Files.readAllLines(resumed.resolve("history.csv")).get(1);
    assertEquals(byPlace.get("finalObjective").asDouble(), Double.parseDouble(firstEpoch.split(",")[2]),
        1e-9 * byPlace.get("finalObjective").asDouble(), firstEpoch);
  }

  /**
   * A model trained on a vector column scores and evaluates the data it was trained on: its features x1..xD are the
   * vector's elements. Predictions against w.x + b computed here from model.json; the vector and the other columns
   * pass through; the MSE against the MSE computed here.
   */
  @Test
  void predictAndEvaluateReadTheVectorColumnTheModelWasTrainedOn() throws Exception {
    for (boolean sparse : new boolean[] {false, true}) {
      scoresTheVectorColumnItWasTrainedOn(sparse);
    }
  }

  private void scoresTheVectorColumnItWasTrainedOn(boolean sparse) throws Exception {
    Dataset d = halfZeros();
    Path data = writeVectors(d, sparse, "vectors-" + sparse + ".parquet");
    JsonNode m = train(data, "model-" + sparse);
    double[] c = Generated.coefficientsAndIntercept(m);
    Path model = tmp.resolve("model-" + sparse);
    Path out = tmp.resolve("scored-" + sparse);
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(),
        "--output", out.toString());
    assertEquals(0, predict.code(), predict.err());
    List<Row> scored = SparkTestSession.get().read().parquet(out.toString()).collectAsList();
    assertEquals(d.rows(), scored.size());
    double squaredErrors = 0;
    for (Row r : scored) {
      int i = Integer.parseInt(r.getString(2).substring("row ".length()));
      double expected = c[4];
      for (int j = 0; j < 4; j++) {
        expected += c[j] * d.x()[i][j];
      }
      assertEquals(expected, r.getDouble(3), 1e-12 * (1 + Math.abs(expected)), "row " + i);
      assertEquals(d.y()[i], r.getDouble(0), 0.0);
      assertEquals(Vectors.dense(d.x()[i]), ((Vector) r.get(1)).toDense());
      squaredErrors += (expected - d.y()[i]) * (expected - d.y()[i]);
    }
    // CSV cannot hold the vector column: refused before anything runs, not by Spark's writer after the scoring
    Path asCsv = tmp.resolve("scored-" + sparse + ".csv");
    CliRun toCsv = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        asCsv.toString());
    assertEquals(2, toCsv.code(), toCsv.err());
    assertEquals("error: --output " + asCsv + " is CSV, which cannot hold the column \"features\" (a vector); pass "
        + "--output-format parquet, or name the output .parquet (see predict --help)", toCsv.err().strip());
    assertFalse(Files.exists(asCsv));
    Path metrics = tmp.resolve("metrics-" + sparse + ".json");
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(),
        "--output", metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    double mse = new ObjectMapper().readTree(metrics.toFile()).get("mse").asDouble();
    assertEquals(squaredErrors / d.rows(), mse, 1e-12 * mse);
  }

  /**
   * Dense vectors of 100 features in blocks of 2^21 rows would be 2.1e8 values a block, over the cap of 2^27: they go
   * into sparse blocks (which hold any vector), and no task fails building a block too large. (Until session 36 the
   * driver refused them from the first vector, exit 2; a dense vector first among sparse ones was refused so too.)
   */
  @Test
  void vectorsWhoseDenseBlocksWouldPassTheCapGoIntoSparseBlocks() throws Exception {
    double[][] x = new double[50][100];
    double[] y = new double[50];
    for (int i = 0; i < 50; i++) {
      x[i][i % 100] = 1;
      y[i] = i;
    }
    List<String> names = new ArrayList<>();
    for (int j = 1; j <= 100; j++) {
      names.add("x" + j);
    }
    Path data = writeVectors(new Dataset(x, y, names), false, "wide.parquet");
    java.util.concurrent.atomic.AtomicInteger failedTasks = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
        if (end.taskInfo().failed()) {
          failedTasks.incrementAndGet();
        }
      }
    };
    org.apache.spark.SparkContext sc = SparkTestSession.get().sparkContext();
    sc.addSparkListener(listener);
    try {
      CliRun run = CliRun.of("--data", data.toString(), "--block-rows", String.valueOf(1 << 21), "--output",
          tmp.resolve("wide").toString());
      assertEquals(0, run.code(), run.err());
      assertTrue(run.out().contains("sparse blocks (doubles): "), run.out());
      sc.listenerBus().waitUntilEmpty(10_000);
    } finally {
      sc.removeSparkListener(listener);
    }
    assertEquals(0, failedTasks.get(), "a task failed building a block the driver could have refused");
  }

  /**
   * Columns left out because they hold no numbers are named (they were dropped without a word); not with --features.
   */
  @Test
  void columnsThatHoldNoNumbersAreNamedAsNotRead() {
    Path vectors = writeVectors(halfZeros(), false, "noted.parquet");
    CliRun run = CliRun.of("--data", vectors.toString(), "--output", tmp.resolve("noted").toString(), "--epochs", "1");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("\nNot read: note (string: not numbers)\n"), run.out());
    // the features are the vector column's, whatever else the file holds: neither columns nor label warned of
    assertFalse(run.err().contains("no numbers") || run.err().contains("the label is"), run.err());
    StructType schema = new StructType().add("x", DataTypes.DoubleType).add("city", DataTypes.StringType)
        .add("ok", DataTypes.BooleanType).add("y", DataTypes.DoubleType);
    Path columns = tmp.resolve("columns.parquet");
    SparkTestSession.get().createDataFrame(List.of(RowFactory.create(1.0, "Oslo", true, 2.0),
        RowFactory.create(2.0, "Lima", false, 4.1)), schema).coalesce(1).write().parquet(columns.toString());
    run = CliRun.of("--data", columns.toString(), "--output", tmp.resolve("columns").toString(), "--epochs", "1");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("\nNot read: city (string: not numbers), ok (boolean: not numbers)\n"), run.out());
    // and warned of, on stderr and in model.json: a column whose type changed dropped out of a nightly model unsaid
    assertTrue(run.err().contains("warning: not trained on, as they hold no numbers: city (string: not numbers), ok "
        + "(boolean: not numbers); if one should be a feature, write it as numbers; pass --features to name the "
        + "columns to train on (then others are not warned of)\n"), run.err());
    run = CliRun.of("--data", columns.toString(), "--features", "x", "--output", tmp.resolve("chosen").toString(),
        "--epochs", "1");
    assertEquals(0, run.code(), run.err());
    assertFalse(run.out().contains("Not read"), run.out());
    assertFalse(run.err().contains("no numbers"), run.err());
  }

  /** A text column named y beside a vector column is the label, and refused as one: it silently gave way to x. */
  @Test
  void aTextLabelBesideAVectorColumnIsRefusedNotReplaced() {
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("x", DataTypes.DoubleType)
        .add("y", DataTypes.StringType);
    Path data = tmp.resolve("text-label.parquet");
    SparkTestSession.get().createDataFrame(List.of(RowFactory.create(Vectors.dense(1, 2), 1.0, "3.5"),
        RowFactory.create(Vectors.dense(2, 1), 2.0, "4.5")), schema).coalesce(1).write().parquet(data.toString());
    CliRun run = CliRun.of("--data", data.toString(), "--output", tmp.resolve("text-label").toString());
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(run.err().contains("label column \"y\" has type string, not a number type"), run.err());
  }

  /** A row whose vector is null is named when scored, as a null feature column is: exit 2, not a crash. */
  @Test
  void aNullVectorIsNamedWhenScored() throws Exception {
    Dataset d = halfZeros();
    train(writeVectors(d, false, "train.parquet"), "nullable-model");
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), true);
    Path data = tmp.resolve("with-null.parquet");
    SparkTestSession.get().createDataFrame(List.of(RowFactory.create(1.0, Vectors.dense(d.x()[0])),
        RowFactory.create(2.0, null)), schema).coalesce(1).write().parquet(data.toString());
    CliRun run = CliRun.of("predict", "--model", tmp.resolve("nullable-model").toString(), "--data", data.toString(),
        "--output", tmp.resolve("scored-null").toString());
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("with-null.parquet/part-"), run.err());
    assertTrue(run.err().contains(": row 2 of the file: column \"features\" (the model's x1) is empty (null); fill it "
        + "in or delete the row"), run.err());
  }

  /** A non-finite value inside a vector is placed by its row in the file (Parquet has no lines) and its column. */
  @Test
  void aNaNInsideAVectorOrABadClassIsPlacedByItsRowInTheFile() {
    Dataset d = halfZeros();
    d.x()[456][2] = Double.NaN; // the file's row 457
    Path data = writeVectors(d, true, "with-nan.parquet");
    CliRun run = CliRun.of("--data", data.toString(), "--output", tmp.resolve("nan-model").toString(), "--epochs",
        "1");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("with-nan.parquet/part-"), run.err());
    assertTrue(run.err().contains(": row 457 of the file: a vector in \"features\" holds NaN; training needs finite "
        + "values"), run.err());
    Dataset classes = halfZeros();
    for (int i = 0; i < classes.rows(); i++) {
      classes.y()[i] = i == 99 ? -1 : i % 2;
    }
    CliRun logistic = CliRun.of("--data", writeVectors(classes, false, "classes.parquet").toString(), "--loss",
        "logistic", "--on-bad-record", "skip", "--output", tmp.resolve("classes-model").toString(), "--epochs", "1");
    assertEquals(2, logistic.code(), logistic.err());
    assertTrue(logistic.err().contains(": row 100 of the file: label column \"label\" holds -1.0, but --loss "
        + "logistic needs labels 0 or 1: pass --classes -1,1"), logistic.err());
  }

  /** Vectors narrower than the model: the model does not fit the data, which fixing rows would not mend. */
  @Test
  void vectorsOfAnotherSizeThanTheModelSaySoAndHowToMendIt() throws Exception {
    Dataset d = halfZeros();
    train(writeVectors(d, false, "train4.parquet"), "model4");
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    Path data = tmp.resolve("three.parquet");
    SparkTestSession.get().createDataFrame(List.of(RowFactory.create(1.0, Vectors.dense(1, 2, 3))), schema)
        .coalesce(1).write().parquet(data.toString());
    CliRun run = CliRun.of("predict", "--model", tmp.resolve("model4").toString(), "--data", data.toString(),
        "--output", tmp.resolve("scored3").toString());
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("column \"features\" (the model's x1) is element 1 of a vector of size 3, but the "
        + "model has 4 features: use a model trained on vectors of this data's size (or, if only some rows differ, "
        + "fix or delete them)"), run.err());
  }

  /**
   * Vectors longer than the model's features (a vocabulary grown since training): refused with the flag that scores
   * them, and under --unknown-features ignore scored by their first D elements, the rows with values beyond counted.
   */
  @Test
  void longerVectorsAreScoredByTheirFirstElementsUnderUnknownFeaturesIgnore() throws Exception {
    JsonNode model = train(writeVectors(halfZeros(), false, "train4.parquet"), "model4");
    double[] wb = Generated.coefficientsAndIntercept(model);
    double[][] x = {{1, 2, 3, 4, 9, 0}, {1, 0, 0, 0, 0, 7}, {0.5, 0.5, 0.5, 0.5, 0, 0}};
    double[] labels = {1, 2, 3};
    List<Row> rows = List.of(RowFactory.create(labels[0], Vectors.dense(x[0])),
        RowFactory.create(labels[1], Vectors.dense(x[1]).toSparse()),
        RowFactory.create(labels[2], Vectors.dense(x[2])));
    StructType schema = new StructType().add("label", DataTypes.DoubleType, false)
        .add("features", SQLDataTypes.VectorType(), false);
    Path data = tmp.resolve("six.parquet");
    SparkTestSession.get().createDataFrame(rows, schema).coalesce(1).write().parquet(data.toString());

    CliRun refused = CliRun.of("predict", "--model", tmp.resolve("model4").toString(), "--data", data.toString(),
        "--output", tmp.resolve("refused").toString());
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("is element 1 of a vector of size 6, but the model has 4 features: use a model "
        + "trained on vectors of this data's size (or, if only some rows differ, fix or delete them), or pass "
        + "--unknown-features ignore to score the rows by their first 4 elements"), refused.err());

    Path scored = tmp.resolve("scored6");
    CliRun predict = CliRun.of("predict", "--model", tmp.resolve("model4").toString(), "--data", data.toString(),
        "--output", scored.toString(), "--output-format", "parquet", "--unknown-features", "ignore");
    assertEquals(0, predict.code(), predict.err());
    assertFalse(predict.err().contains("--unknown-features has no effect"), predict.err());
    assertTrue(predict.out().contains("2 rows were scored without 2 values at feature indices beyond the model's 4 "
        + "features"), predict.out());
    List<Row> out = SparkTestSession.get().read().parquet(scored.toString()).orderBy("label")
        .select("prediction").collectAsList();
    double mse = 0;
    for (int i = 0; i < 3; i++) {
      double expected = wb[4];
      for (int j = 0; j < 4; j++) {
        expected += wb[j] * x[i][j];
      }
      assertEquals(expected, out.get(i).getDouble(0), 1e-12, "row " + i + ": its first 4 elements");
      mse += (expected - labels[i]) * (expected - labels[i]) / 3;
    }
    Path metrics = tmp.resolve("six.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", tmp.resolve("model4").toString(), "--data", data.toString(),
        "--output", metrics.toString(), "--unknown-features", "ignore");
    assertEquals(0, evaluate.code(), evaluate.err());
    JsonNode measured = new ObjectMapper().readTree(metrics.toFile());
    assertEquals(mse, measured.get("mse").asDouble(), 1e-12 * mse);
    assertEquals(2, measured.get("unknownFeatureRows").asLong());
  }

  /**
   * An array column longer than the model under --unknown-features ignore: a null beyond the model's elements is not
   * read (it had failed the task), a row skipped as bad for a value among them is not counted, and a model trained
   * zero-based on LIBSVM gives no --no-zero-based hint for Parquet input, where the flag does nothing.
   */
  @Test
  void longerArraysAreCutTooAndOnlyRowsScoredAreCounted() throws Exception {
    Path model = Files.createDirectories(tmp.resolve("zero-model"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"x1\", \"x2\", \"x3\"], \"coefficients\": "
        + "[2.0, 0.0, -1.0], \"intercept\": 0.5, \"labelName\": \"label\", \"format\": \"libsvm\", "
        + "\"zeroBased\": true}");
    StructType schema = new StructType().add("label", DataTypes.DoubleType, false)
        .add("features", DataTypes.createArrayType(DataTypes.DoubleType, true), false);
    List<Row> rows = List.of(
        RowFactory.create(1.0, scala.jdk.javaapi.CollectionConverters.asScala(java.util.Arrays.asList(1.0, 0.0, 4.0,
            null, 9.0)).toSeq()),
        RowFactory.create(2.0, scala.jdk.javaapi.CollectionConverters.asScala(List.of(3.0, 0.0, 0.0)).toSeq()),
        RowFactory.create(3.0, scala.jdk.javaapi.CollectionConverters.asScala(List.of(1.0, Double.NaN, 0.0, 5.0))
            .toSeq()));
    Path data = tmp.resolve("arrays.parquet");
    SparkTestSession.get().createDataFrame(rows, schema).coalesce(1).write().parquet(data.toString());
    Path scored = tmp.resolve("scored-arrays");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString(), "--output-format", "parquet", "--unknown-features", "ignore", "--on-bad-record", "skip");
    assertEquals(0, predict.code(), predict.err());
    assertTrue(predict.out().contains("1 row was scored without 1 value at feature indices beyond the model's 3 "
        + "features (--unknown-features ignore: their weights taken as 0)\n"), predict.out());
    assertFalse(predict.out().contains("zero-based"), predict.out());
    List<Row> out = SparkTestSession.get().read().parquet(scored.toString()).orderBy("label")
        .select("prediction").collectAsList();
    assertEquals(List.of(0.5 + 2 - 4, 0.5 + 6), out.stream().map(r -> r.getDouble(0)).toList());
    assertEquals(1, new ObjectMapper().readTree(scored.resolve("_predict.json").toFile()).get("skippedRecords")
        .asLong());
  }
}
