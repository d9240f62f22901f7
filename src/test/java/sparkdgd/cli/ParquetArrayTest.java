package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.Generated;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

/**
 * Parquet whose features are one column of arrays of numbers, as pandas and pyarrow write a column of lists: read as
 * dense vectors, trained, scored and evaluated like a Spark ML vector column.
 */
@Tag("spark")
class ParquetArrayTest {
  @TempDir
  Path tmp;

  /** Rows whose features are multiples of 1/64, exact as floats and as doubles, and a noisy linear label. */
  private static Dataset rows() {
    Random rnd = new Random(21);
    int n = 600;
    double[][] x = new double[n][4];
    double[] y = new double[n];
    double[] w = {1.5, -2, 0.25, 3};
    for (int i = 0; i < n; i++) {
      y[i] = -0.5 + 0.1 * rnd.nextGaussian();
      for (int j = 0; j < 4; j++) {
        x[i][j] = (rnd.nextInt(257) - 128) / 64.0;
        y[i] += w[j] * x[i][j];
      }
    }
    return new Dataset(x, y, List.of("x1", "x2", "x3", "x4"));
  }

  /**
   * Writes {@code d} as Parquet: the label, the features as an array of {@code element}s, a numeric column {@code id}
   * and a note; {@code edit} may change a row's array (null elements, another length) before it is written.
   */
  private Path writeArrays(Dataset d, DataType element, String name, java.util.function.BiConsumer<Integer,
      List<Object>> edit) {
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", DataTypes.createArrayType(element, true), true)
        .add("id", DataTypes.IntegerType, false)
        .add("note", DataTypes.StringType, false);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      List<Object> values = new ArrayList<>();
      for (double v : d.x()[i]) {
        values.add(element.equals(DataTypes.FloatType) ? (Object) (float) v : (Object) v);
      }
      edit.accept(i, values);
      rows.add(RowFactory.create(d.y()[i], values.toArray(), i, "row " + i));
    }
    Path out = tmp.resolve(name);
    SparkTestSession.get().createDataFrame(rows, schema).coalesce(1).write().parquet(out.toString());
    return out;
  }

  private Path writeArrays(Dataset d, DataType element, String name) {
    return writeArrays(d, element, name, (i, values) -> { });
  }

  /**
   * Arrays of doubles and of floats train the model the same rows train from CSV (the values are exact in both
   * types), which is the least-squares solution; the other numeric column is named as not read, with how to use it.
   */
  @Test
  void arraysOfDoublesAndOfFloatsTrainLikeTheSameRowsAsCsv() throws Exception {
    Dataset d = rows();
    Path csvOut = tmp.resolve("csv-model");
    CliRun csv = CliRun.of("--data", d.writeCsv(tmp.resolve("d.csv")).toString(), "--output", csvOut.toString(),
        "--partitions", "1", "--epochs", "40", "--tol", "0", "--no-plots");
    assertEquals(0, csv.code(), csv.err());
    double[] reference = Generated.coefficientsAndIntercept(readModel(csvOut));
    assertTrue(LeastSquares.relativeError(reference, LeastSquares.solveWithIntercept(d.x(), d.y())) < 1e-6);
    for (DataType element : new DataType[] {DataTypes.DoubleType, DataTypes.FloatType}) {
      Path out = tmp.resolve("model-" + element.simpleString());
      CliRun run = CliRun.of("--data", writeArrays(d, element, "arrays-" + element.simpleString()).toString(),
          "--output", out.toString(), "--partitions", "1", "--epochs", "40", "--tol", "0", "--no-plots");
      assertEquals(0, run.code(), run.out() + run.err());
      assertTrue(run.out().contains("Data: 600 rows x 4 features"), run.out());
      assertTrue(run.out().contains("\nNot read: id (int: the features are the column \"features\"; --features names "
          + "numeric columns to train on them instead), note (string: not numbers)\n"), run.out());
      JsonNode m = readModel(out);
      assertEquals("label", m.get("labelName").asText());
      double diff = LeastSquares.relativeError(Generated.coefficientsAndIntercept(m), reference);
      assertTrue(diff <= 1e-12, element.simpleString() + " arrays vs csv: " + diff);
    }
  }

  /**
   * predict writes w.x + b of each row's array (computed here from model.json) beside the row's columns, and evaluate's
   * MSE is the one computed here.
   */
  @Test
  void predictAndEvaluateScoreTheArrayColumn() throws Exception {
    Dataset d = rows();
    Path data = writeArrays(d, DataTypes.FloatType, "floats.parquet");
    Path model = tmp.resolve("model");
    assertEquals(0, CliRun.of("--data", data.toString(), "--output", model.toString(), "--epochs", "5",
        "--no-plots").code());
    double[] c = Generated.coefficientsAndIntercept(readModel(model));
    Path out = tmp.resolve("scored.parquet");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString());
    assertEquals(0, predict.code(), predict.err());
    List<Row> scored = SparkTestSession.get().read().parquet(out.toString()).collectAsList();
    assertEquals(d.rows(), scored.size());
    double squaredErrors = 0;
    for (Row r : scored) {
      int i = r.getInt(2);
      double expected = fitted(c, d.x()[i]);
      assertEquals(expected, r.getDouble(4), 1e-12 * (1 + Math.abs(expected)), "row " + i);
      assertEquals((float) d.x()[i][3], r.getList(1).get(3));
      squaredErrors += (expected - d.y()[i]) * (expected - d.y()[i]);
    }
    Path metrics = tmp.resolve("metrics.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    double mse = new ObjectMapper().readTree(metrics.toFile()).get("mse").asDouble();
    assertEquals(squaredErrors / d.rows(), mse, 1e-12 * mse);
  }

  /**
   * A null inside an array is placed by its row in the file and its element, when training and when scoring; an array
   * of another length is a bad record that --on-bad-record skip skips.
   */
  @Test
  void aNullInsideAnArrayAndAnArrayOfAnotherLengthAreNamed() throws Exception {
    Dataset d = rows();
    Path withNull = writeArrays(d, DataTypes.DoubleType, "with-null.parquet", (i, values) -> {
      if (i == 41) {
        values.set(2, null);
      }
    });
    CliRun train = CliRun.of("--data", withNull.toString(), "--output", tmp.resolve("null-model").toString(),
        "--epochs", "1");
    assertEquals(2, train.code(), train.err());
    assertTrue(train.err().contains("with-null.parquet/part-"), train.err());
    assertTrue(train.err().contains(": row 42 of the file: an array in \"features\" has a null value (element 3); "
        + "fill or drop the nulls before training"), train.err());

    Path model = tmp.resolve("model");
    assertEquals(0, CliRun.of("--data", writeArrays(d, DataTypes.DoubleType, "clean.parquet").toString(), "--output",
        model.toString(), "--epochs", "2", "--no-plots").code());
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", withNull.toString(), "--output",
        tmp.resolve("scored.parquet").toString());
    assertEquals(2, predict.code(), predict.err());
    assertTrue(predict.err().contains(": row 42 of the file: column \"features\" (the model's x3) is empty (null); "
        + "fill it in or delete the row"), predict.err());

    Path shorter = writeArrays(d, DataTypes.DoubleType, "shorter.parquet", (i, values) -> {
      if (i == 7) {
        values.remove(3);
      }
    });
    CliRun refused = CliRun.of("--data", shorter.toString(), "--output", tmp.resolve("short-model").toString(),
        "--epochs", "1");
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains(": row 8 of the file: an array in \"features\" has 3 entries, expected 4 (the "
        + "first array's size, or --num-features)"), refused.err());
    Path skippedOut = tmp.resolve("skipped-model");
    CliRun skipped = CliRun.of("--data", shorter.toString(), "--output", skippedOut.toString(), "--epochs", "1",
        "--on-bad-record", "skip", "--no-plots");
    assertEquals(0, skipped.code(), skipped.err());
    assertEquals(599, readModel(skippedOut).get("rows").asLong());
  }

  /**
   * An array column beside a vector column is other data, as before arrays were read: the vector holds the features
   * when no column is named, in training, predict and evaluate (a review's vector data with a column of tags could
   * no longer be scored: "the model's feature column x1 is not in the data"), and the tags are named as not read.
   */
  @Test
  void anArrayBesideAVectorColumnIsOtherData() throws Exception {
    Dataset d = rows();
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), false)
        .add("tags", DataTypes.createArrayType(DataTypes.IntegerType), false);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      rows.add(RowFactory.create(d.y()[i], org.apache.spark.ml.linalg.Vectors.dense(d.x()[i]),
          new Integer[] {i, i % 7}));
    }
    Path data = tmp.resolve("tagged.parquet");
    SparkTestSession.get().createDataFrame(rows, schema).coalesce(1).write().parquet(data.toString());
    Path model = tmp.resolve("tagged-model");
    CliRun train = CliRun.of("--data", data.toString(), "--output", model.toString(), "--epochs", "40", "--tol", "0",
        "--partitions", "1", "--no-plots");
    assertEquals(0, train.code(), train.err());
    assertTrue(train.out().contains("\nNot read: tags (array<int>: the features are the column \"features\"; "
        + "--features tags trains on it instead)\n"), train.out());
    double[] c = Generated.coefficientsAndIntercept(readModel(model));
    assertTrue(LeastSquares.relativeError(c, LeastSquares.solveWithIntercept(d.x(), d.y())) < 1e-6);
    Path scored = tmp.resolve("tagged-scored.parquet");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString());
    assertEquals(0, predict.code(), predict.err());
    assertEquals(d.rows(), SparkTestSession.get().read().parquet(scored.toString()).count());
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("tagged.json").toString());
    assertEquals(0, evaluate.code(), evaluate.err());
  }

  /**
   * A model trained with --features on an array beside a vector column of the same size names that column in
   * model.json, and predict and evaluate score it, not the vector (which they chose before models named their column):
   * each prediction against w.x + b of the row's array, computed here, and evaluate's MSE likewise. Data without the
   * column is refused, naming it.
   */
  @Test
  void aModelScoresTheArrayItWasTrainedOnNotAVectorBesideIt() throws Exception {
    Dataset d = rows();
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), false)
        .add("arr", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
        .add("id", DataTypes.IntegerType, false);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      double[] other = {i % 3, -1, 0.5 * (i % 5), 2}; // four numbers that are not the features
      Double[] features = new Double[4];
      for (int j = 0; j < 4; j++) {
        features[j] = d.x()[i][j];
      }
      rows.add(RowFactory.create(d.y()[i], org.apache.spark.ml.linalg.Vectors.dense(other), features, i));
    }
    Path data = tmp.resolve("beside.parquet");
    SparkTestSession.get().createDataFrame(rows, schema).coalesce(1).write().parquet(data.toString());
    Path model = tmp.resolve("beside-model");
    CliRun train = CliRun.of("--data", data.toString(), "--features", "arr", "--output", model.toString(),
        "--epochs", "40", "--tol", "0", "--partitions", "1", "--no-plots");
    assertEquals(0, train.code(), train.err());
    JsonNode json = readModel(model);
    assertEquals("arr", json.get("featuresColumn").asText());
    assertEquals("arr", org.apache.spark.ml.regression.LinearRegressionModel.load(model.resolve("spark-model")
        .toString()).getFeaturesCol(), "Spark ML's model reads that column too, not the vector \"features\"");
    double[] c = Generated.coefficientsAndIntercept(json);
    assertTrue(LeastSquares.relativeError(c, LeastSquares.solveWithIntercept(d.x(), d.y())) < 1e-6);
    Path out = tmp.resolve("beside-scored.parquet");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        out.toString());
    assertEquals(0, predict.code(), predict.err());
    List<Row> scored = SparkTestSession.get().read().parquet(out.toString()).collectAsList();
    assertEquals(d.rows(), scored.size());
    double squaredErrors = 0;
    for (Row r : scored) {
      int i = r.getInt(r.fieldIndex("id"));
      double expected = fitted(c, d.x()[i]);
      double predicted = r.getDouble(r.fieldIndex("prediction"));
      assertEquals(expected, predicted, 1e-12 * (1 + Math.abs(expected)), "row " + i);
      squaredErrors += (expected - d.y()[i]) * (expected - d.y()[i]);
    }
    Path metrics = tmp.resolve("beside.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    double mse = new ObjectMapper().readTree(metrics.toFile()).get("mse").asDouble();
    assertEquals(squaredErrors / d.rows(), mse, 1e-12 * mse);
    Path vectorsOnly = tmp.resolve("vectors-only.parquet");
    SparkTestSession.get().read().parquet(data.toString()).drop("arr").write().parquet(vectorsOnly.toString());
    CliRun refused = CliRun.of("predict", "--model", model.toString(), "--data", vectorsOnly.toString(), "--output",
        tmp.resolve("refused.parquet").toString());
    assertEquals(2, refused.code(), refused.out() + refused.err());
    assertTrue(refused.err().contains("the model was trained on the column \"arr\" (a vector or an array of 4 "
        + "numbers, its features x1..x4), which the data does not hold as a vector or an array: give the data that "
        + "column, or the features as columns x1..x4"), refused.err());
    // LIBSVM's vector holds the model's x1..xD whatever the column a model was trained on (it was refused: a review)
    StringBuilder libsvm = new StringBuilder();
    for (int i = 0; i < d.rows(); i++) {
      libsvm.append(d.y()[i]);
      for (int j = 0; j < 4; j++) {
        libsvm.append(' ').append(j + 1).append(':').append(d.x()[i][j]);
      }
      libsvm.append('\n');
    }
    Path text = java.nio.file.Files.writeString(tmp.resolve("beside.libsvm"), libsvm);
    Path fromText = tmp.resolve("beside-libsvm-scored.parquet");
    CliRun libsvmPredict = CliRun.of("predict", "--model", model.toString(), "--data", text.toString(), "--output",
        fromText.toString(), "--output-format", "parquet");
    assertEquals(0, libsvmPredict.code(), libsvmPredict.err());
    List<Row> textScored = SparkTestSession.get().read().parquet(fromText.toString()).collectAsList();
    assertEquals(d.rows(), textScored.size());
    for (int i = 0; i < d.rows(); i++) {
      double expected = fitted(c, d.x()[i]);
      assertEquals(expected, textScored.get(i).getDouble(1), 1e-12 * (1 + Math.abs(expected)), "LIBSVM row " + i);
    }
    // CSV read with --header false is told the header line it needs, as for models trained on columns
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      csv.append(d.x()[i][0]).append(',').append(d.x()[i][1]).append(',').append(d.x()[i][2]).append(',')
          .append(d.x()[i][3]).append(',').append(d.y()[i]).append('\n');
    }
    Path headerless = java.nio.file.Files.writeString(tmp.resolve("headerless.csv"), csv);
    CliRun csvRefused = CliRun.of("evaluate", "--model", model.toString(), "--data", headerless.toString(),
        "--header", "false", "--output", tmp.resolve("headerless.json").toString());
    assertEquals(2, csvRefused.code(), csvRefused.out() + csvRefused.err());
    assertTrue(csvRefused.err().contains("the data was read with --header false, so its columns are named c1..c5 by "
        + "position: start every file with the header line the model needs"), csvRefused.err());
  }

  /**
   * Files whose arrays differ only in whether their elements may be null (Spark's vector_to_array writes them never
   * null, pyarrow may-be-null) train together, to the least-squares solution of all their rows, and are scored
   * together, each prediction w.x + b of its row (computed here); they were refused ("array<double> here but
   * array<double>"). A null inside an array of a may-be-null file is still named, though the first file's elements are
   * never null.
   */
  @Test
  void filesWhoseArraysDifferOnlyInNullableElementsTrainAndScoreTogether() throws Exception {
    Dataset d = rows();
    Path data = java.nio.file.Files.createDirectories(tmp.resolve("mixed"));
    writePart(d, 0, 300, false, -1, data, "a-never-null-");
    writePart(d, 300, d.rows(), true, -1, data, "b-may-be-null-");
    Path model = tmp.resolve("mixed-model");
    CliRun train = CliRun.of("--data", data.toString(), "--output", model.toString(), "--epochs", "40", "--tol", "0",
        "--partitions", "1", "--no-plots");
    assertEquals(0, train.code(), train.err());
    JsonNode json = readModel(model);
    assertEquals(d.rows(), json.get("rows").asLong());
    double[] c = Generated.coefficientsAndIntercept(json);
    assertTrue(LeastSquares.relativeError(c, LeastSquares.solveWithIntercept(d.x(), d.y())) < 1e-6);
    Path scored = tmp.resolve("mixed-scored.parquet");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString());
    assertEquals(0, predict.code(), predict.err());
    List<Row> rows = SparkTestSession.get().read().parquet(scored.toString()).collectAsList();
    assertEquals(d.rows(), rows.size());
    for (Row r : rows) {
      int i = (int) Math.round(r.getDouble(r.fieldIndex("id")));
      double expected = fitted(c, d.x()[i]);
      assertEquals(expected, r.getDouble(r.fieldIndex("prediction")), 1e-12 * (1 + Math.abs(expected)), "row " + i);
    }
    writePart(d, 0, 2, true, 1, data, "c-may-be-null-");
    CliRun refused = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        tmp.resolve("refused.parquet").toString());
    assertEquals(2, refused.code(), refused.out() + refused.err());
    assertTrue(refused.err().contains("c-may-be-null-part-"), refused.err());
    assertTrue(refused.err().contains(": row 2 of the file: column \"features\" (the model's x3) is empty (null); "
        + "fill it in or delete the row"), refused.err());
  }

  /**
   * Writes rows {@code [from, to)} of {@code d} as one Parquet file in {@code dir} named {@code prefix...}: the label,
   * the features as an array of doubles whose elements may be null or not, and the row's index as {@code id}; element
   * 3 of row {@code nullAt} (-1: none) null.
   */
  private static void writePart(Dataset d, int from, int to, boolean containsNull, int nullAt, Path dir,
      String prefix) throws Exception {
    StructType schema = new StructType()
        .add("label", DataTypes.DoubleType, false)
        .add("features", DataTypes.createArrayType(DataTypes.DoubleType, containsNull), false)
        .add("id", DataTypes.DoubleType, false);
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Double[] x = new Double[4];
      for (int j = 0; j < 4; j++) {
        x[j] = i == nullAt && j == 2 ? null : d.x()[i][j];
      }
      rows.add(RowFactory.create(d.y()[i], x, (double) i));
    }
    Path written = dir.resolveSibling(prefix + "written");
    SparkTestSession.get().createDataFrame(rows, schema).coalesce(1).write().parquet(written.toString());
    try (var parts = java.nio.file.Files.list(written)) {
      for (Path part : parts.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
        java.nio.file.Files.move(part, dir.resolve(prefix + part.getFileName()));
      }
    }
  }

  /** w.x + b of the model {@code c} (four coefficients, then the intercept) at {@code x}, summed here. */
  private static double fitted(double[] c, double[] x) {
    double sum = c[4];
    for (int j = 0; j < 4; j++) {
      sum += c[j] * x[j];
    }
    return sum;
  }

  private static JsonNode readModel(Path dir) throws Exception {
    return new ObjectMapper().readTree(dir.resolve("model.json").toFile());
  }
}
