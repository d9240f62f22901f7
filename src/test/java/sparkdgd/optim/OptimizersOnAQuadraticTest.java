package sparkdgd.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkdgd.loss.LossEvaluation;
import sparkdgd.loss.Metrics;

/**
 * The update rules on f(x) = 1/2 x'Ax - b'x with A = [[10, 2], [2, 1]], b = [1, 1], whose minimiser is
 * x* = A^{-1} b = [-1/6, 4/3] (det A = 6), and with an L1 term, whose minimiser is worked out below.
 */
class OptimizersOnAQuadraticTest {
  private static final double[][] A = {{10, 2}, {2, 1}};
  private static final double[] B = {1, 1};
  private static final double[] OPTIMUM = {-1.0 / 6, 4.0 / 3};

  private static Evaluation quadratic(double[] x) {
    double[] g = new double[2];
    double f = 0;
    for (int i = 0; i < 2; i++) {
      double ax = A[i][0] * x[0] + A[i][1] * x[1];
      g[i] = ax - B[i];
      f += 0.5 * x[i] * ax - B[i] * x[i];
    }
    return new Evaluation(f, g, new LossEvaluation(f, g, 1, new Metrics(Map.of())));
  }

  private static double[] run(Optimizer o, int iterations) {
    double[] x = new double[2];
    Evaluation e = quadratic(x);
    for (int k = 1; k <= iterations; k++) {
      e = o.step(k, x, e, OptimizersOnAQuadraticTest::quadratic);
    }
    return x;
  }

  @Test
  void everyRuleFindsTheMinimiser() {
    double step = 1.0 / 10.4; // 1/L, L = the largest eigenvalue of A (5.5 + sqrt(20.25 + 4) = 10.42)
    assertArrayEquals(OPTIMUM, run(new GradientDescent(StepSchedule.constant(step), Regularization.none(1)), 2000),
        1e-10);
    assertArrayEquals(OPTIMUM, run(new Nesterov(StepSchedule.constant(step), Regularization.none(1)), 300), 1e-10);
    assertArrayEquals(OPTIMUM, run(new Lbfgs(step), 30), 1e-10);
  }

  @Test
  void lbfgsAndNesterovGetThereFarSoonerThanGd() {
    double step = 1.0 / 10.4;
    double[] gd = run(new GradientDescent(StepSchedule.constant(step), Regularization.none(1)), 60);
    double[] nesterov = run(new Nesterov(StepSchedule.constant(step), Regularization.none(1)), 60);
    double errGd = Math.hypot(gd[0] - OPTIMUM[0], gd[1] - OPTIMUM[1]);
    double errNesterov = Math.hypot(nesterov[0] - OPTIMUM[0], nesterov[1] - OPTIMUM[1]);
    assertTrue(errNesterov < errGd / 100, "nesterov " + errNesterov + " vs gd " + errGd);
    // the quasi-Newton model of a 2-D quadratic is right after a few pairs: superlinear from then on
    double[] lbfgs = run(new Lbfgs(step), 15);
    double errLbfgs = Math.hypot(lbfgs[0] - OPTIMUM[0], lbfgs[1] - OPTIMUM[1]);
    assertTrue(errLbfgs < 1e-10, "lbfgs after 15 iterations: " + errLbfgs + " (gd after 60: " + errGd + ")");
  }

  /**
   * Near the minimum the decrease Armijo asks of a step is below the rounding of the objective, which over
   * millions of rows is a sum accurate to about 1e-13 of itself; the gradient is still accurate there. Here
   * the quadratic (plus 1) is returned with such an error, a fixed pseudo-random function of the point, and
   * L-BFGS must still reach a gradient of 1e-12 in a few passes instead of backtracking on noise and giving up.
   */
  @Test
  void lbfgsReachesATinyGradientWhenTheObjectiveIsOnlyAccurateToRounding() {
    int[] passes = {0};
    ObjectiveFunction rounded = x -> {
      passes[0]++;
      Evaluation exact = quadratic(x);
      long bits = Double.doubleToLongBits(x[0]) * 31 + Double.doubleToLongBits(x[1]);
      double error = 1e-13 * (2 * new java.util.SplittableRandom(bits).nextDouble() - 1);
      return new Evaluation((1 + exact.objective()) * (1 + error), exact.gradient(), exact.data());
    };
    Lbfgs lbfgs = new Lbfgs(1.0 / 10.4);
    double[] x = new double[2];
    Evaluation e = rounded.at(x);
    for (int k = 1; k <= 40 && e.gradientNorm() > 1e-12 && !lbfgs.stalled(); k++) {
      e = lbfgs.step(k, x, e, rounded);
    }
    assertTrue(e.gradientNorm() <= 1e-12, "gradient norm " + e.gradientNorm() + " after " + passes[0]
        + " passes, stalled: " + lbfgs.stalled());
    assertArrayEquals(OPTIMUM, x, 2e-12); // |x - x*| <= |g| / (smallest eigenvalue of A, 0.576)
    assertTrue(passes[0] <= 20, passes[0] + " passes");
  }

