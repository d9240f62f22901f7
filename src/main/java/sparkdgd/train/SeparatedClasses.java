package sparkdgd.train;

import java.util.Optional;
import sparkdgd.config.LossKind;
import sparkdgd.config.LossSettings;

/**
 * The warning for logistic regression without a penalty on classes the features separate: the log-loss then falls
 * towards zero as the weights grow, no finite optimum exists, and a run ends only when the gradient underflows
 * (on a separable line, L-BFGS stopped after 59 epochs with weights 5324 and 2709 and a log-loss of 1.8e-14,
 * "the gradient is exactly zero") or at --epochs (gd's 100 epochs on 2,042 rows of 3 features, label
 * {@code x . (1, 2, -1) > 0} with a gap of 0.3 about the boundary: weights (3.5, 6.7, -3.5) and a log-loss of 0.033,
 * and 2,000 epochs only larger ones). A model that classifies every training row correctly proves it: along its own
 * weights every row's loss falls or stays, so no point is a minimum. Any --reg-param (an L1 penalty alone too)
 * makes the objective grow without bound in every direction of the weights, and the optimum finite.
 */
public final class SeparatedClasses {
  private SeparatedClasses() {}

  /**
   * The warning, when {@code loss} is logistic without a penalty and {@code last} (the returned model) classifies
   * every training row correctly: a training accuracy of exactly 1 (correct rows over rows, both whole numbers, is 1
   * only when they are equal) with a log-loss below log 2, that is with some margin not 0 (a margin of exactly 0
   * counts as class 0; the gradient at zero weights is exactly zero on features that tell nothing, at log-loss
   * log 2 and accuracy one half, which is no separation).
   */
  public static Optional<String> warning(LossSettings loss, EpochRecord last) {
    if (loss.loss() != LossKind.LOGISTIC || loss.regParam() > 0 || last == null) {
      return Optional.empty();
    }
    Double accuracy = last.train().values().get("accuracy");
    Double logLoss = last.train().values().get("logloss");
    if (accuracy == null || logLoss == null || accuracy != 1.0 || !(logLoss < Math.log(2))) {
      return Optional.empty();
    }
    return Optional.of("every training row is classified correctly, so the features separate the classes: without "
        + "a penalty the log-loss has no minimum and the weights grow with every epoch; add --reg-param (e.g. 0.01) "
        + "for a finite model");
  }
}
