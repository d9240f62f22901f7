package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.LossKind;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.output.LinearModel;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

/** Huber's loss: least squares on clean data, and far less pulled than it by gross outliers. */
@Tag("spark")
class HuberLossTest {
  private static final double[] W = {1, -2, 0.5};
  private static final double B = 3;

  private static double[] train(Path csv, Configs config) {
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.LBFGS, 1, 1, ScheduleKind.CONSTANT, 100, 1, 1e-10, 0, 0);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), config.epochs(2000).tol(1e-14).partitions(2)
        .optimization(o).build(), ProgressListener.NONE);
    LinearModel m = s.model();
    double[] c = Arrays.copyOf(m.coefficients(), m.coefficients().length + 1);
    c[c.length - 1] = m.intercept();
    return c;
  }

  @Test
  void equalsLeastSquaresOnCleanDataAndResistsOutliers(@TempDir Path tmp) throws Exception {
    Dataset clean = Dataset.correlated(2000, W, B, 0.3, 0.1, 12);
    Path cleanCsv = clean.writeCsv(tmp.resolve("clean.csv"));
    // noise 0.1: every residual of the least-squares fit is far inside delta = 1, where Huber is r^2/2
    double[] exact = LeastSquares.solveWithIntercept(clean.x(), clean.y());
    double onClean = LeastSquares.relativeError(train(cleanCsv, Configs.data(cleanCsv).huber(1.0)), exact);
    assertTrue(onClean < 1e-6, "huber vs least squares on clean data: " + onClean);

    double[] y = clean.y().clone();
    Random rnd = new Random(5);
    for (int i = 0; i < y.length; i++) {
      if (rnd.nextDouble() < 0.05) {
        y[i] += 100; // 5% gross outliers, all on one side
      }
    }
    Path dirtyCsv = new Dataset(clean.x(), y, clean.featureNames()).writeCsv(tmp.resolve("dirty.csv"));
    double[] truth = Arrays.copyOf(W, W.length + 1);
    truth[W.length] = B;
    double huber = LeastSquares.relativeError(train(dirtyCsv, Configs.data(dirtyCsv).huber(1.0)), truth);
    double squared = LeastSquares.relativeError(
        train(dirtyCsv, Configs.data(dirtyCsv).objective(LossKind.SQUARED, 0, 0)), truth);
    assertTrue(huber < 0.05, "huber error " + huber);
    assertTrue(squared > 10 * huber, "squared error " + squared + " vs huber " + huber);
  }
}
