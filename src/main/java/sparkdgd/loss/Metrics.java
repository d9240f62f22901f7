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
