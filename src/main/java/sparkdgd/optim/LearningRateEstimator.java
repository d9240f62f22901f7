package sparkdgd.optim;

import java.util.Arrays;
import java.util.function.IntConsumer;
import sparkdgd.loss.DistributedLoss;

/**
 * Picks the step {@code 1/L}, with L the largest eigenvalue of the MSE's Hessian, estimated by power
 * iteration in which each Hessian-vector product is one distributed pass. Gradient descent on a
 * quadratic converges for any step below {@code 2/L}; the estimate approaches L from below (a Rayleigh
 * quotient never exceeds it), so {@code 1/estimate} is safe once the estimate is above L/2, which the
 * first iterations already reach from a start vector with a component along the top eigenvector.
 */
public final class LearningRateEstimator {
  /** Stop when the eigenvalue estimate changes by less than this, relatively. */
  static final double RELATIVE_TOLERANCE = 1e-3;
  public static final int MAX_PASSES = 30;

  private LearningRateEstimator() {}

  /**
   * The estimate of L and the passes spent; {@code lastChange} is the estimate's relative change in the last pass,
   * below {@link #RELATIVE_TOLERANCE} when it settled, else it stopped at {@link #MAX_PASSES}.
   */
  public record Estimate(double largestEigenvalue, int passes, double lastChange) {
    /** Whether the estimate settled, rather than stopping at {@link #MAX_PASSES}. */
    public boolean settled() {
      return lastChange <= RELATIVE_TOLERANCE;
    }

    /**
     * The largest curvature of an objective whose loss's second derivative is at most
     * {@code lossCurvature} times the squared loss's, plus a penalty adding {@code penaltyCurvature}:
     * its step is the inverse.
     */
    public double curvature(double lossCurvature, double penaltyCurvature) {
      return largestEigenvalue * lossCurvature + penaltyCurvature;
    }
  }

  public static Estimate estimate(DistributedLoss loss) {
    return estimate(loss, pass -> { });
  }

  /** {@link #estimate(DistributedLoss)}, telling {@code afterPass} each pass's number when it is done. */
  public static Estimate estimate(DistributedLoss loss, IntConsumer afterPass) {
    double[] v = new double[loss.dims() + 1];
    Arrays.fill(v, 1.0 / Math.sqrt(v.length));
    double lambda = 0;
    double change = Double.POSITIVE_INFINITY;
    for (int pass = 1; pass <= MAX_PASSES; pass++) {
      double[] hv = loss.hessianTimes(v, "estimate learning rate: power iteration " + pass);
      afterPass.accept(pass);
      double rayleigh = dot(v, hv);
      double norm = Math.sqrt(dot(hv, hv));
      if (!(norm > 0) || !Double.isFinite(norm)) {
        throw new IllegalStateException("The Hessian estimate is " + norm
            + "; the data has no variation to fit. Pass --learning-rate explicitly.");
      }
      change = pass > 1 ? Math.abs(rayleigh - lambda) / rayleigh : Double.POSITIVE_INFINITY;
      lambda = rayleigh;
      if (change <= RELATIVE_TOLERANCE) {
        return new Estimate(lambda, pass, change);
      }
      for (int i = 0; i < v.length; i++) {
        v[i] = hv[i] / norm;
      }
    }
    return new Estimate(lambda, MAX_PASSES, change);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
