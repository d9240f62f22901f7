package sparkdgd.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import sparkdgd.config.LossKind;
import sparkdgd.data.InputError;
import sparkdgd.output.LinearModel;

/**
 * A trained model as the starting point of a run ({@code --init-model}): its coefficients put in the order of the
 * data's features, after checking that it fits the run, since a model of other features or another kind would
 * start the optimizer somewhere meaningless without a word.
 */
final class InitialModel {
  private InitialModel() {}

  /**
   * The raw parameters {@code [w_0..w_{d-1}, b]} of {@code model} for data whose features are {@code features}.
   *
   * @param source where the model came from, for messages
   * @param chosen whether {@code features} were chosen by {@code --features} (else all the data's columns)
   * @throws InputError when the features differ (named), the kind differs, or an intercept is not 0 where the run
   *                    fits none
   */
  static double[] raw(LinearModel model, String source, List<String> features, boolean chosen, LossKind loss,
      boolean fitIntercept) {
    boolean logistic = loss == LossKind.LOGISTIC;
    if ((model.loss() == LossKind.LOGISTIC) != logistic) {
      throw InputError.of(source, String.format("is a %s model, but this run trains %s (--loss %s); pass --loss %s "
          + "to go on training it, or start from a model trained with a %s loss", kind(model.loss()), kind(loss),
          loss.toString(), logistic ? "squared (or huber)" : "logistic", logistic ? "logistic" : "squared or Huber"));
    }
    Map<String, Integer> at = new HashMap<>();
    for (int j = 0; j < model.featureNames().size(); j++) {
      at.put(model.featureNames().get(j), j);
    }
    List<String> missing = new ArrayList<>();
    for (String f : features) {
      if (!at.containsKey(f)) {
        missing.add(f);
      }
    }
    Set<String> wanted = new HashSet<>(features); // not List.removeAll: O(d^2): 32 s at 1e5 LIBSVM features
    List<String> extra = new ArrayList<>();
    for (String f : model.featureNames()) {
      if (!wanted.contains(f)) {
        extra.add(f);
      }
    }
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw InputError.of(source, String.format("its features %s are not %s %s (%s%s%s); start from a model "
          + "trained on the same features%s", shown(model.featureNames()), chosen ? "the run's" : "the data's",
          shown(features), missing.isEmpty() ? "" : "the model lacks " + some(missing),
          missing.isEmpty() || extra.isEmpty() ? "" : "; ",
          extra.isEmpty() ? "" : (chosen ? "--features leaves out " : "the data lacks ") + some(extra),
          chosen ? ", or choose its features with --features" : ""));
    }
    if (!fitIntercept && model.intercept() != 0) {
      throw InputError.of(source, String.format("has intercept %s, but --fit-intercept false fits none; start from a "
          + "model trained with --fit-intercept false, or fit the intercept", model.intercept()));
    }
    int d = features.size();
    double[] raw = new double[d + 1];
    for (int j = 0; j < d; j++) {
      raw[j] = model.coefficients()[at.get(features.get(j))];
    }
    raw[d] = model.intercept();
    return raw;
  }

  /** Names listed in full up to this many; more are counted (a LIBSVM model has millions). */
  static final int LISTED = 12;

  /** {@code [x1, x2, z]}, or {@code 100,000 (x1, x2, x3, ..., x100000)}. */
  private static String shown(List<String> names) {
    if (names.size() <= LISTED) {
      return names.toString();
    }
    return String.format(Locale.ROOT, "%,d (%s, ..., %s)", names.size(), String.join(", ", names.subList(0, 3)),
        names.get(names.size() - 1));
  }

  /** {@code x3, z}, or the first few and how many more. */
  private static String some(List<String> names) {
    if (names.size() <= LISTED) {
      return String.join(", ", names);
    }
    return String.format(Locale.ROOT, "%s and %,d more", String.join(", ", names.subList(0, LISTED - 2)),
        names.size() - (LISTED - 2));
  }

  private static String kind(LossKind loss) {
    return loss == LossKind.LOGISTIC ? "logistic-regression" : "linear-regression";
  }
}
