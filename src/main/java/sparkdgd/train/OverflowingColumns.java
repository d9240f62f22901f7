package sparkdgd.train;

import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.block.ColumnStatistics;
import sparkdgd.data.InputError;

/**
 * Refuses data whose values are too large for a double's arithmetic: a column whose squared deviations overflow
 * (values beyond about 1e154, such as {@code 1.7976931348623157E308}, Double.MAX_VALUE, a common stand-in for a
 * missing value). Its spread then came out as "no variation", and the run failed on a NaN Hessian estimate ("Pass
 * --learning-rate explicitly"), then, with one given, diverged at its first epoch whatever the rate: a loop the user
 * could not leave, with nothing pointing at the value. Named here with the column and its largest magnitude, before
 * any epoch.
 */
final class OverflowingColumns {
  private static final int LABEL = -1;

  private OverflowingColumns() {}

  /**
   * Throws an {@link InputError} for the first feature whose standard deviation in {@code stats} overflowed (infinite:
   * {@code ColumnStatistics}), else for the label when {@code labelVariance} did (NaN when not computed: logistic
   * labels are 0 or 1), else for the label of the validation rows {@code held} (or null) when
   * {@code heldLabelVariance} did (such a label only there had given a validation R^2 from an infinite variance); the
   * blocks are read again only then, for the column's largest magnitude.
   */
  static void refuse(JavaRDD<Block> blocks, ColumnStatistics stats, double labelVariance, JavaRDD<Block> held,
      double heldLabelVariance, List<String> features, String label, String data) {
    double[] std = stats.featureStd();
    for (int j = 0; j < std.length; j++) {
      if (Double.isInfinite(std[j])) {
        throw error(data, "column \"" + features.get(j) + "\"", largest(blocks, j));
      }
    }
    JavaRDD<Block> overflowed = Double.isInfinite(labelVariance) ? blocks
        : held != null && Double.isInfinite(heldLabelVariance) ? held : null;
    if (overflowed != null) {
      throw error(data, "label column \"" + label + "\"", largest(overflowed, LABEL));
    }
  }

  /** The largest magnitude of feature {@code column} in {@code blocks}, or of their labels for {@link #LABEL}. */
  static double largest(JavaRDD<Block> blocks, int column) {
    return blocks.map(b -> {
      double m = 0;
      for (int i = 0; i < b.rows(); i++) {
        m = Math.max(m, Math.abs(column == LABEL ? b.labels()[i] : b.value(i, column)));
      }
      return m;
    }).fold(0.0, Math::max);
  }

  private static InputError error(String data, String column, double largest) {
    return InputError.of(data, String.format(Locale.ROOT, "%s holds values too large for the arithmetic: its largest "
        + "magnitude is %s, and the sum of its squares over the rows overflows a double (one value beyond about 1e154 "
        + "does alone); is it a stand-in for a missing value (1.7976931348623157E308 is Double.MAX_VALUE)? Delete or "
        + "fix those rows, or rescale the column", column, largest));
  }
}
