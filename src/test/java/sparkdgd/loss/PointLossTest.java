package sparkdgd.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkdgd.block.DenseBlock;

/** Each loss's gradient, as the kernel sums it, against central differences of its own mean value. */
class PointLossTest {
  private static final int N = 300;
  private static final int D = 3;

  private static DenseBlock block(boolean binary) {
    Random rnd = new Random(4);
    double[] x = new double[N * D];
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      double m = 0.5;
      for (int j = 0; j < D; j++) {
        x[i * D + j] = rnd.nextGaussian() * (j + 1);
        m += x[i * D + j] * (j - 1);
      }
      y[i] = binary ? (rnd.nextDouble() < 1 / (1 + Math.exp(-m)) ? 1 : 0) : m + 3 * rnd.nextGaussian();
    }
    return new DenseBlock(N, D, x, y);
  }

  /** Mean loss computed by the kernel's loss slot, divided by the rows. */
  private static double meanLoss(DenseBlock b, PointLoss loss, double[] coef) {
    double[] acc = new double[LossKernel.width(D, loss)];
    LossKernel.addBlock(b, coef, loss, 1, acc);
    return acc[D + PointLoss.LOSS] / acc[D + PointLoss.ROWS];
  }

  private static void check(PointLoss loss, DenseBlock b) {
    double[] coef = {0.3, -0.2, 0.7, 0.1};
    double[] acc = new double[LossKernel.width(D, loss)];
    LossKernel.addBlock(b, coef, loss, 1, acc);
    FeatureScaling identity = FeatureScaling.identity(D);
    double[] g = identity.internalGradient(acc, N, loss.gradientFactor());
    double h = 1e-6;
    for (int k = 0; k <= D; k++) {
      double[] up = coef.clone();
      double[] down = coef.clone();
      up[k] += h;
      down[k] -= h;
      double numeric = (meanLoss(b, loss, up) - meanLoss(b, loss, down)) / (2 * h);
      assertEquals(numeric, g[k], 1e-6 * Math.max(1, Math.abs(numeric)), loss.name() + ", parameter " + k);
    }
  }

  @Test
  void huberGradientMatchesFiniteDifferences() {
    // delta 2 with label noise 3: many rows on each side of the kink
    check(new HuberLoss(2.0), block(false));
  }

  @Test
  void logisticGradientMatchesFiniteDifferences() {
    check(new LogisticLoss(), block(true));
  }

  @Test
  void squaredGradientMatchesFiniteDifferences() {
    check(new SquaredLoss(), block(false));
  }

  @Test
  void logisticLossIsFiniteForHugeMargins() {
    DenseBlock b = new DenseBlock(2, 1, new double[] {1, 1}, new double[] {0, 1});
    double[] acc = new double[LossKernel.width(1, new LogisticLoss())];
    LossKernel.addBlock(b, new double[] {800, 0}, new LogisticLoss(), 1, acc);
    // label 0 at margin 800 costs 800; label 1 costs log(1 + e^-800) = 0 in double
    assertEquals(800.0, acc[1 + PointLoss.LOSS], 1e-9);
    assertEquals(0.5, acc[1 + PointLoss.METRIC_A] / 2, 0.0, "one of two rows classified right");
  }

  @Test
  void binnedAucIsCloseToTheExactRankSumAuc() {
    DenseBlock b = block(true);
    double[] coef = {0.3, -0.2, 0.7, 0.1};
    LogisticLoss loss = new LogisticLoss();
    double[] acc = new double[LossKernel.width(D, loss)];
    LossKernel.addBlock(b, coef, loss, 1, acc);
    double binned = loss.metrics(acc, D).get("auc");
    // exact: the share of (positive, negative) pairs where the positive scores higher, ties half
    double pairs = 0;
    double wins = 0;
    for (int i = 0; i < N; i++) {
      for (int k = 0; k < N; k++) {
        if (b.labels()[i] == 1 && b.labels()[k] == 0) {
          double mi = b.dot(i, coef) + coef[D];
          double mk = b.dot(k, coef) + coef[D];
          wins += mi > mk ? 1 : mi == mk ? 0.5 : 0;
          pairs++;
        }
      }
    }
    assertEquals(wins / pairs, binned, 2e-3);
  }
}
