package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegressionModel;
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
import sparkdgd.cli.TestRuns;
import sparkdgd.testing.SparkTestSession;

/** {@code spark-model/} is loaded by Spark ML itself and predicts what model.json's coefficients predict. */
@Tag("spark")
class SparkMlModelTest {

  @Test
  void sparkMlLoadsTheModelAndItsPredictionsEqualAPlainLoop(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    // 3 epochs from zero with a fixed small step: coefficients far from the optimum, all different
    TestRuns.ok("--data", "sample-data/correlated.csv", "--output", out.toString(), "--epochs", "3",
        "--tol", "0", "--learning-rate", "0.1");
    assertTrue(Files.isDirectory(out.resolve("spark-model/metadata")), "spark-model/metadata");

    JsonNode json = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    double[] w = new double[json.get("coefficients").size()];
    for (int j = 0; j < w.length; j++) {
      w[j] = json.get("coefficients").get(j).asDouble();
    }
    double b = json.get("intercept").asDouble();

    LinearRegressionModel ml = LinearRegressionModel.load(out.resolve("spark-model").toString());
    assertEquals(8, ml.numFeatures());
    for (int j = 0; j < w.length; j++) {
      assertEquals(w[j], ml.coefficients().apply(j), 0.0, "coefficient " + j + " is copied exactly");
    }
    assertEquals(b, ml.intercept(), 0.0, "intercept is copied exactly");

    sparkdgd.testing.Dataset d = sparkdgd.testing.Dataset.readCsv(Path.of("sample-data/correlated.csv"));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      rows.add(RowFactory.create(i, Vectors.dense(d.x()[i])));
    }
    StructType schema = new StructType(new StructField[] {
        new StructField("id", DataTypes.IntegerType, false, Metadata.empty()),
        new StructField("features", new VectorUDT(), false, Metadata.empty())});
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> scored = ml.transform(spark.createDataFrame(rows, schema)).orderBy("id");
    List<Row> result = scored.select("id", "prediction").collectAsList();
    assertEquals(d.rows(), result.size());
    double maxAbs = 0;
    for (Row r : result) {
      int i = r.getInt(0);
      double expected = b;
      for (int j = 0; j < w.length; j++) {
        expected += w[j] * d.x()[i][j];
      }
      maxAbs = Math.max(maxAbs, Math.abs(expected));
      // 1e-12: the same 9 products summed in another order differ by a few ulps of ~300 (ulp 5.7e-14)
      assertEquals(expected, r.getDouble(1), 1e-12, "row " + i);
    }
    assertTrue(maxAbs > 10, "predictions are not trivially small: " + maxAbs);
    Vector first = Vectors.dense(d.x()[0]);
    assertEquals(ml.predict(first), scored.first().getDouble(scored.schema().fieldIndex("prediction")), 0.0);

    // our predict command on the same data gives Spark ML's predictions for every row
    Path predicted = tmp.resolve("predicted");
    TestRuns.ok("predict", "--model", out.toString(), "--data", "sample-data/correlated.csv", "--output",
        predicted.toString(), "--output-format", "parquet");
    Dataset<Row> ours = spark.read().parquet(predicted.toString());
    String[] names = new String[w.length];
    for (int j = 0; j < w.length; j++) {
      names[j] = json.get("featureNames").get(j).asText();
    }
    Dataset<Row> both = ml.setPredictionCol("ml").transform(
        new VectorAssembler().setInputCols(names).setOutputCol("features").transform(ours));
    List<Row> pairs = both.select("prediction", "ml").collectAsList();
    assertEquals(d.rows(), pairs.size());
    for (Row r : pairs) {
      assertEquals(r.getDouble(1), r.getDouble(0), 1e-12);
    }
  }
}
