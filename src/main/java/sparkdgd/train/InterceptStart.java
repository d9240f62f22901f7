package sparkdgd.train;

import java.util.Optional;
import sparkdgd.config.LossKind;
import sparkdgd.loss.FeatureScaling;

/**
 * Where the intercept starts when nothing else sets the parameters: at its optimum for coefficients of zero, where
 * the optimizer works on centred features (standardized, or an automatic learning rate) and fits an intercept. For
 * the squared loss that is the labels' mean, and it stays the optimum whatever the coefficients, since the centred
 * features' sum is zero; for the log-loss the log-odds of class 1, as Spark ML's logistic regression starts. From
 * zero, the intercept crawled: its curvature is the loss's alone, but the step is one over the largest curvature,
 * which a strong L2 penalty on the coefficients sets (labels of mean 1 and spread 0.008 with {@code --reg-param 1}:
 * a step of 0.0039 left the intercept at 0.54 after 100 epochs, R^2 -3362). The Huber loss starts at zero: the mean
 * is not its optimum where outliers pull it.
 *
 * @param intercept   the intercept's start, in the data's units (coefficients zero)
 * @param description what it is, for the console
 */
record InterceptStart(double intercept, String description) {
  /** The start for {@code loss} over labels of mean {@code labelMean} (class 1's share for the log-loss), if any. */
  static Optional<InterceptStart> of(LossKind loss, double labelMean, FeatureScaling scaling, boolean centred) {
    if (!centred || !scaling.fitsIntercept() || !Double.isFinite(labelMean)) {
      return Optional.empty();
    }
    return switch (loss) {
      case SQUARED -> Optional.of(new InterceptStart(labelMean, "the labels' mean"));
      case LOGISTIC -> labelMean > 0 && labelMean < 1 // one class has no finite log-odds
          ? Optional.of(new InterceptStart(Math.log(labelMean / (1 - labelMean)), "the log-odds of class 1"))
          : Optional.empty();
      default -> Optional.empty();
    };
  }

  /** The raw parameters {@code [0 .. 0, intercept]} of {@code dims} zero coefficients. */
  double[] raw(int dims) {
    double[] raw = new double[dims + 1];
    raw[dims] = intercept;
    return raw;
  }
}
