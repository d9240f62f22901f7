package sparkdgd.loss;

import java.io.Serializable;
import java.util.Arrays;
import sparkdgd.block.Block;
import sparkdgd.block.SparseBlock;

/**
 * The internal parameterisation used by the optimizer. With standardisation, the model is fitted on
 * {@code z_j = (x_j - mean_j) / scale_j}: {@code yhat = sum theta_j z_j + theta_d}. The data is never
 * rewritten; instead the driver maps the internal parameters to raw ones each epoch
 * ({@code w_j = theta_j / scale_j}, {@code b = theta_d - sum w_j mean_j}) and maps the raw gradient sums
 * back ({@code dMSE/dtheta_j = (2/n)(sum r x_j - mean_j sum r) / scale_j}, {@code dMSE/dtheta_d = (2/n) sum r}).
 * Without standardisation every mean is 0 and every scale 1, so internal and raw parameters coincide.
 * A constant feature (standard deviation 0) keeps scale 1: its centred value is 0, and its gradient is set to exactly
 * 0 (the raw sums give {@code sum r x_j - mean_j sum r}, zero only up to rounding), so its weight stays exactly 0, as
 * in Spark ML (it had come out near 1e-15).
 *
 * <p>Without an intercept ({@link #withoutIntercept}) nothing is centred, since a centre moves the intercept: the
 * model is {@code yhat = sum theta_j x_j / scale_j}, and the intercept's gradient is 0, so every optimizer, starting
 * from 0, leaves it there.
 */
