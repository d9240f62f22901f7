package sparkdgd.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    List<String> extra = new ArrayList<>(model.featureNames());
    extra.removeAll(features);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw InputError.of(source, String.format("its features %s are not %s %s (%s%s%s); start from a model "
          + "trained on the same features%s", model.featureNames(), chosen ? "the run's" : "the data's", features,
          missing.isEmpty() ? "" : "the model lacks " + String.join(", ", missing),
          missing.isEmpty() || extra.isEmpty() ? "" : "; ",
          extra.isEmpty() ? "" : (chosen ? "--features leaves out " : "the data lacks ") + String.join(", ", extra),
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

  private static String kind(LossKind loss) {
    return loss == LossKind.LOGISTIC ? "logistic-regression" : "linear-regression";
  }
}
