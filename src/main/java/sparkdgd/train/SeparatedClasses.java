package sparkdgd.train;

import java.util.Optional;
import sparkdgd.config.LossKind;
import sparkdgd.config.LossSettings;

/**
 * The warning for logistic regression without a penalty on classes the features separate: the log-loss then falls
 * towards zero as the weights grow, no finite optimum exists, and a run ends only when the gradient underflows
 * (on a separable line, L-BFGS stopped after 59 epochs with weights 5324 and 2709 and a log-loss of 1.8e-14,
 * "the gradient is exactly zero") or at --epochs.
 */
public final class SeparatedClasses {
  /** A training log-loss below this counts as separated (a handful of rows near the boundary give more). */
  static final double NEAR_ZERO_LOG_LOSS = 1e-6;

  private SeparatedClasses() {}

  /** The warning, when {@code loss} is logistic without a penalty and {@code last} (the returned) fits perfectly. */
  public static Optional<String> warning(LossSettings loss, EpochRecord last) {
    if (loss.loss() != LossKind.LOGISTIC || loss.regParam() > 0 || last == null) {
      return Optional.empty();
    }
    // the log-loss, not the stop: a gradient that is exactly zero at log-loss log 2 (features that tell nothing) is
    // no separation, and one that underflows on separated classes comes with a log-loss far below this
    Double logLoss = last.train().values().get("logloss");
    if (!((logLoss != null ? logLoss : last.objective()) < NEAR_ZERO_LOG_LOSS)) {
      return Optional.empty();
    }
    return Optional.of("the classes are separated by the features: without a penalty the weights grow without "
        + "bound; add --reg-param (e.g. 0.01) for a finite model");
  }
}
