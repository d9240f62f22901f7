package sparkdgd.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.LabelClasses;
import sparkdgd.config.LossKind;
import sparkdgd.config.LossSettings;
import sparkdgd.data.InputError;
import sparkdgd.output.LinearModel;
import sparkdgd.output.ModelJson;
import sparkdgd.output.ObjectStoreMove;

/**
 * Reads a trained model back from a training run's {@code --output} directory (its {@code model.json}),
 * on any file system Hadoop knows. Every way the directory can be wrong is an {@link InputError} that
 * names the path and says what to pass instead.
 */
public final class SavedModel {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SavedModel() {}

  /**
   * A saved model and how the LIBSVM files it was trained on numbered their features.
   *
   * @param libsvmZeroBased whether they started at 0 ({@code --zero-based}): model.json's {@code zeroBased}, false
   *                        when it has none (CSV or Parquet training data, or a model from before the key)
   * @param weightCol       the column that weighed the training rows ({@code --weight-col}): model.json's
   *                        {@code weightCol}, null when every row weighed 1
   */
  public record Loaded(LinearModel model, boolean libsvmZeroBased, String weightCol) {}

  /** The model in {@code dir}; {@code dir} may also name the {@code model.json} file itself. */
  public static LinearModel read(Configuration conf, String dir) {
    return read(conf, dir, "--model");
  }

  /** As {@link #read(Configuration, String)}, for a model given by {@code flag}, which its messages name. */
  public static LinearModel read(Configuration conf, String dir, String flag) {
    return load(conf, dir, flag).model();
  }

  /** As {@link #read(Configuration, String)}, with the base of its LIBSVM training data's indices. */
  public static Loaded load(Configuration conf, String dir) {
    return load(conf, dir, "--model");
  }

  /**
   * Refuses {@code dir}, a model's directory on an object store, while it holds the mark of a write into it that has
   * not finished (files moved in one by one: {@code model.json} may be there before the rest, or be another run's).
   */
  private static void refuseUnfinished(FileSystem fs, Path dir, String flag) throws IOException {
    if (ObjectStoreMove.needed(fs) && ObjectStoreMove.marked(fs, dir)) {
      throw InputError.of(dir.toString(), ObjectStoreMove.refusal(ObjectStoreMove.MARK) + "; train again, or wait "
          + "for that write to end before using it as " + flag);
    }
  }

