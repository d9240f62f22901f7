package sparkdgd.loss;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Log-loss for labels 0 and 1 with {@code P(y = 1) = sigma(m) = 1 / (1 + exp(-m))}:
 * {@code log(1 + exp(m)) - y m}, computed without overflow. The multiplier is {@code sigma(m) - y}.
 * A row counts as correct when {@code m > 0} exactly for {@code y = 1}. Every pass also counts the rows
 * of each class in {@link #BINS} equal bins of the probability, which gives the area under the ROC curve
 * at every evaluation with pairs in the same bin counted as half (the final model's exact AUC is
 * computed once, after training, from every row's probability).
 */
public final class LogisticLoss implements PointLoss {
  private static final long serialVersionUID = 1L;
  /** Probability bins of the per-evaluation AUC. */
  public static final int BINS = 1000;

  /** {@code P(y = 1) = 1 / (1 + exp(-m))} without overflow. */
  public static double probability(double margin) {
    return margin >= 0 ? 1 / (1 + Math.exp(-margin)) : Math.exp(margin) / (1 + Math.exp(margin));
  }

  /**
   * One row's log-loss from its margin: {@code softplus(m) - y m}, where {@code softplus(m) = log(1 + exp(m))} is
   * taken as {@code m + log1p(exp(-m))} for {@code m > 0}, so it neither overflows nor loses the loss of a confident
   * wrong prediction (a probability rounded to 1 or 0 would give infinity or a clamped value instead).
   */
  public static double rowLoss(double margin, double label) {
    double softplus = margin > 0 ? margin + Math.log1p(Math.exp(-margin)) : Math.log1p(Math.exp(margin));
    return softplus - label * margin;
  }

  @Override
  public int ownSlots() {
    return 2 * BINS;
  }

  @Override
  public String name() {
    return "logistic";
  }

  @Override
  public void toMultipliers(double[] margins, int count, int[] rows, int rowOffset, double[] labels,
      double[] weights, double labelWeight, double[] acc, int d) {
    double loss = 0;
    double correct = 0;
    double ySum = 0;
    double weightSum = 0;
    for (int k = 0; k < count; k++) {
      final int row = rows[rowOffset + k];
      double y = labels[row];
      double m = margins[k];
      double w = weights == null ? 1 : weights[row];
      loss += w * rowLoss(m, y);
      double p = probability(m);
      margins[k] = w * (p - labelWeight * y);
      if ((m > 0) == (y > 0.5)) {
        correct += w;
      }
      int bin = Math.min((int) (p * BINS), BINS - 1);
      acc[d + EXTRA_SLOTS + (y > 0.5 ? BINS : 0) + bin] += w;
      ySum += w * y;
      weightSum += w;
    }
    acc[d + ROWS] += weightSum;
    acc[d + LOSS] += loss;
    acc[d + METRIC_A] += correct;
    acc[d + LABELS] += ySum;
    acc[d + SQUARED_LABELS] += ySum; // y * y = y for labels 0 and 1
  }

  @Override
  public double gradientFactor() {
    return 1;
  }

  @Override
  public double curvatureRelativeToSquared() {
    return 0.125;
  }

  @Override
  public Metrics metrics(double[] s, int d) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("logloss", s[d + LOSS] / s[d + ROWS]);
    m.put("accuracy", s[d + METRIC_A] / s[d + ROWS]);
    m.put("auc", binnedAuc(s, d + EXTRA_SLOTS));
    return new Metrics(m);
  }

  /**
   * The AUC from the class histograms at {@code from} (negatives, then positives): the chance that a
   * positive row scores above a negative one, a pair in the same bin counting half. NaN without both classes.
   */
  static double binnedAuc(double[] s, int from) {
    double negativesBelow = 0;
    double pairs = 0;
    double positives = 0;
    for (int k = 0; k < BINS; k++) {
      double neg = s[from + k];
      double pos = s[from + BINS + k];
      pairs += pos * (negativesBelow + 0.5 * neg);
      negativesBelow += neg;
      positives += pos;
    }
    return positives > 0 && negativesBelow > 0 ? pairs / (positives * negativesBelow) : Double.NaN;
  }
}
