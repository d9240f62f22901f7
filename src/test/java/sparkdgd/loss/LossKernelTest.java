package sparkdgd.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;

class LossKernelTest {

  /** MSE of coef over the rows, by a plain loop over a plain 2-D array (the tutorial's compute_mse). */
  private static double mse(double[][] x, double[] y, double[] coef) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double pred = coef[coef.length - 1];
      for (int j = 0; j < x[i].length; j++) {
        pred += coef[j] * x[i][j];
      }
      s += (pred - y[i]) * (pred - y[i]);
    }
    return s / y.length;
  }

  private static Block pack(double[][] x, double[] y) {
    int d = x[0].length;
    double[] flat = new double[y.length * d];
    for (int i = 0; i < y.length; i++) {
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    return new DenseBlock(y.length, d, flat, y.clone());
  }

  @Test
  void handArithmeticOnTwoRows() {
    // rows (x=1, y=3) and (x=2, y=4); w=1, b=1: predictions 2 and 3, residuals -1 and -1.
    Block b = new DenseBlock(2, 1, new double[] {1, 2}, new double[] {3, 4});
    double[] acc = new double[LossKernel.width(1)];
    LossKernel.addBlock(b, new double[] {1, 1}, new SquaredLoss(), 1.0, acc);
    assertEquals(-1 * 1 + -1 * 2, acc[0], 0.0); // sum r*x
    assertEquals(-1 + -1, acc[1], 0.0);         // sum r
    assertEquals(1 + 1, acc[2], 0.0);           // sum r^2
  }

  @Test
  void gradientMatchesFiniteDifferencesOfTheMse() {
    Random rnd = new Random(3);
    int n = 200;
    int d = 4;
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = rnd.nextGaussian() * (j + 1) + j;
      }
      y[i] = rnd.nextGaussian() * 3;
    }
    double[] coef = {0.3, -0.7, 1.1, 0.05, -2.0};
    double[] acc = new double[LossKernel.width(d)];
    LossKernel.addBlock(pack(x, y), coef, new SquaredLoss(), 1.0, acc);
    assertEquals(mse(x, y, coef), acc[d + 1] / n, 1e-12 * mse(x, y, coef));
    // MSE is quadratic, so a central difference is exact up to rounding: error ~ eps * mse / h.
    double h = 1e-4;
    for (int k = 0; k <= d; k++) {
      double[] up = coef.clone();
      double[] down = coef.clone();
      up[k] += h;
      down[k] -= h;
      double numeric = (mse(x, y, up) - mse(x, y, down)) / (2 * h);
      double analytic = 2.0 / n * acc[k]; // acc[d] is sum r: the intercept's gradient
      assertEquals(numeric, analytic, 1e-7 * Math.max(1, Math.abs(numeric)), "coefficient " + k);
    }
  }

  @Test
  void zeroLabelWeightGivesHessianTimesVector() {
    // With labels ignored the gradient at v is (2/n) A^T A v, A = [x 1]; check against the explicit product.
    double[][] x = {{1, 2}, {3, -1}, {0.5, 4}};
    double[] v = {0.2, -0.3, 0.7};
    double[] acc = new double[LossKernel.width(2)];
    LossKernel.addBlock(pack(x, new double[] {9, 9, 9}), v, new SquaredLoss(), 0.0, acc);
    for (int k = 0; k < 3; k++) {
      double expected = 0;
      for (double[] row : x) {
        double av = row[0] * v[0] + row[1] * v[1] + v[2];
        expected += av * (k < 2 ? row[k] : 1.0);
      }
      assertEquals(expected, acc[k], 1e-14);
    }
  }

  @Test
  void blockSizesGiveTheSameSums() {
    Random rnd = new Random(11);
    int n = 23;
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = rnd.nextDouble();
      }
      y[i] = rnd.nextDouble();
    }
    double[] coef = {1, 2, 3, 4};
    double[] whole = new double[LossKernel.width(3)];
    LossKernel.addBlock(pack(x, y), coef, new SquaredLoss(), 1.0, whole);
    for (int size : new int[] {1, 2, 7}) {
      double[] parts = new double[LossKernel.width(3)];
      for (int start = 0; start < n; start += size) {
        int end = Math.min(n, start + size);
        double[][] bx = java.util.Arrays.copyOfRange(x, start, end);
        double[] by = java.util.Arrays.copyOfRange(y, start, end);
        LossKernel.addBlock(pack(bx, by), coef, new SquaredLoss(), 1.0, parts);
      }
      for (int k = 0; k < 5; k++) { // the gradient, loss and row sums
        assertEquals(whole[k], parts[k], 1e-12 * Math.abs(whole[k]), "block size " + size + ", sum " + k);
      }
    }
  }
}
