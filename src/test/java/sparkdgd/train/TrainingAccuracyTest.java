package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.output.LinearModel;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

/** Trained coefficients against answers reached another way. */
@Tag("spark")
class TrainingAccuracyTest {

  private static double[] coefficientsAndIntercept(LinearModel m) {
    double[] c = java.util.Arrays.copyOf(m.coefficients(), m.coefficients().length + 1);
    c[c.length - 1] = m.intercept();
    return c;
  }

  @Test
  void convergesToTheClosedFormLeastSquaresSolutionOnCorrelatedFeatures() throws Exception {
    // the bundled multi-feature sample: 8 features, neighbour correlation 0.8, means from -20 to 100
    Path csv = Path.of("sample-data", "correlated.csv");
    Dataset d = Dataset.readCsv(csv);
    double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(),
        Configs.data(csv).epochs(800).tol(0).partitions(4).build(), ProgressListener.NONE);
    double error = LeastSquares.relativeError(coefficientsAndIntercept(s.model()), exact);
    assertTrue(error < 1e-6, "relative error " + error + " after " + s.epochs() + " epochs");
    assertEquals(d.rows(), s.rows());
  }

  /**
   * {@code --standardize false} with the automatic step: the optimizer still works on scaled features, so
   * Nesterov's method stops on its gradient test within 800 epochs at the closed-form answer. On the raw
   * features, whose scales differ by 100x, it took more than 20,000 epochs.
   */
  @Test
  void withoutStandardizationTheAutomaticStepStillReachesTheClosedFormSolution() throws Exception {
    Path csv = Path.of("sample-data", "correlated.csv");
    Dataset d = Dataset.readCsv(csv);
    double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    OptimizerSettings nesterov = new OptimizerSettings(OptimizerKind.NESTEROV, 1.0, 1, ScheduleKind.CONSTANT, 100,
        42L, 1e-10, 0.0, 0);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).standardize(false).epochs(800)
        .tol(0).partitions(4).optimization(nesterov).build(), ProgressListener.NONE);
    assertEquals(StopReason.GRADIENT_CONVERGED, s.stopReason(), "stopped after " + s.epochs() + " epochs");
    double error = LeastSquares.relativeError(coefficientsAndIntercept(s.model()), exact);
    assertTrue(error < 1e-9, "relative error " + error + " after " + s.epochs() + " epochs");
  }

  /**
   * L-BFGS at the default --tol on features correlated 0.9999 (condition number about 1e5): an iteration whose
   * line search backtracked lowered the objective by less than --tol of itself and stopped the run with the
   * coefficients far off the closed-form answer, although the quasi-Newton model still expected thousands of times
   * that decrease. The --tol test now waits for the model's expected decrease to be within the tolerance too.
   */
  @Test
  void lbfgsAtTheDefaultTolDoesNotStopOnAShortStepOfIllConditionedData(@TempDir Path tmp) throws Exception {
    // ten features sharing one factor, each pair correlated 0.9999: x_j = sqrt(0.9999) z + 0.01 e_j
    java.util.Random random = new java.util.Random(123);
    int rows = 50000;
    double[][] x = new double[rows][10];
    double[] y = new double[rows];
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int j = 0; j < 10; j++) {
      names.add("x" + (j + 1));
    }
    for (int i = 0; i < rows; i++) {
      double z = random.nextGaussian();
      y[i] = 1 + 0.1 * random.nextGaussian();
      for (int j = 0; j < 10; j++) {
        x[i][j] = Math.sqrt(0.9999) * z + 0.01 * random.nextGaussian();
        y[i] += (0.3 - 2 + 4 * j / 9.0) * x[i][j];
      }
    }
    Dataset d = new Dataset(x, y, names);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    OptimizerSettings lbfgs = new OptimizerSettings(OptimizerKind.LBFGS, 1.0, 1, ScheduleKind.CONSTANT, 100, 42L,
        0.0, 0.0, 0);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(500).tol(1e-9)
        .partitions(2).optimization(lbfgs).build(), ProgressListener.NONE);
    assertEquals(StopReason.LOSS_CONVERGED, s.stopReason(), "stopped after " + s.epochs() + " epochs");
    double error = LeastSquares.relativeError(coefficientsAndIntercept(s.model()), exact);
    assertTrue(error < 1e-3, "relative error " + error + " after " + s.epochs() + " epochs");
  }

  @Test
  void sameCoefficientsWithOneThreeAndEightPartitions(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(3000, new double[] {0.5, -1, 2, 0.25, -3, 1.5}, -4, 0.7, 0.3, 23);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double[] reference = null;
    for (int partitions : new int[] {1, 3, 8}) {
      TrainingSummary s = TrainingJob.run(SparkTestSession.get(),
          Configs.data(csv).epochs(150).tol(0).partitions(partitions).blockRows(100).build(),
          ProgressListener.NONE);
      assertEquals(partitions, s.partitions());
      assertEquals(150, s.epochs());
      double[] c = coefficientsAndIntercept(s.model());
      if (reference == null) {
        reference = c;
      } else {
        // only the order of additions differs: rounding, amplified little by 150 contracting steps
        double diff = LeastSquares.relativeError(c, reference);
        assertTrue(diff < 1e-12, partitions + " partitions differ by " + diff);
      }
    }
  }

  @Test
  void fixedStepWithoutScalingEqualsThePlainTutorialLoop() throws Exception {
    Path csv = Path.of("sample-data", "tutorial.csv");
    Dataset d = Dataset.readCsv(csv);
    // the tutorial's rule on one machine: mean gradient over all rows, parameters from zero
    double w = 0;
    double b = 0;
    int n = d.rows();
    for (int epoch = 0; epoch < 100; epoch++) {
      double dw = 0;
      double db = 0;
      for (int i = 0; i < n; i++) {
        double r = w * d.x()[i][0] + b - d.y()[i];
        dw += r * d.x()[i][0];
        db += r;
      }
      w -= 0.01 * (2.0 / n) * dw;
      b -= 0.01 * (2.0 / n) * db;
    }
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(),
        Configs.data(csv).learningRate(0.01).epochs(100).standardize(false).tol(0).partitions(4).build(),
        ProgressListener.NONE);
    assertEquals(100, s.epochs());
    assertEquals(w, s.model().coefficient(0), 1e-10);
    assertEquals(b, s.model().intercept(), 1e-10);
    // after 100 small steps the tutorial's rule is still far from the answer: the check is not vacuous
    assertTrue(Math.abs(w - 2) > 0.1, "w = " + w);
  }

  /**
   * A feature that holds 7.3 in every row: its mean comes out off by rounding, and its spread was taken to be
   * that error (8.7e-14), so standardizing divided the column by it and the run diverged. Now the column counts as
   * constant: its coefficient stays 0 and the intercept takes its part, the other coefficients as if it were absent.
   */
  @Test
  void aConstantFeatureLeavesTheOthersAtTheClosedFormSolution(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(3000, new double[] {0.5, -1, 2}, -4, 0.7, 0.3, 29);
    double[][] x = new double[d.rows()][];
    for (int i = 0; i < d.rows(); i++) {
      x[i] = java.util.Arrays.copyOf(d.x()[i], 4);
      x[i][3] = 7.3;
    }
    Path csv = new Dataset(x, d.y(), java.util.List.of("x1", "x2", "x3", "c")).writeCsv(tmp.resolve("c.csv"));
    double[] withoutIt = LeastSquares.solveWithIntercept(d.x(), d.y());
    double[] expected = {withoutIt[0], withoutIt[1], withoutIt[2], 0, withoutIt[3]};
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(),
        Configs.data(csv).epochs(800).tol(0).partitions(3).blockRows(700).build(), ProgressListener.NONE);
    double error = LeastSquares.relativeError(coefficientsAndIntercept(s.model()), expected);
    assertTrue(error < 1e-6, "relative error " + error + " after " + s.epochs() + " epochs: "
        + java.util.Arrays.toString(coefficientsAndIntercept(s.model())));
  }

  /**
   * Labels of 1e8 plus a spread of a few units: R^2 from the label sums ({@code sum y^2 - (sum y)^2 / n}) kept no
   * digit of the spread (0.987 where it was 0.929). Against R^2 from the same coefficients computed here, each sum
   * about its own mean; the validation set's near it.
   */
  @Test
  void rSquaredHoldsWhereTheLabelsAreLarge(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(3000, new double[] {0.5, -1, 2}, 1e8, 0.7, 3, 31);
    Path csv = d.writeCsv(tmp.resolve("large.csv"));
    OptimizerSettings lbfgs = new OptimizerSettings(OptimizerKind.LBFGS, 1.0, 1, ScheduleKind.CONSTANT, 100, 42L, 0,
        0, 0);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(),
        Configs.data(csv).epochs(60).tol(0).partitions(3).optimization(lbfgs).build(), ProgressListener.NONE);
    double[] c = coefficientsAndIntercept(s.model());
    double mean = java.util.Arrays.stream(d.y()).average().orElseThrow();
    double squaredErrors = 0;
    double spread = 0;
    for (int i = 0; i < d.rows(); i++) {
      double prediction = c[3];
      for (int j = 0; j < 3; j++) {
        prediction += c[j] * d.x()[i][j];
      }
      squaredErrors += (d.y()[i] - prediction) * (d.y()[i] - prediction);
      spread += (d.y()[i] - mean) * (d.y()[i] - mean);
    }
    double expected = 1 - squaredErrors / spread;
    assertTrue(expected > 0.5 && expected < 0.95, "R^2 " + expected + ": the noise should show in it");
    assertEquals(expected, s.finalRecord().train().get("r2"), 1e-6);

    OptimizerSettings validated = new OptimizerSettings(OptimizerKind.LBFGS, 1.0, 1, ScheduleKind.CONSTANT, 100, 42L,
        0, 0.25, 0);
    TrainingSummary v = TrainingJob.run(SparkTestSession.get(),
        Configs.data(csv).epochs(60).tol(0).partitions(3).optimization(validated).build(), ProgressListener.NONE);
    assertEquals(expected, v.finalRecord().validation().get("r2"), 0.05, "validation R^2");
  }

  /**
   * Nesterov's method returns its last proximal iterate, not the extrapolated point the last epoch measured, and
   * measures it once more so that the last record's figures are those of the model returned: its MSE against the
   * MSE of the returned coefficients computed here.
   */
  @Test
  void nesterovsLastRecordMeasuresTheModelItReturns() throws Exception {
    Path csv = Path.of("sample-data", "correlated.csv");
    Dataset d = Dataset.readCsv(csv);
    OptimizerSettings nesterov = new OptimizerSettings(OptimizerKind.NESTEROV, 1.0, 1, ScheduleKind.CONSTANT, 100,
        42L, 0, 0.0, 0);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(),
        Configs.data(csv).epochs(30).tol(0).partitions(4).optimization(nesterov).build(), ProgressListener.NONE);
    assertEquals(StopReason.MAX_EPOCHS, s.stopReason());
    assertEquals(32, s.passes(), 0.0, "the initial pass, 30 epochs and one at the returned iterate");
    double mse = d.mse(coefficientsAndIntercept(s.model()));
    assertEquals(mse, s.finalRecord().train().get("mse"), 1e-10 * mse);
    assertEquals(30, s.finalRecord().epoch());
  }

  /**
   * Nesterov's gradient test sees the extrapolated point, and its iterate's gradient can be a little larger: the run
   * then returns the point that passed (here, before, history.csv's last gradient norm was the iterate's, 1.11e-11,
   * next to GRADIENT_CONVERGED at --gradient-tol 1e-11). The recorded norm is at most the tolerance and is the norm of
   * the returned model's gradient in standardised coordinates, computed here in a plain loop: with z_j = (x_j -
   * mean_j) / std_j (std with divisor n), dMSE/dtheta_j = (2/n) sum r z_j and dMSE/dtheta_intercept = (2/n) sum r,
   * r = w.x + b - y. Tolerance 1e-13: the model's raw coefficients round the internal ones, which moves r by about
   * 1e-16 times |w.x| (up to 300 here), that is 1e-14 in each gradient entry, a thousandth of the gradient tested.
   */
  @Test
  void nesterovsGradientStopRecordsAndReturnsThePointThatPassedTheTest() throws Exception {
    Path csv = Path.of("sample-data", "correlated.csv");
    Dataset d = Dataset.readCsv(csv);
    double tol = 1e-11;
    OptimizerSettings nesterov = new OptimizerSettings(OptimizerKind.NESTEROV, 1.0, 1, ScheduleKind.CONSTANT, 100,
        42L, tol, 0.0, 0);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(2000).tol(0).partitions(4)
        .objective(sparkdgd.config.LossKind.SQUARED, 0.1, 0).optimization(nesterov).build(), ProgressListener.NONE);
    assertEquals(StopReason.GRADIENT_CONVERGED, s.stopReason(), "stopped after " + s.epochs() + " epochs");
    double recorded = s.finalRecord().gradientNorm();
    assertTrue(recorded <= tol, "recorded gradient norm " + recorded + " above --gradient-tol " + tol);
    assertEquals(recorded, s.history().get(s.history().size() - 1).gradientNorm(), 0.0, "history.csv's last row");
    assertEquals(standardizedGradientNorm(d, coefficientsAndIntercept(s.model()), 0.1), recorded, 1e-13);
  }

  /**
   * The norm of the gradient of MSE + (lambda / sigma_y) sum (sigma_j w_j)^2 (the L2 penalty, Spark's meaning, with
   * sample standard deviations sigma) in the coordinates theta_j = w_j std_j (population std), theta_d = the
   * intercept of the centred features: d/dtheta_j = (2/n) sum r z_j + 2 (lambda / sigma_y) (sigma_j / std_j)^2
   * theta_j.
   */
  private static double standardizedGradientNorm(Dataset d, double[] coefficientsAndIntercept, double lambda) {
    int n = d.rows();
    int p = d.dims();
    double[] mean = new double[p + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        mean[j] += d.x()[i][j] / n;
      }
      mean[p] += d.y()[i] / n;
    }
    double[] squares = new double[p + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        squares[j] += (d.x()[i][j] - mean[j]) * (d.x()[i][j] - mean[j]);
      }
      squares[p] += (d.y()[i] - mean[p]) * (d.y()[i] - mean[p]);
    }
    double[] g = new double[p + 1];
    for (int i = 0; i < n; i++) {
      double r = coefficientsAndIntercept[p] - d.y()[i];
      for (int j = 0; j < p; j++) {
        r += coefficientsAndIntercept[j] * d.x()[i][j];
      }
      for (int j = 0; j < p; j++) {
        g[j] += 2.0 / n * r * (d.x()[i][j] - mean[j]) / Math.sqrt(squares[j] / n);
      }
      g[p] += 2.0 / n * r;
    }
    double sigmaY = Math.sqrt(squares[p] / (n - 1));
    double norm = 0;
    for (int j = 0; j <= p; j++) {
      if (j < p) {
        double std = Math.sqrt(squares[j] / n);
        double sigma = Math.sqrt(squares[j] / (n - 1));
        g[j] += 2 * lambda / sigmaY * (sigma / std) * (sigma / std) * coefficientsAndIntercept[j] * std;
      }
      norm += g[j] * g[j];
    }
    return Math.sqrt(norm);
  }
}