  /**
   * The slope half of the approximate test: on f(x) = 1 + x^2/2 from x = 1e-5, a first step of 2 along -g
   * lands on x = -1e-5, the same objective (within rounding, so Armijo fails and the approximate test is
   * asked), but the slope there is as steep upwards as it was downwards, so the trial must be refused and
   * the half step, to the minimum x = 0, taken.
   */
  @Test
  void lbfgsRefusesAnOvershootOfTheSameObjectiveNearTheMinimum() {
    ObjectiveFunction f = x -> {
      double[] g = {x[0]};
      return new Evaluation(1 + 0.5 * x[0] * x[0], g, new LossEvaluation(0, g, 1, new Metrics(Map.of())));
    };
    Lbfgs lbfgs = new Lbfgs(2.0);
    double[] x = {1e-5};
    lbfgs.step(1, x, f.at(x), f);
    assertEquals(0.0, x[0], 0.0);
    assertTrue(!lbfgs.stalled());
  }

  /**
   * Away from rounding Armijo's test alone decides: on a convex kinked line, 1 - s x up to a kink and 0.7 s per
   * unit after it, placed so that the full step from 0 lands a hair (1.7e-11) above the start with a slope
   * within the approximate test's bound. Armijo asks for a decrease of 1e-8 there, far above rounding, so the
   * step must be refused and a shorter one that lowers the objective taken.
   */
  @Test
  void lbfgsKeepsArmijosTestAwayFromRounding() {
    double s = 1e-2;
    double kink = 0.7 * s / 1.7 - 1e-9;
    ObjectiveFunction f = x -> {
      boolean before = x[0] <= kink;
      double value = before ? 1 - s * x[0] : 1 - s * kink + 0.7 * s * (x[0] - kink);
      double[] g = {before ? -s : 0.7 * s};
      return new Evaluation(value, g, new LossEvaluation(0, g, 1, new Metrics(Map.of())));
    };
    Lbfgs lbfgs = new Lbfgs(1.0);
    double[] x = {0};
    assertTrue(f.at(new double[] {s}).objective() > 1, "the full step rises");
    Evaluation after = lbfgs.step(1, x, f.at(x), f);
    assertTrue(after.objective() < 1 - 1e-6, "objective after the step: " + after.objective() + " at " + x[0]);
  }

  @Test
  void nesterovStateRestoresBitForBit() {
    double step = 1.0 / 10.4;
    Nesterov straight = new Nesterov(StepSchedule.constant(step), Regularization.none(1));
    double[] x = new double[2];
    Evaluation e = quadratic(x);
    for (int k = 1; k <= 10; k++) {
      e = straight.step(k, x, e, OptimizersOnAQuadraticTest::quadratic);
    }
    Nesterov resumed = new Nesterov(StepSchedule.constant(step), Regularization.none(1));
    resumed.restore(straight.state());
    double[] y = x.clone();
    Evaluation ey = quadratic(y);
    for (int k = 11; k <= 20; k++) {
      e = straight.step(k, x, e, OptimizersOnAQuadraticTest::quadratic);
      ey = resumed.step(k, y, ey, OptimizersOnAQuadraticTest::quadratic);
    }
    assertArrayEquals(x, y, 0.0);
  }

