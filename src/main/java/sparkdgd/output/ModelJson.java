package sparkdgd.output;

import java.util.LinkedHashMap;
import java.util.Map;
import sparkdgd.config.BlockSize;
import sparkdgd.config.InputFormat;
import sparkdgd.config.LossKind;
import sparkdgd.config.TrainConfig;
import sparkdgd.data.InputListing;
import sparkdgd.train.EpochRecord;
import sparkdgd.train.RegParamSearch;
import sparkdgd.train.TrainingJob;
import sparkdgd.train.TrainingSummary;

/**
 * {@code model.json}: the model in original units and how it was trained. Doubles are written in
 * full (shortest round-tripping form), so reading the file back gives the exact coefficients.
 */
public final class ModelJson {
  /** The metrics with those not finite (an undefined R^2, an infinite MSE) as null ({@link MetricsJson#number}). */
  private static Map<String, Double> finite(Map<String, Double> values) {
    Map<String, Double> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, MetricsJson.number(v)));
    return out;
  }

  public static final String FILE_NAME = "model.json";

  /** The files a run read: count, bytes, the listing's digest, the first files, and whether that is all of them. */
  static Map<String, Object> inputFiles(InputListing inputs) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("count", inputs.files());
    json.put("bytes", inputs.bytes());
    json.put("listingDigest", inputs.digest());
    json.put("listedAll", inputs.listedAll());
    json.put("files", inputs.listed().stream().map(f -> {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("path", f.path());
      file.put("bytes", f.bytes());
      file.put("modified", UtcTime.ofMillis(f.modifiedMillis()));
      return file;
    }).toList());
    return json;
  }

  private ModelJson() {}

  /** The --reg-param search that chose regParam: each value's model, as trained and scored on the held-out rows. */
  private static Map<String, Object> search(RegParamSearch search, boolean refit) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("chosen", search.chosenRegParam());
    // with --refit true the model above was trained again on all the rows; the figures below are the search's
    json.put("refitOnAllRows", refit);
    json.put("validationFraction", search.validationFraction());
    json.put("seconds", search.seconds()); // from listing the input to the last model's training
    json.put("trainingRows", search.trainingRows());
    json.put("validationRows", search.validationRows());
    json.put("models", search.models().stream().map(m -> {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("regParam", m.regParam());
      if (m.diverged() != null) { // its training stopped as diverging: no model, never chosen
        model.put("diverged", m.diverged());
        return model;
      }
      model.put("validationLoss", MetricsJson.number(m.validationLoss()));
      model.put("validationMetrics", finite(m.last().validation().values()));
      model.put("trainMetrics", finite(m.last().train().values()));
      model.put("objective", MetricsJson.number(m.last().objective()));
      model.put("epochs", m.epochs());
      model.put("passes", Passes.rounded(m.passes()));
      model.put("stopReason", m.stop().name());
      return model;
    }).toList());
    return json;
  }

  public static byte[] render(TrainingSummary s, TrainConfig config, String sparkVersion) {
    return render(s, config, sparkVersion, Map.of(), java.util.List.of(), 0);
  }

  /**
   * As {@link #render(TrainingSummary, TrainConfig, String)}, with {@code moreTrainMetrics} (the exact AUC
   * of a logistic model, computed after training) added to {@code trainMetrics}, the run's {@code warnings}, and the
   * epoch a --resume went on from ({@code resumedAfterEpoch}, 0 for a run that started at the beginning).
   */
  public static byte[] render(TrainingSummary s, TrainConfig config, String sparkVersion,
      Map<String, Double> moreTrainMetrics, java.util.List<String> warnings, int resumedAfterEpoch) {
    LinearModel m = s.model();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("modelType", m.loss() == LossKind.LOGISTIC ? "logistic-regression" : "linear-regression");
    json.put("loss", config.objective().loss().toString());
    json.put("labelName", m.labelName());
    json.put("weightCol", config.weightCol()); // null: every row weighed 1
    if (m.loss() == LossKind.LOGISTIC) { // the labels of class 0 and 1, which predict writes and evaluate reads
      json.put("classes", new double[] {m.classes().negative(), m.classes().positive()});
    }
    if (!s.classWeights().none()) { // --class-weight as given, and the weights of class 0 and 1 it came to
      json.put("classWeight", s.classWeights().toString());
      json.put("classWeights", new double[] {s.classWeights().negative(), s.classWeights().positive()});
    }
    if (m.featuresColumn() != null) { // the vector or array column predict and evaluate read the features from
      json.put("featuresColumn", m.featuresColumn());
    }
    json.put("featureNames", m.featureNames());
    json.put("coefficients", m.coefficients());
    json.put("intercept", m.intercept());
    json.put("fitIntercept", config.objective().fitIntercept());
    json.put("epochs", s.epochs());
    json.put("maxEpochs", config.epochs());
    json.put("stopReason", s.stopReason().name());
    // what the run warned of, as printed after "warning: " (a model far from the optimum, rows skipped, ...): a
    // pipeline reading this file could not tell a doubtful LOSS_CONVERGED from a good one (a review)
    json.put("warnings", warnings);
    EpochRecord last = s.finalRecord();
    json.put("finalMse", last.train().values().containsKey("mse") ? MetricsJson.number(last.mse()) : null);
    json.put("finalObjective", MetricsJson.number(last.objective())); // null, never "NaN", if not finite
    json.put("finalGradientNorm", MetricsJson.number(last.gradientNorm()));
    json.put("finalEpoch", last.epoch());
    Map<String, Double> train = new LinkedHashMap<>(last.train().values());
    train.putAll(moreTrainMetrics);
    json.put("trainMetrics", finite(train));
    json.put("validationMetrics", last.validation() == null ? null : finite(last.validation().values()));
    json.put("validationRows", s.validationRows());
    json.put("passes", Passes.rounded(s.passes()));
    json.put("optimizer", config.optimization().optimizer().toString());
    json.put("batchFraction", config.optimization().batchFraction());
    json.put("batchRunRows", config.optimization().batchRunRows());
    json.put("shuffleRows", config.optimization().shuffleRows());
    json.put("averageFrom", config.optimization().averageFrom());
    json.put("learningRateSchedule", config.optimization().schedule().toString());
    json.put("stepEvery", config.optimization().stepEvery());
    json.put("seed", config.optimization().seed());
    json.put("regParam", config.objective().regParam());
    if (s.regParamSearch() != null) {
      json.put("regParamSearch", search(s.regParamSearch(), s.validationRows() == 0));
    }
    json.put("elasticNet", config.objective().elasticNet());
    if (config.objective().loss() == LossKind.HUBER) {
      json.put("huberDelta", config.objective().huberDelta());
    }
    json.put("learningRate", MetricsJson.number(s.learningRate()));
    json.put("learningRateMode", s.learningRateAuto() ? "auto" : "fixed");
    json.put("standardize", config.standardize());
    // what learningRate and finalGradientNorm are measured on: with --standardize false and an automatic rate the
    // optimizer still works on scaled features (TrainingJob.optimizesStandardized)
    json.put("optimizedOn", TrainingJob.optimizesStandardized(config) ? "scaled features" : "raw features");
    json.put("initModel", s.initModel()); // after a resume, the first run's (the checkpoints record it)
    json.put("tol", config.tol());
    json.put("tolEvaluations", config.optimization().tolEvaluations());
    // what else decides how a run ends: batch runs evaluate (and test --tol and --patience) every logEvery epochs.
    // Readers (SavedModel: --init-model, predict, evaluate) take only the model, so files without these still load
    json.put("gradientTol", config.optimization().gradientTol());
    json.put("patience", config.optimization().patience());
    json.put("validationFraction", config.optimization().validationFraction());
    json.put("logEvery", config.logEvery());
    json.put("precision", config.read().precision().toString());
    // the rows' order within a partition's sums: its bits (a review); as cached (a dense block's: BlockSize)
    json.put("blockRows",
        BlockSize.rows(m.coefficients().length, config.blockRows(), s.format() == InputFormat.LIBSVM));
    json.put("rows", s.rows());
    json.put("partitions", s.partitions());
    json.put("data", config.data());
    json.put("format", s.format().toString());
    // which files those were, for an audit (a review: "data" is the path as typed, often relative)
    json.put("inputFiles", inputFiles(s.inputs()));
    if (s.format() == InputFormat.LIBSVM) { // the base predict and evaluate read LIBSVM data with by default
      json.put("zeroBased", config.read().zeroBased());
    }
    json.put("skippedRecords", s.skippedRecords());
    // an audit of a resumed run: its epochs and seconds (this process's) are not those of one run from the start
    json.put("resumedAfterEpoch", resumedAfterEpoch == 0 ? null : resumedAfterEpoch);
    json.put("seconds", s.seconds());
    json.put("loadSeconds", s.loadSeconds());
    json.put("sparkVersion", sparkVersion);
    json.put("javaVersion", System.getProperty("java.version"));
    json.put("sparkDgdVersion", ToolVersion.NUMBER);
    json.put("kernels", s.kernels()); // scalar and Vector API kernels agree within rounding, not to the bit
    json.put("createdAt", UtcTime.now());
    return MetricsJson.bytes(json, FILE_NAME);
  }
}
