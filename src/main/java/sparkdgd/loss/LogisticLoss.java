package sparkdgd.loss;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Log-loss for labels 0 and 1 with {@code P(y = 1) = sigma(m) = 1 / (1 + exp(-m))}:
 * {@code log(1 + exp(m)) - y m}, computed without overflow. The multiplier is {@code sigma(m) - y}.
 * A row counts as correct when {@code m > 0} exactly for {@code y = 1}.
 */
public final class LogisticLoss implements PointLoss {
  private static final long serialVersionUID = 1L;

  @Override
  public String name() {
    return "logistic";
  }

  @Override
  public void toMultipliers(double[] margins, int count, int[] rows, int rowOffset, double[] labels,
      double labelWeight, double[] acc, int d) {
    double loss = 0;
    double correct = 0;
    double ySum = 0;
    for (int k = 0; k < count; k++) {
      double y = labels[rows[rowOffset + k]];
      double m = margins[k];
      double softplus = m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
      loss += softplus - y * m;
      double p = m >= 0 ? 1 / (1 + Math.exp(-m)) : Math.exp(m) / (1 + Math.exp(m));
      margins[k] = p - labelWeight * y;
      if ((m > 0) == (y > 0.5)) {
        correct++;
      }
      ySum += y;
    }
    acc[d + LOSS] += loss;
    acc[d + METRIC_A] += correct;
    acc[d + LABELS] += ySum;
    acc[d + SQUARED_LABELS] += ySum;
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
    return new Metrics(m);
  }
}
