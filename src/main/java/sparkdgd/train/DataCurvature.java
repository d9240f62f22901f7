package sparkdgd.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.loss.FeatureScaling;
import sparkdgd.score.InPartitionOrder;

/**
 * The largest eigenvalue of the data's second moments in the optimizer's coordinates, {@code M = (1/n) sum z z^T}
 * (with the intercept's 1 as the last coordinate): the curvature a loss's Hessian {@code (c/n) sum z z^T} takes from
 * the data, which {@link GradientBound} otherwise bounds by its trace, {@code d + 1}. For a few features only
 * ({@link #MAX_FEATURES}: one pass over every row costs d^2 / 2 products a row), and only when that tighter bound
 * could make {@code GradientBound}'s warning (a mini-batch run stopped by {@code --tol} 0.43% above its minimum had
 * a floor of 0.08% by the trace and 0.33% by this, a review's).
 *
 * <p>An upper bound, not an estimate: {@code M} is summed over every row (a sample's would not bound the data's), then
 * cyclic Jacobi rotations bring it near diagonal form and Gershgorin's discs of the result bound every eigenvalue (an
 * unfinished rotation only widens them), up to rounding far below the warning's resolution of a thousandth.
 */
final class DataCurvature {
  /** Up to this many features (M is (d + 1)^2 doubles a partition, d^2 / 2 products a row). */
  static final int MAX_FEATURES = 64;

  private DataCurvature() {}

  /**
   * The bound for {@code blocks} of {@code rows} rows (their total weight where they have weights: each row's
   * {@code z z^T} then counts its weight's worth) in {@code scaling}'s coordinates.
   */
  static double largestEigenvalue(JavaRDD<Block> blocks, FeatureScaling scaling, double rows) {
    int p = scaling.dims() + 1;
    JavaRDD<double[]> parts = blocks.mapPartitions(it -> {
      double[] m = new double[p * p];
      double[] z = new double[p];
      while (it.hasNext()) {
        Block b = it.next();
        for (int i = 0; i < b.rows(); i++) {
          scaling.internalRow(b, i, z);
          final double w = b.weight(i);
          for (int j = 0; j < p; j++) {
            double zj = w * z[j];
            if (zj != 0) {
              for (int k = j; k < p; k++) {
                m[j * p + k] += zj * z[k];
              }
            }
          }
        }
      }
      return List.of(m).iterator();
    });
    // in partition order: the same sums, and bound, run after run
    double[] sums = InPartitionOrder.merge(parts, new double[p * p], (a, b) -> {
      for (int k = 0; k < a.length; k++) {
        a[k] += b[k];
      }
      return a;
    });
    double[][] m = new double[p][p];
    for (int j = 0; j < p; j++) {
      for (int k = j; k < p; k++) {
        m[j][k] = sums[j * p + k] / rows;
        m[k][j] = m[j][k];
      }
    }
    return largestEigenvalueBound(m);
  }

  /**
   * An upper bound on the largest eigenvalue of the symmetric matrix {@code a} (overwritten): cyclic Jacobi sweeps
   * until the off-diagonal part is below 1e-13 of the diagonal's, then the largest Gershgorin disc's right end, raised
   * by 1e-12 of the matrix's size for the rotations' rounding.
   */
  static double largestEigenvalueBound(double[][] a) {
    int n = a.length;
    for (int sweep = 0; sweep < 50 && offDiagonal(a) > 1e-13 * diagonal(a); sweep++) {
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] != 0) {
            rotate(a, p, q);
          }
        }
      }
    }
    double largest = Double.NEGATIVE_INFINITY;
    double size = 0;
    for (int i = 0; i < n; i++) {
      double radius = 0;
      for (int j = 0; j < n; j++) {
        radius += j == i ? 0 : Math.abs(a[i][j]);
        size = Math.max(size, Math.abs(a[i][j]));
      }
      largest = Math.max(largest, a[i][i] + radius);
    }
    return largest + 1e-12 * size;
  }

  /** One Jacobi rotation zeroing {@code a[p][q]}. */
  private static void rotate(double[][] a, int p, int q) {
    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    int n = a.length;
    for (int k = 0; k < n; k++) {
      double akp = a[k][p];
      double akq = a[k][q];
      a[k][p] = c * akp - s * akq;
      a[k][q] = s * akp + c * akq;
    }
    for (int k = 0; k < n; k++) {
      double apk = a[p][k];
      double aqk = a[q][k];
      a[p][k] = c * apk - s * aqk;
      a[q][k] = s * apk + c * aqk;
    }
  }

  private static double offDiagonal(double[][] a) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        sum += i == j ? 0 : a[i][j] * a[i][j];
      }
    }
    return Math.sqrt(sum);
  }

  private static double diagonal(double[][] a) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i][i] * a[i][i];
    }
    return Math.sqrt(sum);
  }
}
