package sparkdgd.optim;

import java.util.Random;
import java.util.function.IntConsumer;
import sparkdgd.loss.DistributedLoss;

/**
 * Picks the step {@code 1/L}, with L the largest eigenvalue of the MSE's Hessian, estimated by the Lanczos method
 * in which each Hessian-vector product is one distributed pass. Gradient descent on a quadratic converges for any
 * step below {@code 2/L}. The estimate, the largest eigenvalue of the small tridiagonal matrix the passes build
 * (its largest Ritz value), approaches L from below and grows with every pass, so {@code 1/estimate} is safe once
 * it is above L/2, which the first passes already reach from a start vector with a component along the top
 * eigenvector. Lanczos needs far fewer passes than power iteration where the top eigenvalues lie close together:
 * on 1e6 LIBSVM rows of 3e6 features power iteration had not settled after 30 passes (50-60 s), see the README.
 * Three vectors are kept, not the whole basis: without reorthogonalization, copies of eigenvalues already found
 * may appear once the basis loses orthogonality, but the largest Ritz value still never exceeds L (Paige).
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
    return estimate(loss.dims() + 1,
        (v, pass) -> loss.hessianTimes(v, "estimate learning rate: Lanczos pass " + pass), afterPass);
  }

  /** A symmetric positive semi-definite matrix, as its products: {@code H v} for pass {@code pass} (from 1). */
  @FunctionalInterface
  interface HessianTimes {
    double[] apply(double[] v, int pass);
  }

  /** The Lanczos estimate of the largest eigenvalue of the {@code n x n} matrix {@code hessian}. */
  static Estimate estimate(int n, HessianTimes hessian, IntConsumer afterPass) {
    double[] q = startVector(n);
    double[] previous = new double[n];
    double[] alphas = new double[MAX_PASSES];
    double[] betas = new double[MAX_PASSES];
    double beta = 0;
    double lambda = 0;
    double change = Double.POSITIVE_INFINITY;
    for (int pass = 1; pass <= MAX_PASSES; pass++) {
      double[] w = hessian.apply(q, pass);
      afterPass.accept(pass);
      if (pass == 1) {
        double norm = Math.sqrt(dot(w, w));
        if (!(norm > 0) || !Double.isFinite(norm)) {
          throw new IllegalStateException("The Hessian estimate is " + norm
              + "; the data has no variation to fit. Pass --learning-rate explicitly.");
        }
      }
      double alpha = dot(q, w);
      alphas[pass - 1] = alpha;
      for (int i = 0; i < n; i++) {
        w[i] -= alpha * q[i] + beta * previous[i];
      }
      beta = Math.sqrt(dot(w, w));
      double ritz = largestEigenvalue(alphas, betas, pass);
      if (!Double.isFinite(ritz)) {
        throw new IllegalStateException("The Hessian estimate is " + ritz + " after " + pass
            + " passes. Pass --learning-rate explicitly.");
      }
      change = pass > 1 ? Math.abs(ritz - lambda) / ritz : Double.POSITIVE_INFINITY;
      lambda = ritz;
      // no direction left (the start vector lies in an invariant subspace, as on a Hessian that is a multiple of
      // the identity): the estimate is exact
      boolean exhausted = beta <= 1e-12 * ritz;
      if (change <= RELATIVE_TOLERANCE || exhausted) {
        return new Estimate(lambda, pass, exhausted ? 0 : change);
      }
      betas[pass - 1] = beta;
      for (int i = 0; i < n; i++) {
        previous[i] = q[i];
        q[i] = w[i] / beta;
      }
    }
    return new Estimate(lambda, MAX_PASSES, change);
  }

  /**
   * The vector of ones plus half as much Gaussian noise from a fixed seed, made a unit vector: the same every run,
   * near the top eigenvector where positively correlated features make it near the ones (sample-data/correlated.csv:
   * 4 passes from this start, 5 from noise alone, 3 from the ones), and with a part along every eigenvector (almost
   * surely). The ones alone, used before, have none along an eigenvector orthogonal to them, such as two standardized
   * columns with x2 = -x1 give ((1, -1, 0): curvature 4 missed, the estimate 2, a step of 2/L that never converges
   * along it), and a Hessian exhausted from them looked exact.
   */
  static double[] startVector(int n) {
    Random rnd = new Random(20261207L);
    double[] q = new double[n];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      q[i] = 1 + 0.5 * rnd.nextGaussian();
      norm += q[i] * q[i];
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < n; i++) {
      q[i] /= norm;
    }
    return q;
  }

  /**
   * The largest eigenvalue of the symmetric tridiagonal matrix of diagonal {@code alphas[0, k)} and off-diagonal
   * {@code betas[0, k - 1)}, by bisection on Sturm counts (the number of eigenvalues below x), to the last bits.
   */
  static double largestEigenvalue(double[] alphas, double[] betas, int k) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < k; i++) { // Gershgorin's discs hold every eigenvalue
      double radius = (i > 0 ? Math.abs(betas[i - 1]) : 0) + (i < k - 1 ? Math.abs(betas[i]) : 0);
      lo = Math.min(lo, alphas[i] - radius);
      hi = Math.max(hi, alphas[i] + radius);
    }
    if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
      return Double.NaN;
    }
    for (int step = 0; step < 200 && hi - lo > Math.ulp(Math.max(Math.abs(lo), Math.abs(hi))); step++) {
      double mid = lo + (hi - lo) / 2;
      if (countBelow(alphas, betas, k, mid) == k) {
        hi = mid; // every eigenvalue is below mid
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  /** How many eigenvalues of the tridiagonal matrix lie below x (the negative pivots of its LDL' form at x). */
  private static int countBelow(double[] alphas, double[] betas, int k, double x) {
    int count = 0;
    double d = 1;
    for (int i = 0; i < k; i++) {
      double off = i > 0 ? betas[i - 1] * betas[i - 1] : 0;
      d = alphas[i] - x - (i > 0 ? off / d : 0);
      if (d == 0) {
        d = -Double.MIN_NORMAL; // x is an eigenvalue of the leading block: count it below, as its neighbours are
      }
      if (d < 0) {
        count++;
      }
    }
    return count;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
