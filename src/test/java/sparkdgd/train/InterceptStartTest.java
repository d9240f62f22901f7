package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.LossKind;
import sparkdgd.loss.FeatureScaling;
import sparkdgd.output.LinearModel;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

/**
 * A strong L2 penalty sets the automatic step by the coefficients' curvature, far above the intercept's: a
 * default run (gradient descent, 100 epochs) must still end with the intercept at its optimum, checked against
 * the labels' and features' means and against Spark ML's fit of the same penalty (from zero, the intercept had
 * crawled to 0.54 of a 1.0 optimum, R^2 -3362, in a user's review).
 */
@Tag("spark")
class InterceptStartTest {
  private static final String[] NAMES = {"x1", "x2", "x3"};

  @Test
  void aDefaultRunWithAStrongPenaltyEndsWithTheInterceptAtItsOptimum(@TempDir Path tmp) throws Exception {
    Random rnd = new Random(5);
    int n = 3000;
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = 2 + rnd.nextGaussian();
      }
      y[i] = 1 + 0.01 * (0.5 * x[i][0] - 0.3 * x[i][1] + 0.2 * x[i][2]) + 0.005 * rnd.nextGaussian();
    }
    Path csv = new Dataset(x, y, List.of(NAMES)).writeCsv(tmp.resolve("d.csv"));
    LinearModel ours = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).partitions(3)
        .objective(LossKind.SQUARED, 1.0, 0.0).build(), ProgressListener.NONE).model();
    // the squared loss's intercept optimum for any coefficients w: mean(y) - w . mean(x)
    double optimum = mean(y);
    for (int j = 0; j < 3; j++) {
      final int col = j;
      optimum -= ours.coefficients()[j] * java.util.Arrays.stream(x).mapToDouble(r -> r[col]).average().orElseThrow();
    }
    assertEquals(optimum, ours.intercept(), 1e-9, "the intercept against mean(y) - w . mean(x)");
    LinearRegressionModel spark = new LinearRegression().setLabelCol("y").setRegParam(1.0).setSolver("l-bfgs")
        .setMaxIter(2000).setTol(1e-12).fit(vectors(SparkTestSession.get(), csv));
    assertEquals(spark.intercept(), ours.intercept(), 1e-6 * Math.abs(spark.intercept()), "Spark ML's intercept");
  }

  @Test
  void aDefaultLogisticRunWithAStrongPenaltyEndsNearSparkMlsIntercept(@TempDir Path tmp) throws Exception {
    Random rnd = new Random(9);
    int n = 2000;
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double margin = -1.6;
      for (int j = 0; j < 3; j++) {
        x[i][j] = rnd.nextGaussian();
        margin += (j + 1) * 0.4 * x[i][j];
      }
      y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
    }
    Path csv = new Dataset(x, y, List.of(NAMES)).writeCsv(tmp.resolve("c.csv"));
    LinearModel ours = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).partitions(3)
        .objective(LossKind.LOGISTIC, 10.0, 0.0).build(), ProgressListener.NONE).model();
    LogisticRegressionModel spark = new LogisticRegression().setLabelCol("y").setFamily("binomial")
        .setRegParam(10.0).setMaxIter(2000).setTol(1e-12).fit(vectors(SparkTestSession.get(), csv));
    assertEquals(spark.intercept(), ours.intercept(), 1e-3 * Math.abs(spark.intercept()), "Spark ML's intercept "
        + spark.intercept() + " (the log-odds of class 1: " + Math.log(mean(y) / (1 - mean(y))) + ")");
  }

  @Test
  void theStartIsTheLabelsMeanOrTheLogOddsWhereFeaturesAreCentredAndNoneForHuber() {
    FeatureScaling centred = FeatureScaling.standardize(new double[] {1}, new double[] {2});
    assertEquals(3.5, InterceptStart.of(LossKind.SQUARED, 3.5, centred, true).orElseThrow().intercept());
    assertEquals(Math.log(0.25 / 0.75), InterceptStart.of(LossKind.LOGISTIC, 0.25, centred, true).orElseThrow()
        .intercept(), 1e-15);
    assertTrue(InterceptStart.of(LossKind.LOGISTIC, 1.0, centred, true).isEmpty(), "one class: no finite log-odds");
    assertTrue(InterceptStart.of(LossKind.HUBER, 3.5, centred, true).isEmpty());
    assertTrue(InterceptStart.of(LossKind.SQUARED, 3.5, centred, false).isEmpty(), "raw coordinates: from zero");
    assertTrue(InterceptStart.of(LossKind.SQUARED, 3.5, centred.withoutIntercept(), true).isEmpty());
    double[] theta = centred.toInternal(InterceptStart.of(LossKind.SQUARED, 3.5, centred, true).orElseThrow().raw(1));
    assertEquals(3.5, centred.toRaw(theta)[1], 0.0, "the raw intercept, with coefficient 0");
    assertEquals(0.0, centred.toRaw(theta)[0], 0.0);
  }

  private static double mean(double[] v) {
    return java.util.Arrays.stream(v).average().orElseThrow();
  }

  private static org.apache.spark.sql.Dataset<Row> vectors(SparkSession spark, Path csv) {
    org.apache.spark.sql.Dataset<Row> df = spark.read().option("header", true).option("inferSchema", true)
        .csv(csv.toString());
    return new VectorAssembler().setInputCols(NAMES).setOutputCol("features").transform(df);
  }
}
