package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

class CoefficientDriftTest {
  /** Gradient norms shrinking by {@code r} an epoch from {@code g}, over {@code n} epochs. */
  private static List<EpochRecord> history(int n, double g, double r) {
    List<EpochRecord> h = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      h.add(new EpochRecord(k, 0.25, g * Math.pow(r, k), k));
    }
    return h;
  }

  @Test
  void theStepsToComeAreTheGeometricSumOfASteadilyShrinkingGradient() {
    double[] theta = {1.2, -1.6, 50}; // coefficients of size 2, the intercept (last) left out
    String w = CoefficientDrift.warning(history(100, 1e-3, 0.9995), theta, 0.25, 100, ", or use --optimizer lbfgs")
        .orElseThrow();
    double last = 1e-3 * Math.pow(0.9995, 100);
    double toCome = 0.25 * last / 0.0005; // the steps to come from the last record's gradient: 0.4756...
    assertTrue(w.startsWith(String.format(java.util.Locale.ROOT, "stopped by --epochs 100 while the coefficients "
        + "still moved: the gradient shrank by only 0.050%% an epoch, and at that pace gradient descent would take "
        + "the parameters about %.2g further in its coordinates (%.2g%% of the coefficients' size there)", toCome,
        100 * toCome / 2)), w);
    assertTrue(w.endsWith("raise --epochs, or use --optimizer lbfgs"), w);
    // settled (little to come), growing, or not yet steady: nothing to tell
    assertTrue(CoefficientDrift.warning(history(100, 1e-9, 0.9995), theta, 0.25, 100, "").isEmpty());
    assertTrue(CoefficientDrift.warning(history(100, 1e-3, 1.001), theta, 0.25, 100, "").isEmpty());
    List<EpochRecord> unsteady = history(99, 1e-3, 0.9);
    unsteady.add(new EpochRecord(100, 0.25, unsteady.get(98).gradientNorm() * 0.9995, 100));
    assertTrue(CoefficientDrift.warning(unsteady, theta, 0.25, 100, "").isEmpty());
  }

  /** Told only for gradient descent at a constant rate on full batches, no L1, stopped by --epochs, --tol not 0. */
  @Test
  void toldOnlyForConstantRateFullBatchGradientDescentStoppedByTheEpochLimit() {
    List<EpochRecord> h = history(100, 1e-3, 0.9995);
    double[] theta = {1.2, -1.6, 50};
    Trainer.Result byEpochs = new Trainer.Result(theta, h, StopReason.MAX_EPOCHS, h.get(99), 100, null, 1.0);
    Trainer.Result byTol = new Trainer.Result(theta, h, StopReason.LOSS_CONVERGED, h.get(99), 100, null, 1.0);
    assertTrue(CoefficientDrift.warning(byEpochs, gd(OptimizerKind.GD, 1, ScheduleKind.CONSTANT), false, 1e-9, 0.25,
        100, "").isPresent());
    assertTrue(CoefficientDrift.warning(byTol, gd(OptimizerKind.GD, 1, ScheduleKind.CONSTANT), false, 1e-9, 0.25,
        100, "").isEmpty(), "a stopping rule ended it");
    assertTrue(CoefficientDrift.warning(byEpochs, gd(OptimizerKind.GD, 1, ScheduleKind.INVERSE_SQRT), false, 1e-9,
        0.25, 100, "").isEmpty(), "the step shrinks");
    assertTrue(CoefficientDrift.warning(byEpochs, gd(OptimizerKind.NESTEROV, 1, ScheduleKind.CONSTANT), false, 1e-9,
        0.25, 100, "").isEmpty(), "not gradient descent's steps");
    assertTrue(CoefficientDrift.warning(byEpochs, gd(OptimizerKind.GD, 0.1, ScheduleKind.CONSTANT), false, 1e-9,
        0.25, 100, "").isEmpty(), "mini-batches");
    assertTrue(CoefficientDrift.warning(byEpochs, gd(OptimizerKind.GD, 1, ScheduleKind.CONSTANT), true, 1e-9, 0.25,
        100, "").isEmpty(), "an L1 penalty's proximal steps");
    assertTrue(CoefficientDrift.warning(byEpochs, gd(OptimizerKind.GD, 1, ScheduleKind.CONSTANT), false, 0, 0.25,
        100, "").isEmpty(), "--tol 0: the epochs asked for");
  }

  private static OptimizerSettings gd(OptimizerKind kind, double batchFraction, ScheduleKind schedule) {
    return new OptimizerSettings(kind, batchFraction, 1, schedule, 100, 42L, 0, 0, 0);
  }

  /**
   * The review's data: two columns correlated 0.999. Default gradient descent stops by --epochs far from least
   * squares (checked here by a QR solve) while the objective hardly changes, and says so; with uncorrelated columns
   * it converges and says nothing.
   */
  @Tag("spark")
  @Test
  void gradientDescentStoppedFarFromLeastSquaresOnCorrelatedColumnsSaysSo(@TempDir Path tmp) throws Exception {
    Random rnd = new Random(11);
    int n = 5000;
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double z = rnd.nextGaussian();
      x[i][0] = z + 0.03 * rnd.nextGaussian();
      x[i][1] = z + 0.03 * rnd.nextGaussian();
      x[i][2] = rnd.nextGaussian();
      // noise enough that the objective changes by less than 1000 --tol an epoch (EpochLimit's warning silent)
      y[i] = x[i][0] + 2 * x[i][1] - x[i][2] + 2 * rnd.nextGaussian();
    }
    Path csv = new Dataset(x, y, List.of("x1", "x2", "x3")).writeCsv(tmp.resolve("corr.csv"));
    List<String> warnings = new ArrayList<>();
    ProgressListener heard = new ProgressListener() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    // the command's default --tol (Configs' is 0: a fixed number of epochs, which no such warning questions)
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).partitions(3).tol(1e-9)
        .optimizer(OptimizerKind.GD).build(), heard);
    double[] exact = LeastSquares.solveWithIntercept(x, y);
    assertTrue(Math.abs(s.model().coefficients()[0] - exact[0]) > 0.1, "far from least squares, else this test "
        + "shows nothing: " + s.model().coefficients()[0] + " against " + exact[0]);
    List<String> drift = warnings.stream().filter(m -> m.contains("the coefficients still moved")).toList();
    assertEquals(1, drift.size(), String.join("\n", warnings));
    // the distance told against the true one in the optimizer's coordinates: each coefficient times its column's
    // standard deviation, and the intercept at the columns' means
    java.util.regex.Matcher told = java.util.regex.Pattern.compile("about ([0-9.eE+-]+) further").matcher(drift.get(0));
    assertTrue(told.find(), drift.get(0));
    double[] w = s.model().coefficients();
    double squares = 0;
    double centred = s.model().intercept() - exact[3];
    for (int j = 0; j < 3; j++) {
      final int col = j;
      double mean = java.util.Arrays.stream(x).mapToDouble(r -> r[col]).average().orElseThrow();
      double var = java.util.Arrays.stream(x).mapToDouble(r -> (r[col] - mean) * (r[col] - mean)).average()
          .orElseThrow();
      squares += (w[j] - exact[j]) * (w[j] - exact[j]) * var;
      centred += (w[j] - exact[j]) * mean;
    }
    double distance = Math.sqrt(squares + centred * centred);
    double toldDistance = Double.parseDouble(told.group(1));
    assertTrue(toldDistance > distance / 1.5 && toldDistance < distance * 1.5,
        "told " + toldDistance + ", the distance to the QR solution " + distance);

    for (double[] row : x) {
      row[1] = rnd.nextGaussian();
    }
    Path plain = new Dataset(x, y, List.of("x1", "x2", "x3")).writeCsv(tmp.resolve("plain.csv"));
    warnings.clear();
    TrainingJob.run(SparkTestSession.get(), Configs.data(plain).partitions(3).tol(1e-9)
        .optimizer(OptimizerKind.GD).build(), heard);
    assertEquals(List.of(), warnings.stream().filter(m -> m.contains("still moved")).toList());
  }
}
