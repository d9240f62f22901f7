package sparkdgd.train;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;

/**
 * How far gradient descent stopped by {@code --epochs} still had to take the coefficients, where the objective
 * said little: on correlated features it flattens long before the coefficients settle (a user's review: two columns
 * correlated 0.999 ended 100 epochs with coefficients 1.48 and 1.52 against least squares' 1.14 and 1.86, the
 * objective 0.087% above its minimum and changing by 7.9e-7 of itself an epoch, below every other warning's
 * threshold). A step of gradient descent at a constant rate is {@code rate x |gradient|} long, and where the gradient
 * shrinks by a steady factor r an epoch (the slowest direction left), the steps to come from the last record's
 * gradient add up to {@code rate |g| / (1 - r)}, in the optimizer's coordinates (standardized features): there 0.49,
 * where the coefficients were 0.49 from least squares. The size it is told against is the coefficients' alone (the
 * intercept starts at the labels' mean, which would hide them where that is large).
 */
final class CoefficientDrift {
  /** A distance to come below this fraction of the coefficients' size is not told. */
  static final double TOLD_FROM = 1e-3;
  /** The last two epochs' factors must agree to this fraction of {@code 1 - r}: the slowest direction is all left. */
  static final double STEADY = 0.1;

  private CoefficientDrift() {}

  /**
   * The warning for {@code result}, if due: only for gradient descent (full batches, no L1 penalty, a constant rate)
   * stopped by {@code --epochs}, and not with {@code --tol 0}, a fixed number of epochs asked for.
   */
  static Optional<String> warning(Trainer.Result result, OptimizerSettings opt, boolean l1, double tol,
      double learningRate, int epochs, String remedy) {
    boolean plainSteps = opt.optimizer() == OptimizerKind.GD && opt.batchFraction() == 1
        && opt.schedule() == ScheduleKind.CONSTANT && !l1;
    if (result.stopReason() != StopReason.MAX_EPOCHS || !plainSteps || !(tol > 0)) {
      return Optional.empty();
    }
    return warning(result.history(), result.theta(), learningRate, epochs, remedy);
  }

  /**
   * The warning, if due, from the gradient norms of a run's {@code history} and its internal parameters {@code theta}
   * (the intercept last), stepped by {@code learningRate}; {@code remedy} follows "raise --epochs".
   */
  static Optional<String> warning(List<EpochRecord> history, double[] theta, double learningRate, int epochs,
      String remedy) {
    int n = history.size();
    if (n < 3) {
      return Optional.empty();
    }
    double g0 = history.get(n - 3).gradientNorm();
    double g1 = history.get(n - 2).gradientNorm();
    double g2 = history.get(n - 1).gradientNorm();
    if (!(g0 > 0 && g1 > 0 && g2 > 0) || !Double.isFinite(g0)) {
      return Optional.empty();
    }
    double r = g2 / g1;
    double before = g1 / g0;
    if (!(r < 1) || Math.abs((1 - r) - (1 - before)) > STEADY * (1 - r)) {
      return Optional.empty();
    }
    double toCome = learningRate * g2 / (1 - r);
    double size = 0;
    for (int j = 0; j < theta.length - 1; j++) {
      size += theta[j] * theta[j];
    }
    size = Math.sqrt(size);
    if (!(toCome > TOLD_FROM * size)) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "stopped by --epochs %d while the coefficients still moved: the "
        + "gradient shrank by only %.2g%% an epoch, and at that pace gradient descent would take the parameters about "
        + "%.2g further in its coordinates (%.2g%% of the coefficients' size there), though the objective hardly "
        + "changed; correlated features flatten the objective long before the coefficients settle; raise --epochs%s",
        epochs, 100 * (1 - r), toCome, 100 * toCome / size, remedy));
  }
}
