package sparkdgd.loss;

import java.util.LinkedHashMap;
import java.util.Map;
import sparkdgd.config.LossSettings;

/**
 * Huber's loss of the residual {@code r = m - y}: {@code r^2 / 2} for {@code |r| <= delta}, and
 * {@code delta (|r| - delta / 2)} beyond, so a far outlier pulls with a bounded force {@code delta}
 * instead of one growing with its distance. The multiplier is {@code r} clipped to {@code [-delta, delta]}.
 */
public final class HuberLoss implements PointLoss {
  private static final long serialVersionUID = 1L;

  private final double delta;

  public HuberLoss(double delta) {
    if (!LossSettings.isHuberDelta(delta)) {
      throw new IllegalArgumentException("Expected a positive finite Huber delta, got " + delta);
    }
    this.delta = delta;
  }

  @Override
  public String name() {
    return "huber";
  }

  @Override
  public void toMultipliers(double[] margins, int count, int[] rows, int rowOffset, double[] labels,
      double[] weights, double labelWeight, double[] acc, int d) {
    double loss = 0;
    double squares = 0;
    double absolute = 0;
    double ySum = 0;
    double ySquares = 0;
    double weightSum = 0;
    for (int k = 0; k < count; k++) {
      final int row = rows[rowOffset + k];
      double y = labels[row];
      double r = margins[k] - labelWeight * y;
      double a = Math.abs(r);
      double w = weights == null ? 1 : weights[row];
      loss += w * rowLoss(r, delta);
      margins[k] = w * (a <= delta ? r : Math.copySign(delta, r));
      squares += w * (r * r);
      absolute += w * a;
      ySum += w * y;
      ySquares += w * (y * y);
      weightSum += w;
    }
    acc[d + ROWS] += weightSum;
    acc[d + LOSS] += loss;
    acc[d + METRIC_A] += squares;
    acc[d + METRIC_B] += absolute;
    acc[d + LABELS] += ySum;
    acc[d + SQUARED_LABELS] += ySquares;
  }

  /** The loss of residual {@code r}: {@code r^2 / 2} within {@code delta}, {@code delta (|r| - delta / 2)} beyond. */
  public static double rowLoss(double r, double delta) {
    double a = Math.abs(r);
    return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
  }

  @Override
  public double gradientFactor() {
    return 1;
  }

  @Override
  public double curvatureRelativeToSquared() {
    return 0.5;
  }

  @Override
  public Metrics metrics(double[] s, int d) {
    Metrics regression = Metrics.regression(s[d + METRIC_A], s[d + METRIC_B], s[d + LABELS],
        s[d + SQUARED_LABELS], s[d + ROWS]);
    // the loss first: early stopping watches the first validation metric
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("huber", s[d + LOSS] / s[d + ROWS]);
    m.putAll(regression.values());
    return new Metrics(m);
  }

  @Override
  public String toString() {
    return "HuberLoss{delta=" + delta + "}";
  }
}
