package sparkdgd.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import sparkdgd.block.Block;
import sparkdgd.block.ColumnStatistics;
import sparkdgd.block.SparseBlock;
import sparkdgd.data.InputError;

/**
 * Refuses data whose values are too small for a double's arithmetic, as {@link OverflowingColumns} refuses those too
 * large: a column of values below about 1.5e-154 (the square root of the smallest normal double) whose deviations'
 * squares underflow. Its spread then came out as none, and the column was given a coefficient of 0 without a word (a
 * user review: a feature scaled by 1e-200, where least squares gives it 1.47e200; the run's R^2 was 0.65 against
 * 0.99). Named here with the column and its range, before any epoch; a column that holds one value in every row is
 * constant, as it reads, and trains.
 */
final class UnderflowingColumns {
  /** Values below this magnitude have squares below the smallest normal double: sqrt(Double.MIN_NORMAL). */
  static final double TINY = Math.sqrt(Double.MIN_NORMAL);

  private UnderflowingColumns() {}

  /**
   * Throws an {@link InputError} for the first feature of {@code stats} (whose standard deviations are computed)
   * found without spread and with a mean below {@link #TINY} in magnitude, 0 too, whose values differ and are all
   * below {@link #TINY}; the blocks are read again, once for all such features, only when there are some. {@code
   * present}: the features some row holds a value of (sparse input), or null where not known (dense).
   */
  static void refuse(JavaRDD<Block> blocks, ColumnStatistics stats, java.util.BitSet present, List<String> features,
      String data) {
    double[] std = stats.featureStd();
    double[] means = stats.featureMeans();
    List<Integer> suspects = new ArrayList<>();
    for (int j = 0; j < std.length; j++) {
      // a feature no row holds (sparse input's absent ones: present, when known) is no suspect, and costs no pass
      if (std[j] == 0 && Math.abs(means[j]) < TINY && (present == null || present.get(j))) {
        suspects.add(j);
      }
    }
    if (suspects.isEmpty()) {
      return;
    }
    int[] columns = suspects.stream().mapToInt(Integer::intValue).toArray();
    double[] ranges = ranges(blocks, columns);
    for (int k = 0; k < columns.length; k++) {
      double min = ranges[2 * k];
      double max = ranges[2 * k + 1];
      if (min < max && Math.max(-min, max) < TINY) {
        throw InputError.of(data, String.format(Locale.ROOT, "column \"%s\" holds values too small for the "
            + "arithmetic: they range from %s to %s, and the squares of their deviations underflow in a double "
            + "(below about 1.5e-154), so the column would read as constant and get a coefficient of 0; rescale it "
            + "(multiplied by 1e200, its coefficient is divided by 1e200)", features.get(columns[k]), min, max));
      }
    }
  }

  /**
   * The smallest and largest value of each of {@code columns} in {@code blocks}, side by side: one array per partition,
   * and for sparse blocks one index of the columns per partition (a feature's place among them), not one per block.
   */
  static double[] ranges(JavaRDD<Block> blocks, int[] columns) {
    double[] none = new double[2 * columns.length];
    for (int k = 0; k < columns.length; k++) {
      none[2 * k] = Double.POSITIVE_INFINITY;
      none[2 * k + 1] = Double.NEGATIVE_INFINITY;
    }
    return blocks.mapPartitions(it -> {
      double[] r = none.clone();
      int[] slot = null;
      while (it.hasNext()) {
        Block b = it.next();
        if (b instanceof SparseBlock s) {
          slot = slot != null ? slot : slots(b.dims(), columns);
          widen(r, s, slot);
        } else {
          for (int k = 0; k < columns.length; k++) {
            for (int i = 0; i < b.rows(); i++) {
              widen(r, k, b.value(i, columns[k]));
            }
          }
        }
      }
      return List.of(r).iterator();
    }).fold(none.clone(), (a, c) -> {
      double[] r = a.clone();
      for (int k = 0; k < columns.length; k++) {
        widen(r, k, c[2 * k]);
        widen(r, k, c[2 * k + 1]);
      }
      return r;
    });
  }

  /** Each feature's place among {@code columns}, -1 for the others. */
  private static int[] slots(int dims, int[] columns) {
    int[] slot = new int[dims];
    Arrays.fill(slot, -1);
    for (int k = 0; k < columns.length; k++) {
      slot[columns[k]] = k;
    }
    return slot;
  }

  /** Widens {@code r} by a sparse block's stored values of the columns {@code slot} places, and its 0s. */
  private static void widen(double[] r, SparseBlock s, int[] slot) {
    int[] listed = new int[r.length / 2];
    for (int p = 0; p < s.storedValues(); p++) {
      int k = slot[s.indices()[p]];
      if (k >= 0) {
        widen(r, k, s.values()[p]);
        listed[k]++;
      }
    }
    for (int k = 0; k < listed.length; k++) {
      if (listed[k] < s.rows()) { // a row that does not list the feature holds 0
        widen(r, k, 0);
      }
    }
  }

  private static void widen(double[] r, int k, double v) {
    r[2 * k] = Math.min(r[2 * k], v);
    r[2 * k + 1] = Math.max(r[2 * k + 1], v);
  }
}
