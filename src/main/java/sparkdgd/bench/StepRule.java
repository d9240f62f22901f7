package sparkdgd.bench;

/**
 * The step rule of the correctness check, stated once so that ours and MLlib's take the same steps.
 *
 * <p>MLlib's {@code LeastSquaresGradient} is the gradient of {@code (1/2)(w.x - y)^2}, which
 * {@code GradientDescent} averages over the rows: {@code g_mllib = (1/n) sum r x}. Its {@code SimpleUpdater}
 * steps {@code w -= (s / sqrt(i)) g_mllib} at iteration {@code i = 1, 2, ..}. Our gradient is that of the
 * MSE, {@code g_ours = (2/n) sum r x = 2 g_mllib}, so the same update is {@code w -= eta_i g_ours} with
 * {@code eta_i = s / (2 sqrt(i))}. The intercept is MLlib's weight on a constant feature 1.
 *
 * <p>Automatic {@code s}: for features {@code U(0,1)} plus the constant, the Hessian of MLlib's objective is
 * {@code E[x x^T] = I/12 (features only) + m m^T} with {@code m = (1/2, .., 1/2, 1)}; its largest eigenvalue
 * is at most {@code L = 1/12 + d/4 + 1}, and {@code s = 1/L} is a stable step for every iteration.
 */
public final class StepRule {
  private StepRule() {}

  /** MLlib's {@code stepSize}: {@code requested}, or {@code 1/L} when {@code requested} is 0. */
  public static double mllibStep(double requested, int features) {
    return requested > 0 ? requested : 1.0 / (1.0 / 12 + features / 4.0 + 1.0);
  }

  /** Our learning rate at iteration {@code i} (1-based) for MLlib's {@code stepSize} {@code s}. */
  public static double ourStep(double s, int i) {
    return s / (2 * Math.sqrt(i));
  }
}
