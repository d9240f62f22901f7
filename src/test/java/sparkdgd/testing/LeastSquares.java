package sparkdgd.testing;

/**
 * The closed-form least-squares fit of {@code y ~ X w + b}, solved independently of the trainer by a
 * Householder QR factorisation of {@code [X 1]} (no normal equations, so no squared condition number).
 */
public final class LeastSquares {
  private LeastSquares() {}

  /** Returns {@code [w_0 .. w_{d-1}, b]} minimising {@code sum (x_i.w + b - y_i)^2}. */
  public static double[] solveWithIntercept(double[][] x, double[] y) {
    int n = x.length;
    int p = x[0].length + 1;
    double[][] a = new double[n][p];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x[i], 0, a[i], 0, p - 1);
      a[i][p - 1] = 1.0;
    }
    return solve(a, y);
  }

  /** Returns {@code [w_0 .. w_{d-1}, 0]} minimising {@code sum (x_i.w - y_i)^2}: the line through the origin. */
  public static double[] solveThroughOrigin(double[][] x, double[] y) {
    double[][] a = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      a[i] = x[i].clone();
    }
    double[] w = solve(a, y);
    return java.util.Arrays.copyOf(w, w.length + 1);
  }

  /** The {@code beta} minimising {@code ||a beta - y||}, by Householder QR; overwrites {@code a}. */
  static double[] solve(double[][] a, double[] y) {
    int n = a.length;
    int p = a[0].length;
    double[] rhs = y.clone();
    for (int k = 0; k < p; k++) {
      double norm = 0;
      for (int i = k; i < n; i++) {
        norm += a[i][k] * a[i][k];
      }
      norm = Math.sqrt(norm);
      double alpha = a[k][k] > 0 ? -norm : norm;
      double[] v = new double[n];
      v[k] = a[k][k] - alpha;
      for (int i = k + 1; i < n; i++) {
        v[i] = a[i][k];
      }
      double vv = 0;
      for (int i = k; i < n; i++) {
        vv += v[i] * v[i];
      }
      if (vv == 0) {
        continue;
      }
      for (int j = k; j < p; j++) {
        double s = 0;
        for (int i = k; i < n; i++) {
          s += v[i] * a[i][j];
        }
        double f = 2 * s / vv;
        for (int i = k; i < n; i++) {
          a[i][j] -= f * v[i];
        }
      }
      double s = 0;
      for (int i = k; i < n; i++) {
        s += v[i] * rhs[i];
      }
      double f = 2 * s / vv;
      for (int i = k; i < n; i++) {
        rhs[i] -= f * v[i];
      }
    }
    double[] beta = new double[p];
    for (int k = p - 1; k >= 0; k--) {
      double s = rhs[k];
      for (int j = k + 1; j < p; j++) {
        s -= a[k][j] * beta[j];
      }
      beta[k] = s / a[k][k];
    }
    return beta;
  }

  /** {@code ||a - b|| / ||b||}. */
  public static double relativeError(double[] a, double[] b) {
    double num = 0;
    double den = 0;
    for (int i = 0; i < a.length; i++) {
      num += (a[i] - b[i]) * (a[i] - b[i]);
      den += b[i] * b[i];
    }
    return Math.sqrt(num / den);
  }
}
