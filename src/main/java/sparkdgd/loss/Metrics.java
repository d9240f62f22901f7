package sparkdgd.loss;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Named quality figures of a model on some rows (MSE, RMSE, MAE, R^2; or log-loss and accuracy), in order. */
public record Metrics(Map<String, Double> values) {
  public Metrics {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public double get(String name) {
    Double v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("No metric " + name + " among " + values.keySet());
    }
    return v;
  }

  /**
   * These figures with R^2 taken against {@code labelVariance}, the rows' label variance (about their mean,
   * divided by n) computed apart. From the label sums alone, {@code sum y^2 - (sum y)^2 / n} cancels: labels of
   * 1e8 plus a spread of 1 leave no digit of the spread in it (R^2 0.987 where it was 0.929).
   */
  public Metrics withLabelVariance(double labelVariance) {
    if (!values.containsKey("r2") || !values.containsKey("mse")) {
      return this;
    }
    Map<String, Double> m = new LinkedHashMap<>(values);
    m.put("r2", labelVariance > 0 ? 1 - values.get("mse") / labelVariance : Double.NaN);
    return new Metrics(m);
  }

  /** The regression figures from the sums of squared and absolute residuals and of the labels. */
  static Metrics regression(double squaredErrors, double absoluteErrors, double labels, double squaredLabels,
      double rows) {
    Map<String, Double> m = new LinkedHashMap<>();
    double mse = squaredErrors / rows;
    m.put("mse", mse);
    m.put("rmse", Math.sqrt(mse));
    m.put("mae", absoluteErrors / rows);
    double total = squaredLabels - labels * labels / rows;
    m.put("r2", total > 0 ? 1 - squaredErrors / total : Double.NaN);
    return new Metrics(m);
  }
}
