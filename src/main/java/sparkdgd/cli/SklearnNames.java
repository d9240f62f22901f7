package sparkdgd.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The flags a scikit-learn user types first (its SGDRegressor's and SGDClassifier's parameter names), each with what
 * stands for it here: picocli's own guess by spelling had answered {@code --max-iter} with {@code --max-bad-records}
 * and {@code --class-weight} with {@code --classes} (a review).
 */
final class SklearnNames {
  private static final String MAPPING = " (README: Coming from scikit-learn)";
  private static final Map<String, String> HINTS = Map.ofEntries(
      Map.entry("max-iter", "--epochs (optimizer iterations: with --batch-fraction F, E passes are --epochs E/F)"),
      Map.entry("alpha", "--reg-param, scaled otherwise" + MAPPING + "; the penalty's mix, glmnet's alpha, is "
          + "--elastic-net"),
      Map.entry("c", "--reg-param, 1 / (n C) for LogisticRegression's C" + MAPPING),
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
      Map.entry("class-weight", "none: rows are not weighted here (no class or sample weights)"),
      Map.entry("sample-weight", "none: rows are not weighted here (no class or sample weights)"),
      Map.entry("average", "--average-from E (the mean of the iterates after epoch E; gd with mini-batches)"),
      Map.entry("warm-start", "--init-model DIR (an earlier run's --output)"));

  private SklearnNames() {}

  /** What stands here for the first of {@code flags} that scikit-learn names ("--max_iter", "--alpha", ...). */
  static Optional<String> hint(List<String> flags) {
    for (String flag : flags) {
      String name = flag.replaceFirst("^-+", "").replaceFirst("=.*$", "").replace('_', '-').toLowerCase(Locale.ROOT);
      String hint = HINTS.get(name);
      if (hint != null) {
        return Optional.of("; scikit-learn's " + name.replace('-', '_') + " is " + hint + "?");
      }
    }
    return Optional.empty();
  }
}
