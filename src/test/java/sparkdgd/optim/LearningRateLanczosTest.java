package sparkdgd.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The estimator's Lanczos method on matrices whose eigenvalues are known by construction. */
class LearningRateLanczosTest {
  @Test
  void theTridiagonalsLargestEigenvalueIsTheClosedForms() {
    // tridiag(-1, 2, -1) of size k: eigenvalues 2 - 2 cos(j pi / (k + 1)), the largest 2 + 2 cos(pi / (k + 1))
    for (int k : new int[] {1, 2, 3, 10, 30}) {
      double[] alphas = new double[k];
      double[] betas = new double[k];
      java.util.Arrays.fill(alphas, 2);
      java.util.Arrays.fill(betas, -1);
      assertEquals(2 + 2 * Math.cos(Math.PI / (k + 1)), LearningRateEstimator.largestEigenvalue(alphas, betas, k),
          1e-14, "k = " + k);
    }
    // [[a, b], [b, c]]: (a + c)/2 + sqrt(((a - c)/2)^2 + b^2)
    assertEquals(2.5 + Math.sqrt(2.25 + 16), LearningRateEstimator.largestEigenvalue(
        new double[] {4, 1}, new double[] {4}, 2), 1e-14);
  }

  /**
   * A rotated diagonal matrix of 1,001 eigenvalues: the largest 10, the next 9.95, the rest spread below 9.9. Power
   * iteration's Rayleigh quotient creeps up there, and with the same stop rule (a change under 1e-3 of itself in a
   * pass) stops well short of 10. The Lanczos estimate, from the same start, stops in fewer passes, nearer 10, from
   * below.
   */
  @Test
  void settlesSoonerAndNearerTheLargestEigenvalueThanPowerIteration() {
    int n = 1001;
    Random rnd = new Random(7);
    double[] eigenvalues = new double[n];
    eigenvalues[0] = 10;
    eigenvalues[1] = 9.95;
    for (int i = 2; i < n; i++) {
      eigenvalues[i] = 9.9 * rnd.nextDouble();
    }
    // H = R diag R with R = I - 2 u u' (a reflection: orthogonal and its own inverse), so the same eigenvalues
    double[] u = new double[n];
    double norm = 0;
    for (int i = 0; i < n; i++) {
      u[i] = rnd.nextGaussian();
      norm += u[i] * u[i];
    }
    for (int i = 0; i < n; i++) {
      u[i] /= Math.sqrt(norm);
    }
    LearningRateEstimator.HessianTimes h = (v, pass) -> reflect(u, scale(eigenvalues, reflect(u, v)));
    List<Integer> told = new ArrayList<>();
    LearningRateEstimator.Estimate e = LearningRateEstimator.estimate(n, h, told::add);
    assertTrue(e.largestEigenvalue() <= 10 * (1 + 1e-12), "never above the largest eigenvalue: " + e);
    assertEquals(10, e.largestEigenvalue(), 0.02 * 10, e.toString());
    assertTrue(e.settled() && e.passes() < LearningRateEstimator.MAX_PASSES, e.toString());
    assertEquals(java.util.stream.IntStream.rangeClosed(1, e.passes()).boxed().toList(), told, "each pass told");

    // power iteration from the same start, stopped by the same rule
    double[] v = LearningRateEstimator.startVector(n);
    double rayleigh = 0;
    int powerPasses = 0;
    for (int pass = 1; pass <= 200; pass++) {
      double[] hv = h.apply(v, pass);
      double next = dot(v, hv);
      boolean settled = pass > 1 && Math.abs(next - rayleigh) / next <= 1e-3;
      rayleigh = next;
      powerPasses = pass;
      if (settled) {
        break;
      }
      double len = Math.sqrt(dot(hv, hv));
      for (int i = 0; i < n; i++) {
        v[i] = hv[i] / len;
      }
    }
    // power iteration stops after more passes, further from 10
    assertTrue(powerPasses > e.passes() && 10 - rayleigh > 1.5 * (10 - e.largestEigenvalue()),
        "power iteration: " + rayleigh + " after " + powerPasses + " passes; Lanczos: " + e);
  }

  @Test
  void aMultipleOfTheIdentityIsExactAfterOnePassAndAZeroMatrixIsRefused() {
    LearningRateEstimator.Estimate e = LearningRateEstimator.estimate(5, (v, pass) -> scale(
        new double[] {2, 2, 2, 2, 2}, v), pass -> { });
    assertEquals(2, e.largestEigenvalue(), 1e-15);
    assertEquals(1, e.passes());
    assertTrue(e.settled());
    IllegalStateException zero = assertThrows(IllegalStateException.class,
        () -> LearningRateEstimator.estimate(3, (v, pass) -> new double[3], pass -> { }));
    assertTrue(zero.getMessage().contains("no variation"), zero.getMessage());
  }

  /**
   * Two standardized columns with x2 = -x1 (and the intercept): the Hessian 2 [[1, -1, 0], [-1, 1, 0], [0, 0, 1]] has
   * eigenvalues 4, 2 and 0, and its top eigenvector (1, -1, 0) is orthogonal to the vector of ones, from which the
   * estimate was 2 and "exact"; from the seeded start it is 4.
   */
  @Test
  void anEigenvectorOrthogonalToTheOnesIsFound() {
    LearningRateEstimator.HessianTimes h = (v, pass) -> new double[] {2 * (v[0] - v[1]), 2 * (v[1] - v[0]), 2 * v[2]};
    LearningRateEstimator.Estimate e = LearningRateEstimator.estimate(3, h, pass -> { });
    assertEquals(4, e.largestEigenvalue(), 1e-12, e.toString());
    assertTrue(e.largestEigenvalue() <= 4 * (1 + 1e-12), e.toString());
  }

  @Test
  void aProductThatIsNotFiniteIsRefusedNamingThePass() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LearningRateEstimator.estimate(4,
        (v, pass) -> pass == 1 ? new double[] {3 * v[0], v[1], v[2], v[3]} : new double[] {Double.NaN, 0, 0, 0},
        pass -> { }));
    assertTrue(e.getMessage().contains("after 2 passes"), e.getMessage());
  }

  private static double[] reflect(double[] u, double[] v) {
    double uv = dot(u, v);
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] - 2 * uv * u[i];
    }
    return out;
  }

  private static double[] scale(double[] d, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = d[i] * v[i];
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
