package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Row;
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
 * Rows weighed by a column ({@code --weight-col}) give the model of three independent answers: the same rows written
 * out as many times as their (whole) weights, the weighted least-squares solution of the normal equations solved
 * here, and Spark ML's estimators with {@code weightCol} (whose penalty takes weighted, unbiased deviations).
 */
@Tag("spark")
class WeightedRowsTest {
  private static final double[] W = {1.5, -2, 0.5};

  /** The rows of {@code d} with a weight column {@code w} between the features and the label. */
  static Path weightedCsv(Dataset d, double[] weights, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", d.featureNames()) + ",w,y\n");
      for (int i = 0; i < d.rows(); i++) {
        out.write(features(d, i).append(weights[i]).append(',').append(d.y()[i]).append('\n').toString());
      }
    }
    return file;
  }

  /** Row {@code i}'s features, each followed by a comma. */
  private static StringBuilder features(Dataset d, int i) {
    StringBuilder line = new StringBuilder();
    for (double v : d.x()[i]) {
      line.append(v).append(',');
    }
    return line;
  }

  /** Each row of {@code d} written {@code weights[i]} times (none for 0), without a weight column. */
  static Path repeatedCsv(Dataset d, double[] weights, Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", d.featureNames()) + ",y\n");
      for (int i = 0; i < d.rows(); i++) {
        String text = features(d, i).append(d.y()[i]).append('\n').toString();
        for (int k = 0; k < (int) weights[i]; k++) {
          out.write(text);
        }
      }
    }
    return file;
  }

  /** Labels whose noise grows with the first feature, so that weights move the least-squares answer. */
  private static Dataset uneven(int rows, long seed) {
    Dataset d = Dataset.correlated(rows, W, 0.7, 0.4, 0.0, seed);
    Random rnd = new Random(seed + 1);
    double[] y = d.y().clone();
    for (int i = 0; i < y.length; i++) {
      y[i] += (d.x()[i][0] > 0 ? 3 : 0.5) * rnd.nextGaussian();
    }
    return new Dataset(d.x(), y, d.featureNames());
  }

  private static double[] wholeWeights(int rows, long seed) {
    Random rnd = new Random(seed);
    double[] w = new double[rows];
    for (int i = 0; i < rows; i++) {
      w[i] = rnd.nextInt(4); // 0 to 3: some rows weigh nothing
    }
    return w;
  }

  private static TrainingSummary train(Configs data, LossKind loss, double reg) {
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.LBFGS, 1, 1, ScheduleKind.CONSTANT, 100, 1, 1e-11, 0,
        0);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), data.epochs(2000).tol(0).partitions(3)
        .objective(loss, reg, 0).optimization(o).build(), ProgressListener.NONE);
    assertEquals(StopReason.GRADIENT_CONVERGED, s.stopReason(), "converged");
    return s;
  }

  private static double[] withIntercept(LinearModel m) {
    double[] c = Arrays.copyOf(m.coefficients(), m.coefficients().length + 1);
    c[c.length - 1] = m.intercept();
    return c;
  }

  private static void assertClose(double[] expected, double[] actual, double rel, String what) {
    for (int j = 0; j < expected.length; j++) {
      assertEquals(expected[j], actual[j], rel * Math.max(1, Math.abs(expected[j])), what + " " + j + ": expected "
          + Arrays.toString(expected) + ", got " + Arrays.toString(actual));
    }
  }

  @ParameterizedTest(name = "{0} loss")
  @CsvSource({"SQUARED", "HUBER", "LOGISTIC"})
  void wholeWeightsTrainAsRowsRepeatedThatManyTimes(LossKind loss, @TempDir Path tmp) throws IOException {
    Dataset d = uneven(1500, 3);
    if (loss == LossKind.LOGISTIC) { // classes drawn with a probability rising with the label: they overlap
      double mean = Arrays.stream(d.y()).average().orElseThrow();
      Random rnd = new Random(7);
      double[] y = new double[d.rows()];
      for (int i = 0; i < y.length; i++) {
        y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-(d.y()[i] - mean) / 3)) ? 1 : 0;
      }
      d = new Dataset(d.x(), y, d.featureNames());
    }
    double[] weights = wholeWeights(d.rows(), 5);
    Configs weighted = Configs.data(weightedCsv(d, weights, tmp.resolve("w.csv"))).weights("w");
    Configs repeated = Configs.data(repeatedCsv(d, weights, tmp.resolve("r.csv")));
    if (loss == LossKind.HUBER) {
      weighted.huber(1.5);
      repeated.huber(1.5);
    }
    TrainingSummary byWeight = train(weighted, loss, 0);
    TrainingSummary byRepeat = train(repeated, loss, 0);
    assertClose(withIntercept(byRepeat.model()), withIntercept(byWeight.model()), 1e-7, "coefficient");
    Map<String, Double> a = byRepeat.finalRecord().train().values();
    Map<String, Double> b = byWeight.finalRecord().train().values();
    for (String metric : a.keySet()) {
      if (!metric.equals("auc")) { // the per-epoch AUC's bins count rows; its weighted form is the exact AUC's
        assertEquals(a.get(metric), b.get(metric), 1e-9 * Math.max(1, Math.abs(a.get(metric))), metric);
      }
    }
    // the weights moved the answer: it is not the unweighted one
    double[] plain = withIntercept(train(Configs.data(tmp.resolve("w.csv")).features("x1", "x2", "x3"), loss, 0)
        .model());
    double apart = 0;
    for (int j = 0; j < plain.length; j++) {
      apart = Math.max(apart, Math.abs(plain[j] - withIntercept(byWeight.model())[j]));
    }
    assertTrue(apart > 1e-3, "weights should change the model, apart " + apart);
  }

  /** Weighted least squares by the normal equations {@code (A^T D A) beta = A^T D y}, A with a column of ones. */
  static double[] weightedLeastSquares(double[][] x, double[] y, double[] w) {
    int p = x[0].length + 1;
    double[][] m = new double[p][p + 1];
    double[] a = new double[p];
    for (int i = 0; i < y.length; i++) {
      System.arraycopy(x[i], 0, a, 0, p - 1);
      a[p - 1] = 1;
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < p; k++) {
          m[j][k] += w[i] * a[j] * a[k];
        }
        m[j][p] += w[i] * a[j] * y[i];
      }
    }
    for (int c = 0; c < p; c++) { // Gaussian elimination with partial pivoting
      int pivot = c;
      for (int r = c + 1; r < p; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] t = m[c];
      m[c] = m[pivot];
      m[pivot] = t;
      for (int r = c + 1; r < p; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= p; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    double[] beta = new double[p];
    for (int r = p - 1; r >= 0; r--) {
      double s = m[r][p];
      for (int k = r + 1; k < p; k++) {
        s -= m[r][k] * beta[k];
      }
      beta[r] = s / m[r][r];
    }
    return beta;
  }

  @Test
  void fractionalWeightsGiveTheWeightedLeastSquaresSolution(@TempDir Path tmp) throws IOException {
    Dataset d = uneven(2000, 11);
    Random rnd = new Random(13);
    double[] weights = new double[d.rows()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = d.x()[i][0] > 0 ? 0.1 + 0.2 * rnd.nextDouble() : 1 + 2.5 * rnd.nextDouble(); // inverse variance
    }
    Path csv = weightedCsv(d, weights, tmp.resolve("w.csv"));
    double[] expected = weightedLeastSquares(d.x(), d.y(), weights);
    for (boolean standardize : new boolean[] {true, false}) {
      TrainingSummary s = train(Configs.data(csv).weights("w").standardize(standardize), LossKind.SQUARED, 0);
      assertClose(expected, withIntercept(s.model()), 1e-8, "standardize " + standardize + ", coefficient");
      double mse = 0;
      double total = 0;
      for (int i = 0; i < d.rows(); i++) {
        double r = d.y()[i] - expected[3];
        for (int j = 0; j < 3; j++) {
          r -= expected[j] * d.x()[i][j];
        }
        mse += weights[i] * r * r;
        total += weights[i];
      }
      assertEquals(mse / total, s.finalRecord().mse(), 1e-10 * mse / total, "the weighted MSE");
    }
  }

  private static org.apache.spark.sql.Dataset<Row> vectors(Path csv) {
    org.apache.spark.sql.Dataset<Row> df = SparkTestSession.get().read().option("header", true)
        .option("inferSchema", true).csv(csv.toString());
    return new VectorAssembler().setInputCols(new String[] {"x1", "x2", "x3"}).setOutputCol("features")
        .transform(df);
  }

  private static double[] fractionalWeights(int rows, long seed) {
    Random rnd = new Random(seed);
    double[] w = new double[rows];
    for (int i = 0; i < rows; i++) {
      w[i] = rnd.nextDouble() < 0.1 ? 0 : 0.2 + 4 * rnd.nextDouble();
    }
    return w;
  }

  @ParameterizedTest(name = "regParam {0}, standardization {1}")
  @CsvSource({"0.1, true", "0.1, false", "0.0, true"})
  void ridgeWithWeightsMatchesSparkMlWithWeightCol(double reg, boolean standardize, @TempDir Path tmp)
      throws IOException {
    Dataset d = uneven(2000, 17);
    Path csv = weightedCsv(d, fractionalWeights(d.rows(), 19), tmp.resolve("w.csv"));
    LinearRegressionModel spark = new LinearRegression().setLabelCol("y").setWeightCol("w").setRegParam(reg)
        .setElasticNetParam(0).setStandardization(standardize).setSolver("l-bfgs").setMaxIter(2000).setTol(1e-12)
        .fit(vectors(csv));
    double[] expected = Arrays.copyOf(spark.coefficients().toArray(), 4);
    expected[3] = spark.intercept();
    TrainingSummary ours = train(Configs.data(csv).weights("w").standardize(standardize), LossKind.SQUARED, reg);
    assertClose(expected, withIntercept(ours.model()), 1e-5, "coefficient");
  }

  @Test
  void logisticWithWeightsMatchesSparkMlWithWeightCol(@TempDir Path tmp) throws IOException {
    Dataset margins = Dataset.correlated(3000, new double[] {0.8, -0.5, 0.3}, -1.5, 0.3, 0.0, 7);
    Random rnd = new Random(23);
    double[] labels = new double[margins.rows()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-margins.y()[i])) ? 1 : 0;
    }
    Dataset d = new Dataset(margins.x(), labels, margins.featureNames());
    Path csv = weightedCsv(d, fractionalWeights(d.rows(), 29), tmp.resolve("w.csv"));
    LogisticRegressionModel spark = new LogisticRegression().setLabelCol("y").setWeightCol("w").setFamily("binomial")
        .setRegParam(0.01).setElasticNetParam(0).setStandardization(true).setMaxIter(2000).setTol(1e-12)
        .fit(vectors(csv));
    double[] expected = Arrays.copyOf(spark.coefficients().toArray(), 4);
    expected[3] = spark.intercept();
    TrainingSummary ours = train(Configs.data(csv).weights("w"), LossKind.LOGISTIC, 0.01);
    assertClose(expected, withIntercept(ours.model()), 1e-5, "coefficient");
  }
}