public final class FeatureScaling implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] means;
  private final double[] scales;
  private final boolean intercept;
  private final boolean[] constant;

  private FeatureScaling(double[] means, double[] scales, boolean intercept, boolean[] constant) {
    if (means.length != scales.length || constant.length != scales.length) {
      throw new IllegalArgumentException("Expecting " + means.length + " scales but got " + scales.length);
    }
    this.means = means.clone();
    this.scales = scales.clone();
    this.intercept = intercept;
    this.constant = constant.clone();
  }

  /** No scaling: internal parameters are the raw ones. */
  public static FeatureScaling identity(int dims) {
    double[] ones = new double[dims];
    Arrays.fill(ones, 1.0);
    return new FeatureScaling(new double[dims], ones, true, new boolean[dims]);
  }

  /** Centres on {@code means} and divides by {@code std} (by 1 where a feature is constant). */
  public static FeatureScaling standardize(double[] means, double[] std) {
    return standardize(means, std, std);
  }

  /**
   * Centres on {@code means} and divides by {@code scales} (by 1 where a scale is 0); the features whose
   * {@code std} is 0 are constant, their weights held at 0.
   */
  public static FeatureScaling standardize(double[] means, double[] scales, double[] std) {
    double[] kept = new double[scales.length];
    boolean[] constant = new boolean[std.length];
    for (int j = 0; j < scales.length; j++) {
      kept[j] = scales[j] > 0 && Double.isFinite(scales[j]) ? scales[j] : 1.0;
      constant[j] = std[j] == 0;
    }
    return new FeatureScaling(means, kept, true, constant);
  }

  /**
   * The same scales, nothing centred, and the intercept fixed at 0: the model {@code y = w.x}. A constant feature
   * is then the only way to an offset, and is fitted as any other.
   */
  public FeatureScaling withoutIntercept() {
    return new FeatureScaling(new double[dims()], scales, false, new boolean[dims()]);
  }

  /** Whether the intercept is a parameter (else it stays 0). */
  public boolean fitsIntercept() {
    return intercept;
  }

  public int dims() {
    return means.length;
  }

  /** Raw coefficients {@code [w_0..w_{d-1}, b]} for internal parameters {@code theta} of length d+1. */
  public double[] toRaw(double[] theta) {
    int d = dims();
    checkLength(theta.length);
    double[] raw = new double[d + 1];
    double b = theta[d];
    for (int j = 0; j < d; j++) {
      raw[j] = theta[j] / scales[j];
      b -= raw[j] * means[j];
    }
    raw[d] = intercept ? b : 0;
    return raw;
  }

  /**
   * The internal parameters of raw coefficients {@code [w_0..w_{d-1}, b]}: the inverse of {@link #toRaw}. Without
   * an intercept, {@code b} must be 0.
   */
  public double[] toInternal(double[] raw) {
    int d = dims();
    checkLength(raw.length);
    if (!intercept && raw[d] != 0) {
      throw new IllegalArgumentException("An intercept of " + raw[d] + " where the model has none");
    }
    double[] theta = new double[d + 1];
    double b = raw[d];
    for (int j = 0; j < d; j++) {
      theta[j] = raw[j] * scales[j];
      b += raw[j] * means[j];
    }
    theta[d] = intercept ? b : 0;
    return theta;
  }

  /**
   * The MSE gradient with respect to the internal parameters, from a pass's raw sums
   * ({@code sums[j] = sum r x_j}, {@code sums[d] = sum r}) over {@code rows} rows.
   */
  public double[] internalGradient(double[] sums, double rows) {
    return internalGradient(sums, rows, 2.0);
  }

  /**
   * The gradient of a mean loss with respect to the internal parameters, from the multiplier sums
   * ({@code sums[j] = sum g x_j}, {@code sums[d] = sum g}): {@code factor / rows} times their internal form.
   */
  public double[] internalGradient(double[] sums, double rows, double factor) {
    int d = dims();
    double[] g = new double[d + 1];
    double residualSum = sums[d];
    double twoOverN = factor / rows;
    for (int j = 0; j < d; j++) {
      g[j] = constant[j] ? 0 : twoOverN * (sums[j] - means[j] * residualSum) / scales[j];
    }
    g[d] = intercept ? twoOverN * residualSum : 0;
    return g;
  }

  /**
   * Row {@code i} of {@code b} in the internal coordinates, as the optimizer sees it: {@code z_j} in {@code into[j]}
   * (0 for a constant feature, whose weight is held at 0), then 1 at {@code into[d]} for the intercept when it is
   * fitted, else 0.
   */
  public void internalRow(Block b, int i, double[] into) {
    int d = dims();
    for (int j = 0; j < d; j++) {
      into[j] = constant[j] ? 0 : (b.value(i, j) - means[j]) / scales[j];
    }
    into[d] = intercept ? 1 : 0;
  }

  /** Divisor of internal feature j: the feature's standard deviation when standardising, else 1. */
  public double scale(int j) {
    return scales[j];
  }

  /**
   * The largest squared norm of a row of {@code b} in the internal coordinates: {@code sum_j z_j^2}, with 1 for the
   * intercept when it is fitted, constant features (held at 0) left out. A sparse block's rows hold
   * {@code -mean_j / scale_j} where they list nothing: {@code unlisted} is that sum over every feature, from
   * {@link #unlistedNorm}, and each row corrects it for the features it lists.
   */
  public double largestRowNorm(Block b, double unlisted) {
    int d = dims();
    double largest = 0;
    for (int i = 0; i < b.rows(); i++) {
      double norm = intercept ? 1 : 0;
      if (b instanceof SparseBlock s) {
        norm += unlisted;
        for (int k = s.rowStarts()[i]; k < s.rowStarts()[i + 1]; k++) {
          int j = s.indices()[k];
          if (!constant[j]) {
            double z = (s.values()[k] - means[j]) / scales[j];
            double zero = means[j] / scales[j];
            norm += z * z - zero * zero;
          }
        }
      } else {
        for (int j = 0; j < d; j++) {
          if (!constant[j]) {
            double z = (b.value(i, j) - means[j]) / scales[j];
            norm += z * z;
          }
        }
      }
      largest = Math.max(largest, norm);
    }
    return largest;
  }

  /** {@code sum_j (mean_j / scale_j)^2} over the features that are not constant: a sparse row that lists none. */
  public double unlistedNorm() {
    double sum = 0;
    for (int j = 0; j < dims(); j++) {
      if (!constant[j]) {
        sum += (means[j] / scales[j]) * (means[j] / scales[j]);
      }
    }
    return sum;
  }

  private void checkLength(int length) {
    if (length != dims() + 1) {
      throw new IllegalArgumentException("Expecting " + (dims() + 1) + " parameters but got " + length);
    }
  }
}
