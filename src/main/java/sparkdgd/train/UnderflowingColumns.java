package sparkdgd.train;

import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.block.ColumnStatistics;
import sparkdgd.data.InputError;

/**
 * Refuses data whose values are too small for a double's arithmetic, as {@link OverflowingColumns} refuses those too
 * large: a column of values below about 1e-154 whose deviations' squares underflow to 0. Its spread then came out as
 * none, and the column was given a coefficient of 0 without a word (a user review: a feature scaled by 1e-200, where
 * least squares gives it 1.47e200; the run's R^2 was 0.65 against 0.99). Named here with the column and its range,
 * before any epoch; a column that holds one tiny value in every row is constant, as it reads, and trains.
 */
final class UnderflowingColumns {
  /** A mean of smaller magnitude than this, with no spread found, is read again: its squares may have underflowed. */
  static final double TINY = 1e-150;

  private UnderflowingColumns() {}

  /**
   * Throws an {@link InputError} for the first feature of {@code stats} found without spread whose mean is not 0 but
   * below {@link #TINY} and whose values differ; the blocks are read again only for such a feature.
   */
  static void refuse(JavaRDD<Block> blocks, ColumnStatistics stats, List<String> features, String data) {
    double[] std = stats.featureStd();
    double[] means = stats.featureMeans();
    for (int j = 0; j < std.length; j++) {
      if (std[j] == 0 && means[j] != 0 && Math.abs(means[j]) < TINY) {
        double[] range = range(blocks, j);
        if (range[0] < range[1]) {
          throw InputError.of(data, String.format(Locale.ROOT, "column \"%s\" holds values too small for the "
              + "arithmetic: they range from %s to %s, and the squares of their deviations underflow to 0 in a "
              + "double (below about 1e-154), so the column would read as constant and get a coefficient of 0; "
              + "rescale it (multiplied by 1e200, its coefficient is divided by 1e200)", features.get(j), range[0],
              range[1]));
        }
      }
    }
  }

  /** The smallest and largest value of feature {@code column} in {@code blocks}. */
  static double[] range(JavaRDD<Block> blocks, int column) {
    return blocks.map(b -> {
      double[] r = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
      for (int i = 0; i < b.rows(); i++) {
        r[0] = Math.min(r[0], b.value(i, column));
        r[1] = Math.max(r[1], b.value(i, column));
      }
      return r;
    }).fold(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY},
        (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
  }
}
