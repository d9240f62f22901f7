package sparkdgd.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkdgd.score.ClassificationMetrics;
import sparkdgd.score.RegressionMetrics;

/** {@code metrics.json}: a model's metrics on a data set, and which model and data. */
public final class MetricsJson {
  public static final String FILE_NAME = "metrics.json";
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetricsJson() {}

  /** The classification figures of a logistic model. */
  public static byte[] render(ClassificationMetrics m, String model, String data, String labelCol) {
    return render(m, model, data, labelCol, null, null, null);
  }

  /**
   * As {@link #render(ClassificationMetrics, String, String, String)}, with {@code skippedRecords} after the rows
   * (evaluate's: the bad records {@code --on-bad-record skip} left out, 0 under fail, as model.json counts them) and
   * {@code unknownFeatureRows} (the rows evaluated without values beyond the model's features, under
   * {@code --unknown-features ignore}) and {@code warnings} (evaluate's, as printed after "warning: ", for a pipeline
   * that reads files rather than stderr); null leaves any of them out.
   */
  public static byte[] render(ClassificationMetrics m, String model, String data, String labelCol,
      Long skippedRecords, Long unknownFeatureRows, List<String> warnings) {
    return render(m, model, data, labelCol, skippedRecords, unknownFeatureRows, warnings, null);
  }

  /** As the render above, of rows weighed by the column {@code weightCol} (null: unweighted, not written). */
  public static byte[] render(ClassificationMetrics m, String model, String data, String labelCol,
      Long skippedRecords, Long unknownFeatureRows, List<String> warnings, String weightCol) {
    Map<String, Object> json = head(model, data, labelCol, weightCol, m.rows(), m.weight(), skippedRecords,
        unknownFeatureRows, warnings);
    json.put("logloss", number(m.logLoss())); // the name in model.json's trainMetrics and history.csv
    json.put("accuracy", number(m.accuracy()));
    json.put("auc", number(m.auc()));
    json.put("createdAt", UtcTime.now());
    return write(json);
  }

  public static byte[] render(RegressionMetrics m, String model, String data, String labelCol) {
    return render(m, model, data, labelCol, null, null, null);
  }

  /** As {@link #render(ClassificationMetrics, String, String, String, Long, Long, List)}, for regression metrics. */
  public static byte[] render(RegressionMetrics m, String model, String data, String labelCol, Long skippedRecords,
      Long unknownFeatureRows, List<String> warnings) {
    return render(m, model, data, labelCol, skippedRecords, unknownFeatureRows, warnings, null);
  }

  /** As the render above, of rows weighed by the column {@code weightCol} (null: unweighted, not written). */
  public static byte[] render(RegressionMetrics m, String model, String data, String labelCol, Long skippedRecords,
      Long unknownFeatureRows, List<String> warnings, String weightCol) {
    Map<String, Object> json = head(model, data, labelCol, weightCol, m.rows(), m.weight(), skippedRecords,
        unknownFeatureRows, warnings);
    if (!Double.isNaN(m.huber())) {
      // a Huber model's: its loss first, as in model.json's trainMetrics and history.csv
      json.put("huber", number(m.huber()));
    }
    json.put("mse", number(m.mse()));
    json.put("rmse", number(m.rmse()));
    json.put("mae", number(m.mae()));
    json.put("r2", number(m.r2()));
    json.put("labelMean", number(m.labelMean()));
    json.put("createdAt", UtcTime.now());
    return write(json);
  }

  /**
   * A metric as a JSON number, or null where it is not finite (an undefined R^2 or AUC, a sum beyond the largest
   * double): Jackson would write those as the strings "NaN" and "Infinity", where readers expect numbers.
   */
  static Double number(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /**
   * What both kinds of metrics start with: the model, the data, the label, the rows, and the rows skipped, those
   * without unknown features and the warnings if given.
   */
  private static Map<String, Object> head(String model, String data, String labelCol, String weightCol, long rows,
      double weight, Long skippedRecords, Long unknownFeatureRows, List<String> warnings) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model);
    json.put("data", data);
    json.put("labelCol", labelCol);
    if (weightCol != null) { // the metrics' means are weighted
      json.put("weightCol", weightCol);
    }
    json.put("rows", rows);
    if (weightCol != null) { // what the means divide by
      json.put("weightTotal", weight);
    }
    if (skippedRecords != null) {
      json.put("skippedRecords", skippedRecords);
    }
    if (unknownFeatureRows != null) {
      json.put("unknownFeatureRows", unknownFeatureRows);
    }
    if (warnings != null) {
      json.put("warnings", List.copyOf(warnings));
    }
    return json;
  }

  private static byte[] write(Map<String, Object> json) {
    return bytes(json, FILE_NAME);
  }

  /** {@code json} as the indented UTF-8 bytes of the file {@code name} (model.json, _predict.json, ...). */
  static byte[] bytes(Map<String, Object> json, String name) {
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + name, e);
    }
  }
}
