package sparkdgd.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Everything one training run needs, validated once. Built by the command line; read by the
 * trainer, the data loader and the output writers.
 *
 * @param data         input path or URI (file, directory or glob) that Hadoop understands
 * @param format       input format, or null to infer it from the file names
 * @param labelCol     label column, or null to pick {@code y}, else {@code label}, else the last column
 * @param features     feature columns; empty means every numeric column except the label
 * @param epochs       maximum number of gradient steps (passes over the data)
 * @param learningRate fixed step or auto
 * @param standardize  scale features to zero mean and unit variance internally
 * @param partitions   number of partitions of the cached data; 0 picks one from the input and cores
 * @param storageLevel Spark storage level name for the cached blocks
 * @param blockRows    rows per packed block, {@link BlockSize#AUTOMATIC} (0) to let the features choose
 * @param logEvery     print a progress line every this many epochs
 * @param tol          stop when the relative change of the MSE between epochs falls below this (0: never)
 * @param output       output directory path or URI
 * @param overwrite    replace an existing non-empty output directory
 * @param verbose      Spark's INFO logs and stack traces
 * @param checkpointing checkpoint directory, interval and resume
 * @param read         format-specific reading settings ({@link ReadOptions})
 * @param objective    the loss and the penalty ({@link LossSettings})
 * @param optimization the update rule, mini-batches, validation and stopping ({@link OptimizerSettings})
 * @param residentTasks run the passes as rounds of tasks that stay up for the whole training, not as jobs
 * @param initModel    a trained model's directory (or model.json) to start from, or null to start from zero
 * @param weightCol    the column of each row's weight ({@code --weight-col}, CSV and Parquet), or null: every row
 *                     weighs 1
 * @param regParamSearch the penalty strengths to choose among by the loss on the held-out rows ({@code --reg-param}
 *                     with several values; then {@code objective}'s is the smallest of them), or
 *                     {@link RegParamGrid#NONE}: {@code objective}'s is the penalty
 */
public record TrainConfig(
    String data,
    InputFormat format,
    String labelCol,
    List<String> features,
    int epochs,
    LearningRate learningRate,
    boolean standardize,
    int partitions,
    String storageLevel,
    int blockRows,
    int logEvery,
    double tol,
    String output,
    boolean overwrite,
    boolean verbose,
    Checkpointing checkpointing,
    ReadOptions read,
    LossSettings objective,
    OptimizerSettings optimization,
    boolean residentTasks,
    String initModel,
    String weightCol,
    RegParamGrid regParamSearch) {

  /** The storage levels Spark's {@code StorageLevel.fromString} accepts. */
  public static final Set<String> STORAGE_LEVELS = Set.of(
      "NONE", "DISK_ONLY", "DISK_ONLY_2", "DISK_ONLY_3", "MEMORY_ONLY", "MEMORY_ONLY_2",
      "MEMORY_ONLY_SER", "MEMORY_ONLY_SER_2", "MEMORY_AND_DISK", "MEMORY_AND_DISK_2",
      "MEMORY_AND_DISK_SER", "MEMORY_AND_DISK_SER_2", "OFF_HEAP");

  /** A configuration with the default loss (squared, no penalty) and optimizer (full-batch gd). */
  public TrainConfig(String data, InputFormat format, String labelCol, List<String> features, int epochs,
      LearningRate learningRate, boolean standardize, int partitions, String storageLevel, int blockRows,
      int logEvery, double tol, String output, boolean overwrite, boolean verbose, Checkpointing checkpointing,
      ReadOptions read) {
    this(data, format, labelCol, features, epochs, learningRate, standardize, partitions, storageLevel, blockRows,
        logEvery, tol, output, overwrite, verbose, checkpointing, read, LossSettings.DEFAULTS,
        OptimizerSettings.DEFAULTS, false, null, null, RegParamGrid.NONE);
  }

  /** A configuration with the default {@link ReadOptions}, loss and optimizer. */
  public TrainConfig(String data, InputFormat format, String labelCol, List<String> features, int epochs,
      LearningRate learningRate, boolean standardize, int partitions, String storageLevel, int blockRows,
      int logEvery, double tol, String output, boolean overwrite, boolean verbose, Checkpointing checkpointing) {
    this(data, format, labelCol, features, epochs, learningRate, standardize, partitions, storageLevel, blockRows,
        logEvery, tol, output, overwrite, verbose, checkpointing, ReadOptions.DEFAULTS);
  }

  /** This configuration reading with {@code options}. */
  public TrainConfig withRead(ReadOptions options) {
    return new TrainConfig(data, format, labelCol, features, epochs, learningRate, standardize, partitions,
        storageLevel, blockRows, logEvery, tol, output, overwrite, verbose, checkpointing, options, objective,
        optimization, residentTasks, initModel, weightCol, regParamSearch);
  }

  /** This configuration with each row weighed by the column {@code column} (null: every row weighs 1). */
  public TrainConfig withWeightCol(String column) {
    return new TrainConfig(data, format, labelCol, features, epochs, learningRate, standardize, partitions,
        storageLevel, blockRows, logEvery, tol, output, overwrite, verbose, checkpointing, read, objective,
        optimization, residentTasks, initModel, column, regParamSearch);
  }

  /**
   * The configuration of the model a {@code --reg-param} search writes: one model, of {@code regParam}, the value
   * chosen; with {@code refit} trained on all the rows (no validation split, so no {@code --patience}), as Spark's
   * TrainValidationSplit fits the best value on the whole dataset.
   */
  public TrainConfig chosen(double regParam, boolean refit) {
    OptimizerSettings o = optimization;
    OptimizerSettings settings = !refit ? o : new OptimizerSettings(o.optimizer(), o.batchFraction(),
        o.batchRunRows(), o.schedule(), o.stepEvery(), o.seed(), o.gradientTol(), 0, 0, o.shuffleRows(),
        o.tolEvaluations(), o.averageFrom());
    return new TrainConfig(data, format, labelCol, features, epochs, learningRate, standardize, partitions,
        storageLevel, blockRows, logEvery, tol, output, overwrite, verbose, checkpointing, read,
        objective.withRegParam(regParam), settings, residentTasks, initModel, weightCol, RegParamGrid.NONE);
  }

  public TrainConfig {
    Checks.arg(read != null, "reading options must be given");
    Checks.arg(objective != null && optimization != null, "loss and optimizer settings must be given");
    Checks.arg(data != null && !data.isBlank(), "--data must name a file, directory or URI");
    features = List.copyOf(features);
    Checks.arg(epochs >= 1, "--epochs must be >= 1, got %d", epochs);
    Checks.arg(learningRate != null, "--learning-rate must be a positive number or auto");
    Checks.arg(partitions >= 0, "--partitions must be >= 1 (or 0 for automatic), got %d", partitions);
    storageLevel = storageLevel.trim().toUpperCase(Locale.ROOT);
    Checks.arg(STORAGE_LEVELS.contains(storageLevel) && !storageLevel.equals("NONE"),
        "--storage-level must be one of Spark's storage levels (MEMORY_AND_DISK, MEMORY_ONLY, "
            + "MEMORY_ONLY_SER, DISK_ONLY, ...), got \"%s\"", storageLevel);
    BlockSize.checkRows(blockRows);
    Checks.arg(logEvery >= 1, "--log-every must be >= 1, got %d", logEvery);
    Checks.arg(tol >= 0 && Double.isFinite(tol), "--tol must be a finite number >= 0, got %s", tol);
    Checks.arg(output != null && !output.isBlank(), "--output must name a directory");
    if (labelCol != null) {
      Checks.arg(!features.contains(labelCol),
          "--features must not contain the label column \"%s\"", labelCol);
    }
    Checks.arg(checkpointing != null, "checkpointing settings are required (Checkpointing.NONE for none)");
    Checks.arg(features.stream().distinct().count() == features.size(),
        "--features names a column twice: %s", features);
    Checks.arg(initModel == null || !initModel.isBlank(), "--init-model must name a model directory");
    if (weightCol != null) {
      Checks.arg(!weightCol.isBlank(), "--weight-col must name a column");
      Checks.arg(!weightCol.equals(labelCol), "--weight-col \"%s\" is also the label column; weigh the rows by "
          + "another column", weightCol);
      Checks.arg(!features.contains(weightCol), "--features must not contain the weight column \"%s\" "
          + "(--weight-col)", weightCol);
    }
    Checks.arg(regParamSearch != null, "the --reg-param search must be given (RegParamGrid.NONE for none)");
    // a search's values above 0 too: its objective holds the smallest
    boolean l1 = objective.hasL1() || objective.elasticNet() > 0 && regParamSearch.searches()
        && regParamSearch.largest() > 0;
    Checks.arg(!(l1 && optimization.optimizer() == OptimizerKind.LBFGS),
        "--optimizer lbfgs needs a smooth objective but --elastic-net %s adds an L1 penalty: use "
            + "--optimizer nesterov (or gd), which take a proximal step for it", objective.elasticNet());
    if (regParamSearch.searches()) {
      Checks.arg(objective.regParam() == regParamSearch.smallest(), "the penalty of a --reg-param search must be its "
          + "smallest, %s, got %s", regParamSearch.smallest(), objective.regParam());
      Checks.arg(optimization.validationFraction() > 0, "--reg-param %s chooses by the loss on held-out rows: give "
          + "--validation-fraction above 0 (0.25, the default with several values, as Spark's TrainValidationSplit's "
          + "trainRatio 0.75)", regParamSearch);
      Checks.arg(checkpointing.dir() == null, "--checkpoint-dir saves the epochs of one model, and --reg-param %s "
          + "trains one for each value: train with the value it chooses to save checkpoints", regParamSearch);
    }
  }
}
