package sparkdgd.train;

import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.block.ColumnStatistics;

/**
 * What a diverged run with {@code --standardize false} and a learning rate given by hand is told about its columns.
 * There the rate steps the raw weights, and the objective's curvature along feature j is {@code c mean(x_j^2)}
 * ({@code c} the loss's largest second derivative in the margin: 2 squared, 1 Huber, 1/4 logistic), so one column of
 * large values rules out every usable rate; the divergence error alone ("use a smaller --learning-rate") had left
 * the user halving a rate that had to shrink by 200 orders of magnitude, with nothing naming the column (a review's
 * column with one value of 1e100). The spreads are not computed in that mode, so this costs one pass, after the run
 * failed.
 *
 * <p>Both figures are bounds on the Hessian H = (c / n) sum x x^T (the intercept's column of ones included) and the
 * L2 penalty: its largest eigenvalue is at least its largest diagonal entry, so a rate above
 * {@code 2 / (c mean(x_j^2))} diverges for gd whatever the other columns (for the squared loss, whose c holds
 * everywhere; Huber's and the log-loss's second derivatives are at most c, so for them only the other sentence is
 * given); the intercept's column of ones so rules out rates above {@code 2 / c}; and at most its trace, so a rate
 * below {@code 1 / trace} converges for gd and nesterov alike.
 */
final class RawStepLimit {
  private RawStepLimit() {}

  /**
   * The sentence added to the divergence error: the column whose mean square rules out {@code rate} on its own,
   * with its largest magnitude, else the rate below which the columns' curvature is sure to allow a step.
   *
   * @param stats         the row count and means ({@link ColumnStatistics#meansOnly} suffices: the spreads are
   *                      computed here)
   * @param lossCurvature the loss's largest second derivative in the margin (2 for the squared loss)
   * @param l2Curvature   the L2 penalty's largest weight on the raw weights
   * @param exact         whether the loss's second derivative is {@code lossCurvature} everywhere (the squared loss):
   *                      only then does one column's curvature prove a rate diverges (Huber's and the log-loss's are
   *                      at most that), and the other sentence is given
   */
  static String hint(JavaRDD<Block> blocks, ColumnStatistics stats, double lossCurvature, boolean intercept,
      double l2Curvature, double rate, List<String> features, boolean exact) {
    double[] meanSquares = meanSquares(ColumnStatistics.withDeviations(blocks, stats));
    int widest = 0;
    double trace = intercept ? lossCurvature : 0;
    for (int j = 0; j < meanSquares.length; j++) {
      trace += lossCurvature * meanSquares[j] + l2Curvature;
      if (meanSquares[j] > meanSquares[widest]) {
        widest = j;
      }
    }
    String raw = "; with --standardize false the rate steps the raw weights";
    String unscaled = "or leave out --standardize false (each feature is then divided by its spread)";
    if (meanSquares.length == 0) {
      return "";
    }
    double alone = 2 / (lossCurvature * meanSquares[widest] + l2Curvature);
    double interceptAlone = 2 / lossCurvature; // its column of ones: a mean square of 1
    if (exact && intercept && meanSquares[widest] < 1 && rate > interceptAlone) {
      return String.format(Locale.ROOT, "%s, and the intercept alone (a column of ones) makes any rate above %s "
          + "diverge", raw, Trainer.readable(interceptAlone));
    }
    if (exact && rate > alone) {
      return String.format(Locale.ROOT, "%s, and column \"%s\" alone (its values up to %s in magnitude, their mean "
          + "square %s) makes any rate above %s diverge: rescale that column, %s", raw, features.get(widest),
          Trainer.readable(OverflowingColumns.largest(blocks, widest)), Trainer.readable(meanSquares[widest]),
          Trainer.readable(alone), unscaled);
    }
    return String.format(Locale.ROOT, "%s, and with these columns (the largest mean square %s, column \"%s\") any "
        + "rate below %s converges (1 / the Hessian's trace); rescale them, %s", raw,
        Trainer.readable(meanSquares[widest]), features.get(widest), Trainer.readable(1 / trace), unscaled);
  }

  /** Each feature's mean square: its variance about its mean plus the mean's square. */
  static double[] meanSquares(ColumnStatistics stats) {
    double[] means = stats.featureMeans();
    double[] std = stats.featureStd();
    double[] squares = new double[means.length];
    for (int j = 0; j < means.length; j++) {
      squares[j] = std[j] * std[j] + means[j] * means[j];
    }
    return squares;
  }
}
