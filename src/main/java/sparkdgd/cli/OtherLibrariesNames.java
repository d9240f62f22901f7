package sparkdgd.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The flags a user of another library types first, each with what stands for it here: scikit-learn's SGDRegressor
 * and SGDClassifier ({@code --max_iter}, {@code --alpha}) and Spark ML's and MLlib's params ({@code --maxIter},
 * {@code --regParam}). picocli's own guess by spelling had answered {@code --max-iter} and {@code --maxIter} with
 * {@code --max-bad-records} and {@code --class_weight} with {@code --classes} (a review).
 */
final class OtherLibrariesNames {
  private static final String SKLEARN_MAPPING = " (README: Coming from scikit-learn)";
  private static final String SPARK_MAPPING = " (README: Coming from Spark ML)";
  private static final String WEIGHT_COLUMN = "--weight-col NAME (each row's weight from a column of the data)";
  private static final String CLASS_WEIGHTS = "--class-weight balanced|W0,W1 (logistic; rows by a column of the "
      + "data: --weight-col NAME)";
  /** scikit-learn's names, snake_case, looked up with dashes for underscores: max-iter. */
  private static final Map<String, String> SKLEARN = Map.ofEntries(
      Map.entry("max-iter", "--epochs (optimizer iterations: with --batch-fraction F, E passes are --epochs E/F)"),
      Map.entry("alpha", "--reg-param, scaled otherwise" + SKLEARN_MAPPING + "; the penalty's mix, glmnet's alpha, is "
          + "--elastic-net"),
      Map.entry("c", "--reg-param, 1 / (n C) for LogisticRegression's C" + SKLEARN_MAPPING),
      Map.entry("l1-ratio", "--elastic-net (0 = L2, 1 = L1)"),
      Map.entry("penalty", "--reg-param with --elastic-net (0 = L2, 1 = L1)"),
      Map.entry("eta0", "--learning-rate (a number, or auto)"),
      Map.entry("learning-rate-init", "--learning-rate (a number, or auto)"),
      Map.entry("power-t", "--learning-rate-schedule inverse-sqrt (the power 1/2 only)"),
      Map.entry("n-iter-no-change", "--tol-evaluations (for --tol), or --patience (with --validation-fraction)"),
      Map.entry("early-stopping", "--validation-fraction F with --patience K"),
      Map.entry("shuffle", "--shuffle-rows"),
      Map.entry("random-state", "--seed"),
      Map.entry("epsilon", "--huber-delta (in label units)"),
      Map.entry("class-weight", CLASS_WEIGHTS),
      Map.entry("sample-weight", WEIGHT_COLUMN),
      Map.entry("average", "--average-from E (the mean of the iterates after epoch E; gd with mini-batches)"),
      Map.entry("warm-start", "--init-model DIR (an earlier run's --output)"));
  /** Spark ML's and MLlib's names, camelCase, looked up in lower case without dashes or underscores: maxiter. */
  private static final Map<String, String> SPARK = Map.ofEntries(
      Map.entry("maxiter", "--epochs (optimizer iterations: with full batches a pass each, and L-BFGS's line "
          + "search trials add passes)"),
      Map.entry("numiterations", "--epochs (optimizer iterations)"),
      Map.entry("regparam", "--reg-param (the same penalty as Spark ML's for the squared and logistic losses)"),
      Map.entry("elasticnetparam", "--elastic-net (0 = L2, 1 = L1)"),
      Map.entry("fitintercept", "--fit-intercept true|false"),
      Map.entry("standardization", "--standardize true|false"),
      Map.entry("labelcol", "--label-col"),
      Map.entry("featurescol", "--features (the feature columns in model order, or Parquet data's one vector or "
          + "array column)"),
      Map.entry("weightcol", WEIGHT_COLUMN),
      Map.entry("solver", "--optimizer gd|nesterov|lbfgs (no normal equations: lbfgs solves the same problem)"),
      Map.entry("family", "--loss logistic (binomial; multinomial is not offered)"),
      Map.entry("stepsize", "--learning-rate (MLlib's SimpleUpdater with stepSize s is --learning-rate s/2 "
          + "--learning-rate-schedule inverse-sqrt" + SPARK_MAPPING + ")"),
      Map.entry("minibatchfraction", "--batch-fraction"),
      Map.entry("convergencetol", "--tol (here the objective's relative change, in MLlib the weights')"),
      Map.entry("initialweights", "--init-model DIR (an earlier run's --output)"),
      Map.entry("updater", "--reg-param with --elastic-net (SquaredL2Updater 0, L1Updater 1)" + SPARK_MAPPING),
      Map.entry("maxblocksizeinmb", "--block-rows (rows a cached block holds)"),
      Map.entry("aggregationdepth", "none: the partitions' sums are added exactly, on the driver up to 32 "
          + "partitions, by treeAggregate a level deeper for every 32 times more"),
      Map.entry("threshold", "none: predict gives a logistic model's probability, and its class at 0.5"));

  private OtherLibrariesNames() {}

  /**
   * What stands here for the first of {@code flags} that scikit-learn ("--max_iter", "--alpha", ...) or, if none,
   * Spark ML or MLlib ("--maxIter", "--regParam", ...) names.
   */
  static Optional<String> hint(List<String> flags) {
    for (String flag : flags) {
      String name = flag.replaceFirst("^-+", "").replaceFirst("=.*$", "");
      String snake = name.replace('_', '-').toLowerCase(Locale.ROOT);
      String hint = SKLEARN.get(snake);
      if (hint != null) {
        return Optional.of("; scikit-learn's " + snake.replace('-', '_') + " is " + hint + "?");
      }
      hint = name.contains("_") ? null : SPARK.get(snake.replace("-", "")); // Spark's are camelCase
      if (hint != null) {
        return Optional.of("; Spark's " + name + " is " + hint + "?");
      }
    }
    return Optional.empty();
  }
}
