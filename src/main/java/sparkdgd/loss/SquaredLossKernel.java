package sparkdgd.loss;

import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.block.SparseBlock;

/**
 * The per-block work of one squared-loss pass, in raw feature units. For the model
 * {@code yhat = w.x + b} and residual {@code r = yhat - labelWeight * y} it adds, into {@code acc}:
 * {@code acc[j] += sum r*x_j} for each feature j, {@code acc[d] += sum r}, {@code acc[d+1] += sum r^2}.
 * The driver turns the merged sums into the MSE {@code (1/n) sum r^2} and its gradient
 * {@code (2/n) sum r*x} once. With {@code labelWeight = 0} the same pass multiplies by the Hessian.
 * A sparse block's loops touch its non-zeros only, in the same order as the dense loops, so a
 * sparse and a dense block holding the same rows give the same sums.
 */
public final class SquaredLossKernel {
  private SquaredLossKernel() {}

  /** Accumulator width for {@code dims} features. */
  public static int width(int dims) {
    return dims + 2;
  }

  /**
   * @param coef        raw weights {@code w[0..d)} followed by the intercept {@code b} at {@code [d]}
   * @param labelWeight 1 for the loss and gradient; 0 for a Hessian-vector product
   */
  public static void addBlock(Block block, double[] coef, double labelWeight, double[] acc) {
    final int d = block.dims();
    if (coef.length != d + 1 || acc.length != d + 2) {
      throw new IllegalArgumentException(String.format(
          "Expecting %d coefficients and %d sums for %d features but got %d and %d",
          d + 1, d + 2, d, coef.length, acc.length));
    }
    if (block instanceof SparseBlock s) {
      addSparse(s, coef, labelWeight, acc);
    } else if (block instanceof DenseFloatBlock f) {
      addDenseFloat(f, coef, labelWeight, acc);
    } else {
      addDense((DenseBlock) block, coef, labelWeight, acc);
    }
  }

  private static void addDense(DenseBlock block, double[] coef, double labelWeight, double[] acc) {
    final int d = block.dims();
    final int n = block.rows();
    final double[] x = block.features();
    final double[] y = block.labels();
    final double b = coef[d];
    double residualSum = 0;
    double squaredSum = 0;
    for (int i = 0, off = 0; i < n; i++, off += d) {
      double r = b - labelWeight * y[i];
      for (int j = 0; j < d; j++) {
        r += x[off + j] * coef[j];
      }
      residualSum += r;
      squaredSum += r * r;
      for (int j = 0; j < d; j++) {
        acc[j] += r * x[off + j];
      }
    }
    acc[d] += residualSum;
    acc[d + 1] += squaredSum;
  }

  /** The dense loop over float values, widened to double: the sums are accumulated in double. */
  private static void addDenseFloat(DenseFloatBlock block, double[] coef, double labelWeight, double[] acc) {
    final int d = block.dims();
    final int n = block.rows();
    final float[] x = block.features();
    final double[] y = block.labels();
    final double b = coef[d];
    double residualSum = 0;
    double squaredSum = 0;
    for (int i = 0, off = 0; i < n; i++, off += d) {
      double r = b - labelWeight * y[i];
      for (int j = 0; j < d; j++) {
        r += x[off + j] * coef[j];
      }
      residualSum += r;
      squaredSum += r * r;
      for (int j = 0; j < d; j++) {
        acc[j] += r * x[off + j];
      }
    }
    acc[d] += residualSum;
    acc[d + 1] += squaredSum;
  }

  private static void addSparse(SparseBlock block, double[] coef, double labelWeight, double[] acc) {
    final int d = block.dims();
    final int n = block.rows();
    final int[] starts = block.rowStarts();
    final int[] idx = block.indices();
    final double[] v = block.values();
    final double[] y = block.labels();
    final double b = coef[d];
    double residualSum = 0;
    double squaredSum = 0;
    for (int i = 0; i < n; i++) {
      final int from = starts[i];
      final int to = starts[i + 1];
      double r = b - labelWeight * y[i];
      for (int k = from; k < to; k++) {
        r += v[k] * coef[idx[k]];
      }
      residualSum += r;
      squaredSum += r * r;
      for (int k = from; k < to; k++) {
        acc[idx[k]] += r * v[k];
      }
    }
    acc[d] += residualSum;
    acc[d + 1] += squaredSum;
  }
}
