package sparkdgd.optim;

import sparkdgd.config.LossSettings;
import sparkdgd.loss.FeatureScaling;

/**
 * The elastic-net penalty {@code sum_j (a_j / 2) w_j^2 + b_j |w_j|} on the raw weights (never the
 * intercept), with the weights chosen so that the minimiser is Spark ML's for the same
 * {@code regParam} (lambda) and {@code elasticNetParam} (alpha). Spark minimises
 * {@code (1/2n) sum r^2 + lambda ((1 - alpha)/(2 sy) sum (s_j w_j)^2 + alpha sum s_j |w_j|)} for linear
 * regression, where {@code sy} is the label's standard deviation and {@code s_j} the feature's when
 * standardising (else 1), both with the n - 1 divisor; our squared objective is the MSE, twice Spark's
 * loss, so its penalty is twice Spark's. For logistic regression Spark's penalty has no {@code sy} and
 * its loss is our mean log-loss. Huber uses the squared loss's penalty at Spark's scale (its loss is
 * {@code r^2 / 2} near zero).
 *
 * <p>The optimizer works in internal parameters {@code theta_j = w_j * scale_j}, where the penalty is
 * {@code (a_j / scale_j^2) / 2 theta_j^2 + (b_j / scale_j) |theta_j|}: still separable, so the L1 part's
 * proximal step is an exact soft threshold.
 */
public final class Regularization {
  private final double[] l2;
  private final double[] l1;

  private Regularization(double[] l2, double[] l1) {
    this.l2 = l2;
    this.l1 = l1;
  }

  /** No penalty for {@code dims} features. */
  public static Regularization none(int dims) {
    return new Regularization(new double[dims + 1], new double[dims + 1]);
  }

  /**
   * @param featureStd the features' standard deviations (n - 1 divisor), or null when not standardising
   * @param labelStd   the label's standard deviation (n - 1 divisor)
   * @param labelMean  the label's mean (Spark's fallback scale for a constant label)
   */
  public static Regularization of(LossSettings settings, FeatureScaling scaling, double[] featureStd,
      double labelStd, double labelMean) {
    int d = scaling.dims();
    double[] l2 = new double[d + 1];
    double[] l1 = new double[d + 1];
    double lambda = settings.regParam();
    double alpha = settings.elasticNet();
    double labelScale = labelStd > 0 ? labelStd : Math.abs(labelMean) > 0 ? Math.abs(labelMean) : 1.0;
    double factor;
    double l2Divisor;
    switch (settings.loss()) {
      case SQUARED -> {
        factor = 2;
        l2Divisor = labelScale;
      }
      case HUBER -> {
        factor = 1;
        l2Divisor = labelScale;
      }
      default -> {
        factor = 1;
        l2Divisor = 1;
      }
    }
    for (int j = 0; j < d; j++) {
      double s = featureStd == null ? 1.0 : featureStd[j];
      double scale = scaling.scale(j);
      l2[j] = factor * lambda * (1 - alpha) * s * s / l2Divisor / (scale * scale);
      l1[j] = factor * lambda * alpha * s / scale;
    }
    return new Regularization(l2, l1);
  }

  public boolean hasL1() {
    for (double b : l1) {
      if (b > 0) {
        return true;
      }
    }
    return false;
  }

  /** The largest L2 weight: what the penalty adds to the objective's curvature. */
  public double curvature() {
    double max = 0;
    for (double a : l2) {
      max = Math.max(max, a);
    }
    return max;
  }

  /** The penalty at internal parameters {@code theta}. */
  public double value(double[] theta) {
    double s = 0;
    for (int j = 0; j < l2.length; j++) {
      s += 0.5 * l2[j] * theta[j] * theta[j] + l1[j] * Math.abs(theta[j]);
    }
    return s;
  }

  /** Adds the L2 part's gradient to {@code gradient}. */
  public void addSmoothGradient(double[] theta, double[] gradient) {
    for (int j = 0; j < l2.length; j++) {
      gradient[j] += l2[j] * theta[j];
    }
  }

  /** The L1 part's proximal step of length {@code step}, in place: soft thresholds. */
  public void prox(double[] theta, double step) {
    for (int j = 0; j < l1.length; j++) {
      double t = step * l1[j];
      if (t > 0) {
        theta[j] = theta[j] > t ? theta[j] - t : theta[j] < -t ? theta[j] + t : 0.0;
      }
    }
  }

  /**
   * The norm of the proximal gradient mapping {@code (theta - prox(theta - step g)) / step}: zero exactly
   * at a minimiser; the plain gradient norm when there is no L1 part.
   */
  public double stationarity(double[] theta, double[] gradient, double step) {
    double[] next = new double[theta.length];
    for (int j = 0; j < theta.length; j++) {
      next[j] = theta[j] - step * gradient[j];
    }
    prox(next, step);
    double s = 0;
    for (int j = 0; j < theta.length; j++) {
      double v = (theta[j] - next[j]) / step;
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
