package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkdgd.config.LossKind;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.output.LinearModel;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

/**
 * The same regParam / elasticNetParam give the same model as Spark ML's own estimators on the same
 * file, both solved tightly (Spark: l-bfgs or OWL-QN to tol 1e-12; ours to a proximal-gradient norm of
 * 1e-11). Two of the five features are irrelevant, so L1 zeroes some coefficients exactly.
 */
@Tag("spark")
class RegularizationVsSparkMlTest {
  private static final double[] W = {1.5, -2, 0, 0.5, 0};

  private static org.apache.spark.sql.Dataset<Row> vectors(SparkSession spark, Path csv, int dims) {
    String[] names = new String[dims];
    for (int j = 0; j < dims; j++) {
      names[j] = "x" + (j + 1);
    }
    org.apache.spark.sql.Dataset<Row> df = spark.read().option("header", true).option("inferSchema", true)
        .csv(csv.toString());
    return new VectorAssembler().setInputCols(names).setOutputCol("features").transform(df);
  }

  private static double[] withIntercept(double[] w, double b) {
    double[] c = Arrays.copyOf(w, w.length + 1);
    c[w.length] = b;
    return c;
  }

  private static double[] ours(Path csv, LossKind loss, double reg, double alpha, boolean standardize) {
    return ours(csv, loss, reg, alpha, standardize, 20000);
  }

  private static double[] ours(Path csv, LossKind loss, double reg, double alpha, boolean standardize,
      int maxEpochs) {
    return ours(Configs.data(csv), loss, reg, alpha, standardize, maxEpochs);
  }