  @Test
  void proximalStepsSolveTheL1ProblemExactly() {
    // 1/2 |x|^2 - b'x + |x_0| + |x_1| with b = [3, 0.5]: separable, so x_i = sign(b_i) max(|b_i| - 1, 0) = [2, 0].
    double[] b = {3, 0.5};
    ObjectiveFunction f = x -> {
      double[] g = {x[0] - b[0], x[1] - b[1]};
      double v = 0.5 * (x[0] * x[0] + x[1] * x[1]) - b[0] * x[0] - b[1] * x[1];
      return new Evaluation(v, g, new LossEvaluation(v, g, 1, new Metrics(Map.of())));
    };
    // logistic scaling: L1 weight = regParam * elasticNet = 1 on each raw weight
    Regularization l1 = Regularization.of(new sparkdgd.config.LossSettings(sparkdgd.config.LossKind.LOGISTIC, 1,
        1.0, 1.0), sparkdgd.loss.FeatureScaling.identity(2), null, 1, 0);
    // the intercept slot is never penalised, so use a 3-vector whose last entry has b = 0
    ObjectiveFunction f3 = x -> {
      Evaluation e = f.at(new double[] {x[0], x[1]});
      double[] g = {e.gradient()[0], e.gradient()[1], x[2]};
      return new Evaluation(e.objective() + 0.5 * x[2] * x[2], g, e.data());
    };
    for (Optimizer o : new Optimizer[] {new GradientDescent(StepSchedule.constant(0.5), l1),
        new Nesterov(StepSchedule.constant(0.5), l1)}) {
      double[] x = new double[3];
      Evaluation e = f3.at(x);
      for (int k = 1; k <= 200; k++) {
        e = o.step(k, x, e, f3);
      }
      assertEquals(2.0, x[0], 1e-12, o.toString());
      assertEquals(0.0, x[1], 0.0, o.toString() + ": exactly zero");
      assertEquals(0.0, x[2], 1e-12, o.toString());
    }
  }

  /**
   * Nesterov's point is its iterate plus momentum, so where the soft threshold has just set a weight to 0 the point
   * is not 0 there: the run returns the iterate ({@link Optimizer#iterate}). On 1/2 x'Ax - b'x + |x_0| + |x_1| with
   * A = [[1, 0.9], [0.9, 1]], b = [3, 2.5], x_1 first grows (b_1 > 1) and then falls to its optimum 0
   * (|b_1 - 0.9 x_0| = 0.7 < 1 at x_0 = 2).
   */
  @Test
  void nesterovReturnsItsIterateWithTheExactZerosOfTheProximalStep() {
    double[][] a = {{1, 0.9}, {0.9, 1}};
    double[] b = {3, 2.5, 0};
    ObjectiveFunction f = x -> {
      double[] g = {a[0][0] * x[0] + a[0][1] * x[1] - b[0], a[1][0] * x[0] + a[1][1] * x[1] - b[1], x[2]};
      double v = 0.5 * (x[0] * (g[0] + b[0]) + x[1] * (g[1] + b[1]) + x[2] * x[2]) - b[0] * x[0] - b[1] * x[1];
      return new Evaluation(v, g, new LossEvaluation(v, g, 1, new Metrics(Map.of())));
    };
    Regularization l1 = Regularization.of(new sparkdgd.config.LossSettings(sparkdgd.config.LossKind.LOGISTIC, 1,
        1.0, 1.0), sparkdgd.loss.FeatureScaling.identity(2), null, 1, 0);
    Nesterov nesterov = new Nesterov(StepSchedule.constant(0.5), l1);
    double[] point = new double[3];
    Evaluation e = f.at(point);
    int zeroOnlyInTheIterate = 0;
    for (int k = 1; k <= 300; k++) {
      e = nesterov.step(k, point, e, f);
      if (nesterov.iterate(point)[1] == 0 && point[1] != 0) {
        zeroOnlyInTheIterate++;
      }
    }
    assertTrue(zeroOnlyInTheIterate > 0, "the point never differed from the iterate where it is 0: shows nothing");
    double[] answer = nesterov.iterate(point);
    assertEquals(2.0, answer[0], 1e-12);
    assertEquals(0.0, answer[1], 0.0, "exactly zero");
    assertEquals(new GradientDescent(StepSchedule.constant(0.5), l1).iterate(point), point, "other rules: the point");
  }
}
