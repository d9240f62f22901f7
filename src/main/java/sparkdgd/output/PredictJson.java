package sparkdgd.output;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code _predict.json} in predict's output, beside the part files: what was scored, for a pipeline that reads files
 * rather than stdout (a review: the count of rows skipped was in a line of text only). Its name starts with _, so
 * Spark, Hadoop and spark-dgd's own readers of the part files skip it.
 */
public final class PredictJson {
  public static final String FILE_NAME = "_predict.json";

  private PredictJson() {}

  /**
   * @param rows           the predictions written
   * @param skippedRecords the rows --on-bad-record skip left out
   * @param unknownFeatureRows the rows scored without values beyond the model's features (--unknown-features
   *                       ignore); null under fail, and then left out
   * @param warnings       what the run warned of on stderr, each without its "warning: " ([] for none)
   */
  public static byte[] render(String model, String data, String predictionCol, String format, long rows,
      long skippedRecords, Long unknownFeatureRows, List<String> warnings) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", model);
    json.put("data", data);
    json.put("predictionCol", predictionCol);
    json.put("format", format);
    json.put("rows", rows);
    json.put("skippedRecords", skippedRecords);
    if (unknownFeatureRows != null) {
      json.put("unknownFeatureRows", unknownFeatureRows);
    }
    json.put("warnings", List.copyOf(warnings));
    json.put("createdAt", UtcTime.now());
    return MetricsJson.bytes(json, FILE_NAME);
  }
}
