package sparkdgd.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import sparkdgd.config.TrainConfig;
import sparkdgd.train.TrainingSummary;

/**
 * {@code model.json}: the model in original units and how it was trained. Doubles are written in
 * full (shortest round-tripping form), so reading the file back gives the exact coefficients.
 */
public final class ModelJson {
  public static final String FILE_NAME = "model.json";
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelJson() {}

  public static byte[] render(TrainingSummary s, TrainConfig config, String sparkVersion) {
    LinearModel m = s.model();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("modelType", "linear-regression");
    json.put("labelName", m.labelName());
    json.put("featureNames", m.featureNames());
    json.put("coefficients", m.coefficients());
    json.put("intercept", m.intercept());
    json.put("epochs", s.epochs());
    json.put("maxEpochs", config.epochs());
    json.put("stopReason", s.stopReason().name());
    json.put("finalMse", s.finalMse());
    json.put("finalGradientNorm", s.history().get(s.history().size() - 1).gradientNorm());
    json.put("learningRate", s.learningRate());
    json.put("learningRateMode", s.learningRateAuto() ? "auto" : "fixed");
    json.put("standardize", config.standardize());
    json.put("tol", config.tol());
    json.put("rows", s.rows());
    json.put("partitions", s.partitions());
    json.put("data", config.data());
    json.put("format", s.format().toString());
    json.put("seconds", s.seconds());
    json.put("sparkVersion", sparkVersion);
    json.put("createdAt", Instant.now().toString());
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render model.json", e);
    }
  }
}
