package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.output.LinearModel;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

/**
 * {@code --fit-intercept false}: the model y = w.x against the least-squares line through the origin, solved by
 * QR without an intercept column. The data has an intercept of its own (and feature means far from 0), so a fit
 * with an intercept, or one that centres the features, lands elsewhere.
 */
@Tag("spark")
class WithoutInterceptTest {
  private static double[] coefficientsAndIntercept(LinearModel m) {
    double[] c = Arrays.copyOf(m.coefficients(), m.coefficients().length + 1);
    c[c.length - 1] = m.intercept();
    return c;
  }

  /**
   * One feature over its root mean square has a mean square of exactly 1, so the squared loss's Hessian in the
   * optimizer's coordinates is exactly 2 and the automatic step 1/2 (it was 1/2.00046 on the tutorial's data when
   * the scale took the variance with the wrong divisor).
   */
  @Test
  void oneFeatureScaledByItsRootMeanSquareHasTheHessianTwo() {
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(Path.of("sample-data", "tutorial.csv"))
        .withoutIntercept().epochs(1).build(), ProgressListener.NONE);
    assertEquals(0.5, s.learningRate(), 1e-12);
  }

  @ParameterizedTest(name = "{0}, standardize {1}")
  @CsvSource({"LBFGS, true", "NESTEROV, true", "GD, true"})
  void reachesTheLeastSquaresLineThroughTheOrigin(OptimizerKind kind, boolean standardize, @TempDir Path tmp)
      throws Exception {
    Dataset d = Dataset.correlated(3000, new double[] {0.5, -1, 2, 0.25}, 7, 0.6, 0.3, 5);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double[] exact = LeastSquares.solveThroughOrigin(d.x(), d.y());
    double[] withIntercept = LeastSquares.solveWithIntercept(d.x(), d.y());
    assertTrue(LeastSquares.relativeError(withIntercept, exact) > 0.1, "the two answers differ");
    OptimizerSettings o = new OptimizerSettings(kind, 1.0, 1, ScheduleKind.CONSTANT, 100, 42L, 1e-10, 0.0, 0);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).withoutIntercept()
        .standardize(standardize).epochs(kind == OptimizerKind.GD ? 3000 : 1500).tol(0).partitions(3)
        .optimization(o).build(), ProgressListener.NONE);
    double[] fitted = coefficientsAndIntercept(s.model());
    assertEquals(0.0, s.model().intercept(), 0.0, "no intercept: exactly 0");
    double error = LeastSquares.relativeError(fitted, exact);
    assertTrue(error < 1e-9, kind + ": relative error " + error + " after " + s.epochs() + " epochs ("
        + s.stopReason() + "): " + Arrays.toString(fitted) + " against " + Arrays.toString(exact));
  }
}
