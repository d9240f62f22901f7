package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

  /** model.json's coefficients. */
  private static double[] coefficients(JsonNode json) {
    double[] w = new double[json.get("coefficients").size()];
    for (int j = 0; j < w.length; j++) {
      w[j] = json.get("coefficients").get(j).asDouble();
    }
    return w;
  }

  /**
   * The metadata records the settings of the run as Spark ML's params (set, not defaults): regParam,
   * elasticNetParam, standardization, fitIntercept, labelCol and loss; a Huber model its loss but neither epsilon
   * nor regParam, whose meanings differ from ours (Spark's defaults stay, not set). The coefficients, and so the
   * predictions, are still model.json's.
   */
  @Test
  void paramsRecordTheTrainingSettings(@TempDir Path tmp) throws Exception {
    sparkdgd.testing.Dataset d = sparkdgd.testing.Dataset.readCsv(Path.of("sample-data/correlated.csv"));
    Path squared = tmp.resolve("squared");
    TestRuns.ok("--data", "sample-data/correlated.csv", "--output", squared.toString(), "--epochs", "3",
        "--reg-param", "0.1", "--elastic-net", "0.25", "--standardize", "false", "--no-plots");
    LinearRegressionModel ml = LinearRegressionModel.load(squared.resolve("spark-model").toString());
    assertEquals(0.1, ml.getRegParam(), 0.0);
    assertEquals(0.25, ml.getElasticNetParam(), 0.0);
    assertEquals(false, ml.getStandardization());
    assertEquals(true, ml.getFitIntercept());
    assertTrue(ml.isSet(ml.fitIntercept()), "fitIntercept is recorded, not Spark's default");
    assertEquals("y", ml.getLabelCol(), "the label column trained on (correlated.csv's last column, y)");
    assertEquals("squaredError", ml.getLoss());
    assertTrue(ml.isSet(ml.loss()), "loss is recorded, not Spark's default");
    assertFalse(ml.isSet(ml.maxIter()), "maxIter: our epochs are not Spark's L-BFGS iterations");
    assertFalse(ml.isSet(ml.tol()), "tol: our stopping rule is not Spark's");
    assertFalse(ml.isSet(ml.featuresCol()), "featuresCol: trained on columns, not a vector column");
    JsonNode json = new ObjectMapper().readTree(squared.resolve("model.json").toFile());
    double[] w = coefficients(json);
    for (int i = 0; i < 5; i++) {
      double expected = json.get("intercept").asDouble();
      for (int j = 0; j < w.length; j++) {
        expected += w[j] * d.x()[i][j];
      }
      // 1e-12: as above, 9 products summed in another order
      assertEquals(expected, ml.predict(Vectors.dense(d.x()[i])), 1e-12, "row " + i);
    }

    Path huber = tmp.resolve("huber");
    TestRuns.ok("--data", "sample-data/correlated.csv", "--output", huber.toString(), "--epochs", "3", "--loss",
        "huber", "--huber-delta", "2", "--reg-param", "0.1", "--fit-intercept", "false", "--no-plots");
    LinearRegressionModel h = LinearRegressionModel.load(huber.resolve("spark-model").toString());
    assertEquals("huber", h.getLoss());
    assertEquals(true, h.getStandardization());
    assertTrue(h.isSet(h.standardization()), "standardization is recorded, not Spark's default");
    assertEquals(false, h.getFitIntercept());
    assertEquals("y", h.getLabelCol());
    assertFalse(h.isSet(h.epsilon()), "--huber-delta is in label units, Spark's epsilon in units of a fitted scale");
    assertFalse(h.isSet(h.regParam()), "Spark's Huber penalty is not ours");
    assertFalse(h.isSet(h.elasticNetParam()), "Spark's Huber penalty is not ours");
    JsonNode hj = new ObjectMapper().readTree(huber.resolve("model.json").toFile());
    double[] hw = coefficients(hj);
    assertEquals(0.0, h.intercept(), 0.0);
    for (int j = 0; j < hw.length; j++) {
      assertEquals(hw[j], h.coefficients().apply(j), 0.0, "coefficient " + j + " is copied exactly");
    }

    // logistic, label column "clicked" (neither y nor label), penalty mixed, no standardization
    StringBuilder csv = new StringBuilder("a,b,clicked\n");
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < 300; i++) {
      double a = rnd.nextGaussian();
      double b = rnd.nextGaussian();
      csv.append(a).append(',').append(b).append(',').append(rnd.nextDouble() < 1 / (1 + Math.exp(-(a - b))) ? 1 : 0)
          .append('\n');
    }
    Path binary = Files.writeString(tmp.resolve("binary.csv"), csv);
    Path logistic = tmp.resolve("logistic");
    TestRuns.ok("--data", binary.toString(), "--label-col", "clicked", "--loss", "logistic", "--output",
        logistic.toString(), "--epochs", "5", "--reg-param", "0.05", "--elastic-net", "0.5", "--standardize",
        "false", "--no-plots");
    org.apache.spark.ml.classification.LogisticRegressionModel lr =
        org.apache.spark.ml.classification.LogisticRegressionModel.load(logistic.resolve("spark-model").toString());
    assertEquals(0.05, lr.getRegParam(), 0.0);
    assertEquals(0.5, lr.getElasticNetParam(), 0.0);
    assertEquals(false, lr.getStandardization());
    assertEquals(true, lr.getFitIntercept());
    assertEquals("clicked", lr.getLabelCol());
    JsonNode lj = new ObjectMapper().readTree(logistic.resolve("model.json").toFile());
    double[] lw = coefficients(lj);
    double lb = lj.get("intercept").asDouble();
    for (double[] x : new double[][] {{0.3, -1.2}, {-2, 0.5}, {1, 1}}) {
      double p = 1 / (1 + Math.exp(-(lw[0] * x[0] + lw[1] * x[1] + lb)));
      // 1e-15: a probability below 1 from the same two products in another order
      assertEquals(p, lr.predictProbability(Vectors.dense(x)).apply(1), 1e-15);
    }
  }
}
