package sparkdgd.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sparkdgd.loss.Metrics;
import sparkdgd.train.EpochRecord;

/**
 * {@code history.csv}: one line per evaluation point,
 * {@code epoch,passes,objective,gradient_norm,seconds}, then the loss's training metrics
 * ({@code train_mse,train_rmse,train_mae,train_r2}, or {@code train_logloss,train_accuracy,train_auc}) and, with a
 * validation set, the same as {@code validation_*}.
 */
public final class HistoryCsv {
  public static final String FILE_NAME = "history.csv";
  public static final String HEADER = "epoch,passes,objective,gradient_norm,seconds";

  private HistoryCsv() {}

  public static byte[] render(List<EpochRecord> history) {
    List<String> trainNames = new ArrayList<>();
    List<String> validationNames = new ArrayList<>();
    if (!history.isEmpty()) {
      trainNames.addAll(history.get(0).train().values().keySet());
      Metrics v = history.get(0).validation();
      if (v != null) {
        validationNames.addAll(v.values().keySet());
      }
    }
    StringBuilder sb = new StringBuilder(HEADER);
    trainNames.forEach(n -> sb.append(",train_").append(n));
    validationNames.forEach(n -> sb.append(",validation_").append(n));
    sb.append('\n');
    for (EpochRecord r : history) {
      sb.append(r.epoch()).append(',').append(Passes.rounded(r.passes())).append(',').append(r.objective())
          .append(',').append(r.gradientNorm()).append(',').append(String.format(Locale.ROOT, "%.3f", r.seconds()));
      appendValues(sb, r.train(), trainNames);
      appendValues(sb, r.validation(), validationNames);
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void appendValues(StringBuilder sb, Metrics metrics, List<String> names) {
    Map<String, Double> values = metrics == null ? Map.of() : metrics.values();
    for (String n : names) {
      Double v = values.get(n);
      sb.append(',').append(v == null || v.isNaN() ? "" : v.toString());
    }
  }
}
