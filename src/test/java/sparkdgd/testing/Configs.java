package sparkdgd.testing;

import java.util.List;
import sparkdgd.config.Checkpointing;
import sparkdgd.config.LossKind;
import sparkdgd.config.LossSettings;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ReadOptions;
import sparkdgd.config.LearningRate;
import sparkdgd.config.TrainConfig;

/** Training configurations for tests: the command line's defaults, with the few settings a test varies. */
public final class Configs {
  private String data;
  private LearningRate learningRate = LearningRate.AUTO;
  private int epochs = 100;
  private boolean standardize = true;
  private int partitions = 0;
  private int blockRows = 4096;
  private double tol = 0;
  private String labelCol;
  private Checkpointing checkpointing = Checkpointing.NONE;
  private LossSettings objective = LossSettings.DEFAULTS;
  private String initModel;
  private List<String> features = List.of();
  private OptimizerSettings optimization = OptimizerSettings.DEFAULTS;
  private int logEvery = 10;
  private boolean residentTasks;
  private String storageLevel = "MEMORY_ONLY";
  private String weightCol;
  private sparkdgd.config.RegParamGrid regParamSearch = sparkdgd.config.RegParamGrid.NONE;

  private Configs(String data) {
    this.data = data;
  }

  public static Configs data(Object path) {
    return new Configs(path.toString());
  }

  public Configs epochs(int e) {
    epochs = e;
    return this;
  }

  public Configs learningRate(double rate) {
    learningRate = LearningRate.fixed(rate);
    return this;
  }

  public Configs standardize(boolean s) {
    standardize = s;
    return this;
  }

  public Configs partitions(int p) {
    partitions = p;
    return this;
  }

  public Configs blockRows(int b) {
    blockRows = b;
    return this;
  }

  public Configs tol(double t) {
    tol = t;
    return this;
  }

  public Configs label(String l) {
    labelCol = l;
    return this;
  }

  public Configs checkpoints(String dir, int every, boolean resume) {
    checkpointing = new Checkpointing(dir, every, resume);
    return this;
  }

  /** The model y = w.x, without an intercept ({@code --fit-intercept false}). */
  public Configs withoutIntercept() {
    objective = new LossSettings(objective.loss(), objective.huberDelta(), objective.regParam(),
        objective.elasticNet(), false);
    return this;
  }

  /** The loss and penalty. */
  public Configs objective(LossKind loss, double regParam, double elasticNet) {
    objective = new LossSettings(loss, objective.huberDelta(), regParam, elasticNet, objective.fitIntercept());
    return this;
  }

  public Configs huber(double delta) {
    objective = new LossSettings(LossKind.HUBER, delta, objective.regParam(), objective.elasticNet(),
        objective.fitIntercept());
    return this;
  }

  public Configs optimization(OptimizerSettings o) {
    optimization = o;
    return this;
  }

  public Configs optimizer(OptimizerKind kind) {
    OptimizerSettings o = optimization;
    optimization = new OptimizerSettings(kind, o.batchFraction(), o.batchRunRows(), o.schedule(), o.stepEvery(),
        o.seed(), o.gradientTol(), o.validationFraction(), o.patience(), o.shuffleRows(), o.tolEvaluations(),
        o.averageFrom());
    return this;
  }

  public Configs logEvery(int every) {
    logEvery = every;
    return this;
  }

  /** The feature columns ({@code --features}); none: every column but the label. */
  public Configs features(String... names) {
    features = List.of(names);
    return this;
  }

  /** Start from the model in {@code dir} ({@code --init-model}). */
  public Configs initModel(String dir) {
    initModel = dir;
    return this;
  }

  public Configs residentTasks(boolean r) {
    residentTasks = r;
    return this;
  }

  /** Each row weighed by the column {@code column} ({@code --weight-col}). */
  public Configs weights(String column) {
    weightCol = column;
    return this;
  }

  /**
   * Choose among the penalty strengths {@code values} ({@code --reg-param} with several values) by the loss on a
   * held-out {@code validationFraction} of the rows; the loss's other settings as set before.
   */
  public Configs regParamSearch(double validationFraction, double... values) {
    regParamSearch = new sparkdgd.config.RegParamGrid(java.util.Arrays.stream(values).boxed().toList());
    objective = objective.withRegParam(regParamSearch.smallest());
    OptimizerSettings o = optimization;
    optimization = new OptimizerSettings(o.optimizer(), o.batchFraction(), o.batchRunRows(), o.schedule(),
        o.stepEvery(), o.seed(), o.gradientTol(), validationFraction, o.patience(), o.shuffleRows(),
        o.tolEvaluations(), o.averageFrom());
    return this;
  }

  public Configs storageLevel(String level) {
    storageLevel = level;
    return this;
  }

  public TrainConfig build() {
    return new TrainConfig(data, null, labelCol, features, epochs, learningRate, standardize, partitions,
        storageLevel, blockRows, logEvery, tol, "unused-output", false, false, checkpointing,
        ReadOptions.DEFAULTS, objective, optimization, residentTasks, initModel, weightCol, regParamSearch);
  }
}
