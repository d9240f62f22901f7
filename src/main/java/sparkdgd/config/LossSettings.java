package sparkdgd.config;

/**
 * What is minimised: the per-row loss and the elastic-net penalty, with Spark ML's meaning of
 * {@code regParam} and {@code elasticNetParam} (so the same settings give the same model as
 * {@code LinearRegression} / {@code LogisticRegression}).
 *
 * @param loss        squared, huber or logistic
 * @param huberDelta  where the Huber loss turns from squared to absolute (label units)
 * @param regParam    penalty strength lambda >= 0
 * @param elasticNet  mix alpha in [0, 1]: 0 is pure L2 (ridge), 1 pure L1 (lasso)
 * @param fitIntercept whether the model has an intercept; without one it is {@code y = w.x} (Spark ML's
 *                     {@code fitIntercept=false}), the intercept fixed at 0
 * @param classes     the logistic loss's two labels ({@code --classes}); 0 and 1 for the other losses
 * @param classWeights the logistic loss's weights of its two classes ({@code --class-weight}); none for the others
 */
public record LossSettings(LossKind loss, double huberDelta, double regParam, double elasticNet,
    boolean fitIntercept, LabelClasses classes, ClassWeights classWeights) {
  public static final LossSettings DEFAULTS = new LossSettings(LossKind.SQUARED, 1.0, 0.0, 0.0);

  /** With an intercept, the default. */
  public LossSettings(LossKind loss, double huberDelta, double regParam, double elasticNet) {
    this(loss, huberDelta, regParam, elasticNet, true);
  }

  /** With classes labelled 0 and 1, the default. */
  public LossSettings(LossKind loss, double huberDelta, double regParam, double elasticNet, boolean fitIntercept) {
    this(loss, huberDelta, regParam, elasticNet, fitIntercept, LabelClasses.ZERO_ONE);
  }

  /** With every row of either class counting once, the default. */
  public LossSettings(LossKind loss, double huberDelta, double regParam, double elasticNet, boolean fitIntercept,
      LabelClasses classes) {
    this(loss, huberDelta, regParam, elasticNet, fitIntercept, classes, ClassWeights.NONE);
  }

  /** Whether {@code delta} can be a Huber loss's: a finite number above 0 (the flag's, a model's, the loss's). */
  public static boolean isHuberDelta(double delta) {
    return delta > 0 && Double.isFinite(delta);
  }

  public LossSettings {
    Checks.arg(loss != null, "--loss must be given");
    Checks.arg(isHuberDelta(huberDelta), "--huber-delta must be a finite number > 0, got %s", huberDelta);
    Checks.arg(regParam >= 0 && Double.isFinite(regParam), "--reg-param must be a finite number >= 0, got %s",
        regParam);
    Checks.arg(elasticNet >= 0 && elasticNet <= 1, "--elastic-net must be in [0, 1], got %s", elasticNet);
    Checks.arg(classes != null, "--classes must be given");
    Checks.arg(loss == LossKind.LOGISTIC || classes.isDefault(), "--classes names the two classes of --loss logistic; "
        + "--loss %s learns from any number", loss);
    Checks.arg(classWeights != null, "--class-weight must be given");
    Checks.arg(loss == LossKind.LOGISTIC || classWeights.none(), "--class-weight weighs the two classes of --loss "
        + "logistic; --loss %s has no classes (--weight-col weighs any rows)", loss);
  }

  /** These settings with {@code weights} for the classes: {@code balanced}'s, once the rows are counted. */
  public LossSettings withClassWeights(ClassWeights weights) {
    return new LossSettings(loss, huberDelta, regParam, elasticNet, fitIntercept, classes, weights);
  }

  /** These settings with the penalty strength {@code lambda}: one of a {@code --reg-param} search's. */
  public LossSettings withRegParam(double lambda) {
    return new LossSettings(loss, huberDelta, lambda, elasticNet, fitIntercept, classes, classWeights);
  }

  /** Whether the penalty has an L1 part (which needs a proximal step). */
  public boolean hasL1() {
    return regParam > 0 && elasticNet > 0;
  }
}
