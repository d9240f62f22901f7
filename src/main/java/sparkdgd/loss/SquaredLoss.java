package sparkdgd.loss;

/**
 * {@code (m - y)^2}, the tutorial's loss: its mean is the MSE. The multiplier is the residual
 * {@code r = m - y}; the MSE gradient is {@code (2/n) sum r x}.
 */
public final class SquaredLoss implements PointLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "squared";
  }

  @Override
  public void toMultipliers(double[] margins, int count, int[] rows, int rowOffset, double[] labels,
      double[] weights, double labelWeight, double[] acc, int d) {
    double squares = 0;
    double absolute = 0;
    double ySum = 0;
    double ySquares = 0;
    double weightSum = 0;
    for (int k = 0; k < count; k++) {
      final int row = rows[rowOffset + k];
      double y = labels[row];
      double r = margins[k] - labelWeight * y;
      double w = weights == null ? 1 : weights[row];
      margins[k] = w * r;
      squares += w * (r * r);
      absolute += w * Math.abs(r);
      ySum += w * y;
      ySquares += w * (y * y);
      weightSum += w;
    }
    acc[d + ROWS] += weightSum;
    acc[d + LOSS] += squares;
    acc[d + METRIC_A] += squares;
    acc[d + METRIC_B] += absolute;
    acc[d + LABELS] += ySum;
    acc[d + SQUARED_LABELS] += ySquares;
  }

  @Override
  public double gradientFactor() {
    return 2;
  }

  @Override
  public double curvatureRelativeToSquared() {
    return 1;
  }

  @Override
  public Metrics metrics(double[] s, int d) {
    return Metrics.regression(s[d + METRIC_A], s[d + METRIC_B], s[d + LABELS], s[d + SQUARED_LABELS], s[d + ROWS]);
  }
}
