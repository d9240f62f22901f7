package sparkdgd.testing;

/**
 * The maximum-likelihood logistic fit of {@code P(y = 1) = 1 / (1 + exp(-(x.w + b)))}, independently of the trainer:
 * Newton's method as iteratively reweighted least squares, each step a weighted least-squares solve by
 * {@link LeastSquares}' Householder QR, until a step moves no parameter by more than 1e-12.
 */
public final class LogisticMle {
  private LogisticMle() {}

  /** Returns {@code [w_0 .. w_{d-1}, b]} maximising the likelihood of labels {@code y} in {0, 1}. */
  public static double[] fitWithIntercept(double[][] x, double[] y) {
    int n = x.length;
    int p = x[0].length + 1;
    double[] beta = new double[p];
    for (int step = 0; step < 100; step++) {
      double[][] a = new double[n][p];
      double[] z = new double[n];
      for (int i = 0; i < n; i++) {
        double margin = beta[p - 1];
        for (int j = 0; j < p - 1; j++) {
          margin += x[i][j] * beta[j];
        }
        double prob = 1 / (1 + Math.exp(-margin));
        double weight = Math.max(prob * (1 - prob), 1e-300);
        double root = Math.sqrt(weight);
        for (int j = 0; j < p - 1; j++) {
          a[i][j] = root * x[i][j];
        }
        a[i][p - 1] = root;
        z[i] = root * (margin + (y[i] - prob) / weight);
      }
      double[] next = LeastSquares.solve(a, z);
      double moved = 0;
      for (int j = 0; j < p; j++) {
        moved = Math.max(moved, Math.abs(next[j] - beta[j]));
      }
      beta = next;
      if (moved < 1e-12) {
        return beta;
      }
    }
    throw new IllegalStateException("Newton's method did not settle in 100 steps (separable classes?)");
  }
}
