package sparkdgd.train;

import java.util.Locale;
import java.util.Optional;
import sparkdgd.output.Counts;

/**
 * The warning for fewer training rows than the model has parameters (the features, and the intercept when it is
 * fitted): the rows cannot determine the model, and many fit them equally well (with an L1 penalty alone, many may)
 * (one row and one feature on
 * sample-data/tutorial.csv, held out by --validation-fraction 0.999: a training MSE of 0 after one epoch, a
 * validation R^2 of -0.87). No training rows at all is refused before this, naming --validation-fraction.
 */
public final class FewRows {
  private FewRows() {}

  /**
   * @param rows           the training rows
   * @param features       the model's features that hold a value in some row (the others' weights stay 0)
   * @param dims           the model's features, all of them
   * @param intercept      whether the intercept is a parameter
   * @param validationRows the rows --validation-fraction held out (0 without)
   * @param regParam       --reg-param
   * @param elasticNet     --elastic-net: below 1 with a --reg-param, an L2 part makes the minimiser unique, and many
   *                       features over few rows (sparse text, say) is then a usual, well-posed problem: no warning
   */
  public static Optional<String> warning(long rows, int features, int dims, boolean intercept, long validationRows,
      double regParam, double elasticNet) {
    long parameters = features + (intercept ? 1L : 0L);
    boolean l2Part = regParam > 0 && elasticNet < 1;
    if (rows >= parameters || l2Part) {
      return Optional.empty();
    }
    String fix = validationRows > 0 && rows + validationRows >= parameters
        ? String.format(Locale.ROOT, "--validation-fraction holds out the other %,d; use a smaller "
            + "--validation-fraction", validationRows)
        : "train on more rows or fewer features" + (regParam > 0 ? ", or give the penalty an L2 part (--elastic-net "
            + "below 1) for a unique model" : ", or add --reg-param (e.g. 0.01) for a unique model");
    // an L1 penalty alone usually leaves one minimiser (the lasso's is unique for features in general position), but
    // is not sure to: many may fit; without a penalty a whole subspace of models fits equally well
    return Optional.of(String.format(Locale.ROOT, "%s for %s (%s%s): the rows cannot determine the model, and many "
        + "%s them equally well; %s", Counts.of(rows, "training row"), Counts.of(parameters, "parameter"),
        Counts.of(features, "feature") + (features < dims ? " holding a value" : ""),
        intercept ? " and the intercept" : "", regParam > 0 ? "may fit" : "fit", fix));
  }
}
