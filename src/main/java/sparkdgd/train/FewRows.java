package sparkdgd.train;

import java.util.Locale;
import java.util.Optional;
import sparkdgd.output.Counts;

/**
 * The warning for fewer training rows than the model has parameters (the features, and the intercept when it is
 * fitted): the rows cannot determine the model, and many fit them equally well (one row and one feature on
 * sample-data/tutorial.csv, held out by --validation-fraction 0.999: a training MSE of 0 after one epoch, a
 * validation R^2 of -0.87). No training rows at all is refused before this, naming --validation-fraction.
 */
public final class FewRows {
  private FewRows() {}

  /**
   * @param rows           the training rows
   * @param features       the model's features
   * @param intercept      whether the intercept is a parameter
   * @param validationRows the rows --validation-fraction held out (0 without)
   * @param penalized      whether a --reg-param is given (a unique model, though one the rows still say little about)
   */
  public static Optional<String> warning(long rows, int features, boolean intercept, long validationRows,
      boolean penalized) {
    long parameters = features + (intercept ? 1L : 0L);
    if (rows >= parameters) {
      return Optional.empty();
    }
    String fix = validationRows > 0
        ? String.format(Locale.ROOT, "--validation-fraction holds out the other %,d; use a smaller "
            + "--validation-fraction", validationRows)
        : "train on more rows or fewer --features" + (penalized ? "" : ", or add --reg-param (e.g. 0.01) for a "
            + "unique model");
    return Optional.of(String.format(Locale.ROOT, "%s for %s (%s%s): the rows cannot determine the model, and many "
        + "fit them equally well; %s", Counts.of(rows, "training row"), Counts.of(parameters, "parameter"),
        Counts.of(features, "feature"), intercept ? " and the intercept" : "", fix));
  }
}