  private static Loaded load(Configuration conf, String dir, String flag) {
    Path file = new Path(dir);
    JsonNode json;
    try {
      FileSystem fs = file.getFileSystem(conf);
      if (!fs.exists(file)) {
        List<Path> aside = sparkdgd.output.HiddenSibling.movedAside(fs, fs.makeQualified(file));
        throw InputError.of(dir, "no such model directory; " + flag + " takes the --output directory of a training "
            + "run" + (aside.isEmpty() ? "" : " (" + aside.get(0) + " beside it is an earlier one, moved aside by a "
            + "run stopped while it replaced it: move it back to " + dir + ")"));
      }
      if (fs.getFileStatus(file).isDirectory()) {
        file = new Path(file, ModelJson.FILE_NAME);
        if (!fs.exists(file)) {
          throw InputError.of(dir, "no " + ModelJson.FILE_NAME
              + " in this directory; " + flag + " takes the --output directory of a training run");
        }
      }
      refuseUnfinished(fs, file.getParent(), flag);
      try (InputStream in = fs.open(file)) {
        json = MAPPER.readTree(in);
      }
    } catch (FileNotFoundException e) {
      throw InputError.of(dir, "no such model directory; " + flag
          + " takes the --output directory of a training run");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Jackson's own message embeds a source description ("[Source: REDACTED ...]"); say where, plainly
      String what = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:[^)]*\\)[^)]*\\)", "");
      var at = e.getLocation();
      throw InputError.of(file.toString(), "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
          + ", column " + at.getColumnNr()) + " (" + what + "); train again to rewrite it");
    } catch (IOException e) {
      if (sparkdgd.data.InputUnreachable.isUnreachable(e)) {
        throw sparkdgd.data.InputUnreachable.of(flag + " " + dir, e);
      }
      throw InputError.of(dir, "cannot read the model: " + e.getMessage() + sparkdgd.data.StoreRefusal.hint(e));
    }
    return new Loaded(parse(file.toString(), json), zeroBased(file.toString(), json), weightCol(file.toString(), json));
  }

  /** model.json's {@code zeroBased}: false when absent; {@code source} names the file in messages. */
  static boolean zeroBased(String source, JsonNode json) {
    JsonNode zeroBased = json.get("zeroBased");
    if (zeroBased != null && !zeroBased.isBoolean()) {
      throw InputError.of(source, "\"zeroBased\" is " + zeroBased + ", not true or false; the file is damaged");
    }
    return zeroBased != null && zeroBased.booleanValue();
  }

  /** model.json's {@code weightCol}: null when absent or null; {@code source} names the file in messages. */
  static String weightCol(String source, JsonNode json) {
    JsonNode weightCol = json.get("weightCol");
    if (weightCol == null || weightCol.isNull()) {
      return null;
    }
    if (!weightCol.isTextual()) {
      throw InputError.of(source, "\"weightCol\" is " + weightCol + ", not a column's name or null; the file is "
          + "damaged");
    }
    return weightCol.asText();
  }

  /** The model described by {@code json}; {@code source} names the file in messages. */
  static LinearModel parse(String source, JsonNode json) {
    if (json == null || !json.isObject()) {
      throw InputError.of(source, "expected a JSON object with featureNames, coefficients and intercept");
    }
    JsonNode names = json.get("featureNames");
    JsonNode coefs = json.get("coefficients");
    JsonNode intercept = json.get("intercept");
    if (names == null || !names.isArray() || names.isEmpty()) {
      throw InputError.of(source, "\"featureNames\" is missing or not a non-empty array of names");
    }
    if (coefs == null || !coefs.isArray()) {
      throw InputError.of(source, "\"coefficients\" is missing or not an array of numbers");
    }
    if (names.size() != coefs.size()) {
      throw InputError.of(source, String.format("%d featureNames but %d coefficients; the file is damaged",
          names.size(), coefs.size()));
    }
    if (intercept == null || !intercept.isNumber()) {
      throw InputError.of(source, "\"intercept\" is missing or not a number");
    }
    List<String> featureNames = new ArrayList<>();
    double[] w = new double[coefs.size()];
    HashSet<String> seen = new HashSet<>();
    for (int j = 0; j < w.length; j++) {
      if (!names.get(j).isTextual() || names.get(j).asText().isEmpty()) {
        throw InputError.of(source, "featureNames[" + j + "] is not a column name");
      }
      if (!seen.add(names.get(j).asText())) {
        throw InputError.of(source, "featureNames names \"" + names.get(j).asText() + "\" twice");
      }
      featureNames.add(names.get(j).asText());
      if (!coefs.get(j).isNumber() || !Double.isFinite(coefs.get(j).asDouble())) {
        throw InputError.of(source, "coefficients[" + j + "] is not a finite number: " + coefs.get(j));
      }
      w[j] = coefs.get(j).asDouble();
    }
    if (!Double.isFinite(intercept.asDouble())) {
      throw InputError.of(source, "\"intercept\" is not a finite number: " + intercept);
    }
    JsonNode label = json.get("labelName");
    JsonNode loss = json.get("loss");
    LossKind kind;
    try {
      kind = loss == null || !loss.isTextual() ? LossKind.SQUARED : LossKind.parse(loss.asText());
    } catch (IllegalArgumentException e) {
      throw InputError.of(source, "\"loss\" is " + loss + ", not squared, huber or logistic; the file is damaged");
    }
    return new LinearModel(featureNames, w, intercept.asDouble(),
        label != null && label.isTextual() ? label.asText() : "label", kind, classes(source, json, kind),
        featuresColumn(source, json), huberDelta(source, json, kind));
  }

  /** model.json's {@code huberDelta} of a Huber model; NaN for the other losses, or when absent. */
  private static double huberDelta(String source, JsonNode json, LossKind kind) {
    JsonNode delta = json.get("huberDelta");
    if (delta == null || kind != LossKind.HUBER) {
      return Double.NaN;
    }
    if (!delta.isNumber() || !LossSettings.isHuberDelta(delta.asDouble())) {
      throw InputError.of(source, "\"huberDelta\" is " + delta + ", not a finite number > 0; the file is damaged");
    }
    return delta.asDouble();
  }

  /** model.json's {@code featuresColumn}: the vector or array column it was trained on; null when absent. */
  private static String featuresColumn(String source, JsonNode json) {
    JsonNode column = json.get("featuresColumn");
    if (column == null || column.isNull()) {
      return null;
    }
    if (!column.isTextual() || column.asText().isEmpty()) {
      throw InputError.of(source, "\"featuresColumn\" is " + column + ", not a column name; the file is damaged");
    }
    return column.asText();
  }

  /** model.json's {@code classes} of a logistic model: 0 and 1 when absent (models before --classes). */
  private static LabelClasses classes(String source, JsonNode json, LossKind kind) {
    JsonNode classes = json.get("classes");
    if (classes == null || kind != LossKind.LOGISTIC) {
      return LabelClasses.ZERO_ONE;
    }
    if (!classes.isArray() || classes.size() != 2 || !classes.get(0).isNumber() || !classes.get(1).isNumber()) {
      throw InputError.of(source, "\"classes\" is " + classes + ", not two labels [NEG, POS]; the file is damaged");
    }
    try {
      return new LabelClasses(classes.get(0).asDouble(), classes.get(1).asDouble());
    } catch (IllegalArgumentException e) {
      throw InputError.of(source, "\"classes\" is " + classes + ", not two different labels; the file is damaged");
    }
  }
}