  private static double[] ours(Configs data, LossKind loss, double reg, double alpha, boolean standardize,
      int maxEpochs) {
    OptimizerKind kind = alpha > 0 ? OptimizerKind.NESTEROV : OptimizerKind.LBFGS;
    OptimizerSettings o = new OptimizerSettings(kind, 1, 1, ScheduleKind.CONSTANT, 100, 1, 1e-11, 0, 0);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), data.epochs(maxEpochs).tol(0)
        .partitions(3).standardize(standardize).objective(loss, reg, alpha).optimization(o).build(),
        ProgressListener.NONE);
    assertEquals(StopReason.GRADIENT_CONVERGED, s.stopReason(), "ours converged");
    LinearModel m = s.model();
    return withIntercept(m.coefficients(), m.intercept());
  }

  /** Each entry within {@code rel} of Spark's, relative to itself; Spark's exact zeros are ours too. */
  private static void assertSameModel(double[] spark, double[] ours, double rel) {
    for (int j = 0; j < spark.length; j++) {
      assertEquals(spark[j], ours[j], rel * Math.abs(spark[j]), "coefficient " + j + ": Spark "
          + Arrays.toString(spark) + ", ours " + Arrays.toString(ours));
    }
  }

  @ParameterizedTest(name = "regParam {0}, elasticNet {1}, standardization {2}")
  @CsvSource({"0.1, 0.0, true", "0.05, 1.0, true", "0.1, 0.5, true", "0.1, 0.5, false"})
  void linearRegressionMatchesSparkMl(double reg, double alpha, boolean standardize, @TempDir Path tmp)
      throws Exception {
    Dataset d = Dataset.correlated(2000, W, 4, 0.5, 1.0, 31);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    LinearRegressionModel spark = new LinearRegression().setLabelCol("y").setRegParam(reg)
        .setElasticNetParam(alpha).setStandardization(standardize).setSolver("l-bfgs").setMaxIter(2000)
        .setTol(1e-12).fit(vectors(SparkTestSession.get(), csv, W.length));
    double[] expected = withIntercept(spark.coefficients().toArray(), spark.intercept());
    double[] actual = ours(csv, LossKind.SQUARED, reg, alpha, standardize);
    assertSameModel(expected, actual, 1e-5);
    if (alpha == 1.0) {
      long zeros = Arrays.stream(expected).filter(v -> v == 0).count();
      assertTrue(zeros > 0, "the lasso case should zero a coefficient: " + Arrays.toString(expected));
      for (int j = 0; j < expected.length; j++) {
        if (expected[j] == 0) {
          assertEquals(0.0, actual[j], 0.0, "the soft threshold gives exact zeros, coefficient " + j);
        }
      }
    }
  }

  /**
   * A constant column (0.1 in every row, which no sum of rows centres to exactly 0) gets exactly 0, as in Spark ML,
   * where it had come out near 1e-16 from the rounding of {@code sum r x_j - mean_j sum r}; the rest as Spark's.
   */
  @ParameterizedTest(name = "regParam {0}, elasticNet {1}, standardization {2}")
  @CsvSource({"0.0, 0.0, true", "0.1, 0.0, false", "0.1, 0.5, true"})
  void aConstantFeatureGetsExactlyZeroAsInSparkMl(double reg, double alpha, boolean standardize, @TempDir Path tmp)
      throws Exception {
    Dataset d = Dataset.correlated(2000, W, 4, 0.5, 1.0, 31);
    double[][] x = new double[d.rows()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = Arrays.copyOf(d.x()[i], W.length + 1);
      x[i][W.length] = 0.1;
    }
    List<String> names = new ArrayList<>(d.featureNames());
    names.add("x" + (W.length + 1));
    Path csv = new Dataset(x, d.y(), names).writeCsv(tmp.resolve("c.csv"));
    LinearRegressionModel spark = new LinearRegression().setLabelCol("y").setRegParam(reg)
        .setElasticNetParam(alpha).setStandardization(standardize).setSolver("l-bfgs").setMaxIter(2000)
        .setTol(1e-12).fit(vectors(SparkTestSession.get(), csv, W.length + 1));
    double[] expected = withIntercept(spark.coefficients().toArray(), spark.intercept());
    assertEquals(0.0, expected[W.length], 0.0, "Spark's");
    double[] actual = ours(csv, LossKind.SQUARED, reg, alpha, standardize);
    assertEquals(0.0, actual[W.length], 0.0, "ours: " + Arrays.toString(actual));
    assertSameModel(expected, actual, 1e-5);
  }

  /**
   * {@code --fit-intercept false} against Spark ML's {@code fitIntercept=false}: the features are scaled but not
   * centred, and the penalty keeps Spark's meaning (its standard deviations are still about the means).
   */
  @ParameterizedTest(name = "regParam {0}, elasticNet {1}, standardization {2}")
  @CsvSource({"0.1, 0.0, true", "0.1, 0.5, true", "0.1, 0.5, false"})
  void linearRegressionWithoutInterceptMatchesSparkMl(double reg, double alpha, boolean standardize,
      @TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(2000, W, 4, 0.5, 1.0, 31);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    LinearRegressionModel spark = new LinearRegression().setLabelCol("y").setFitIntercept(false).setRegParam(reg)
        .setElasticNetParam(alpha).setStandardization(standardize).setSolver("l-bfgs").setMaxIter(2000)
        .setTol(1e-12).fit(vectors(SparkTestSession.get(), csv, W.length));
    assertEquals(0.0, spark.intercept(), 0.0);
    double[] expected = withIntercept(spark.coefficients().toArray(), 0.0);
    assertSameModel(expected, ours(Configs.data(csv).withoutIntercept(), LossKind.SQUARED, reg, alpha, standardize,
        20000), 1e-5);
  }

  @ParameterizedTest(name = "regParam {0}, elasticNet {1}")
  @CsvSource({"0.0, 0.0", "0.02, 0.5"})
  void logisticRegressionWithoutInterceptMatchesSparkMl(double reg, double alpha, @TempDir Path tmp)
      throws Exception {
    double[] w = {0.8, -0.5, 0.3};
    Dataset margins = Dataset.correlated(3000, w, -1.5, 0.3, 0.0, 7);
    Random rnd = new Random(11);
    double[] labels = new double[margins.rows()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-margins.y()[i])) ? 1 : 0;
    }
    Path csv = new Dataset(margins.x(), labels, margins.featureNames()).writeCsv(tmp.resolve("c.csv"));
    LogisticRegressionModel spark = new LogisticRegression().setLabelCol("y").setFamily("binomial")
        .setFitIntercept(false).setRegParam(reg).setElasticNetParam(alpha).setStandardization(true)
        .setMaxIter(2000).setTol(1e-12).fit(vectors(SparkTestSession.get(), csv, w.length));
    double[] expected = withIntercept(spark.coefficients().toArray(), 0.0);
    assertSameModel(expected, ours(Configs.data(csv).withoutIntercept(), LossKind.LOGISTIC, reg, alpha, true,
        20000), 1e-5);
  }

  /**
   * {@code --standardize false} with a feature of small spread (the first, times 0.01): the optimizer's scales
   * take the penalty in ({@code TrainingJob.hessianScales}), so Nesterov's method meets its gradient test within
   * 300 epochs, at Spark's answer. Dividing by the standard deviations alone let the penalty on that feature set
   * the step for all of them.
   */
  @Test
  void aSmallSpreadFeatureWithoutStandardizationMatchesSparkMlQuickly(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(2000, W, 4, 0.5, 1.0, 31);
    double[][] x = new double[d.rows()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = d.x()[i].clone();
      x[i][0] *= 0.01;
    }
    Path csv = new Dataset(x, d.y(), d.featureNames()).writeCsv(tmp.resolve("d.csv"));
    LinearRegressionModel spark = new LinearRegression().setLabelCol("y").setRegParam(0.1).setElasticNetParam(0.5)
        .setStandardization(false).setSolver("l-bfgs").setMaxIter(2000).setTol(1e-12)
        .fit(vectors(SparkTestSession.get(), csv, W.length));
    double[] expected = withIntercept(spark.coefficients().toArray(), spark.intercept());
    assertSameModel(expected, ours(csv, LossKind.SQUARED, 0.1, 0.5, false, 300), 1e-5);
  }

  @ParameterizedTest(name = "regParam {0}, elasticNet {1}")
  @CsvSource({"0.01, 0.0", "0.02, 0.5"})
  void logisticRegressionMatchesSparkMl(double reg, double alpha, @TempDir Path tmp) throws Exception {
    double[] w = {0.8, -0.5, 0.3};
    Dataset margins = Dataset.correlated(3000, w, -1.5, 0.3, 0.0, 7);
    Random rnd = new Random(11);
    double[] labels = new double[margins.rows()];
    for (int i = 0; i < labels.length; i++) {
      double p = 1 / (1 + Math.exp(-margins.y()[i]));
      labels[i] = rnd.nextDouble() < p ? 1 : 0;
    }
    Path csv = new Dataset(margins.x(), labels, margins.featureNames()).writeCsv(tmp.resolve("c.csv"));
    LogisticRegressionModel spark = new LogisticRegression().setLabelCol("y").setFamily("binomial")
        .setRegParam(reg).setElasticNetParam(alpha).setStandardization(true).setMaxIter(2000).setTol(1e-12)
        .fit(vectors(SparkTestSession.get(), csv, w.length));
    double[] expected = withIntercept(spark.coefficients().toArray(), spark.intercept());
    double[] actual = ours(csv, LossKind.LOGISTIC, reg, alpha, true);
    assertSameModel(expected, actual, 1e-4);
  }
}
