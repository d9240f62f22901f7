package sparkdgd.block;

import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;

/**
 * Row count, means and population standard deviations of the features and the label, from two exact
 * passes: means first, then the deviations from them and their squares, which avoids the cancellation of
 * {@code E[x^2] - E[x]^2} (the corrected two-pass algorithm: {@code var = E[(x-c)^2] - E[x-c]^2}, with c the
 * first pass's mean). A column whose spread is within rounding of that mean's own error is constant: its
 * standard deviation is 0, not the mean's error (a column of 7.3 in every row came out at 8.7e-14, and
 * standardizing divided it by that).
 *
 * @param rows          number of rows
 * @param featureMeans  mean of each feature
 * @param featureStd    population standard deviation of each feature (divides by n)
 * @param labelMean     mean of the label
 * @param labelStd      population standard deviation of the label
 * @param weightTotal   the sum of the rows' weights ({@link Block#weights()}), {@code rows} where they have none: the
 *                      means and spreads are weighted, each row counting its weight's worth (divided by this sum)
 * @param weightSquares the sum of the squared weights, {@code rows} where there are none (for Spark's unbiased
 *                      weighted deviation, {@link #unbiasedFactor})
 */
public record ColumnStatistics(long rows, double[] featureMeans, double[] featureStd,
    double labelMean, double labelStd, double weightTotal, double weightSquares) {

  /**
   * How many rows of weight 1 the rows' weights are worth as a sample, {@code W^2 / sum w^2} (Kish's effective sample
   * size): {@link #rows()} where they have no weights; fewer where a few rows weigh most.
   */
  public double effectiveRows() {
    return weightTotal == rows && weightSquares == rows ? rows : weightTotal * weightTotal / weightSquares;
  }

  /**
   * What turns a population deviation into Spark's unbiased one: {@code sqrt(n / (n - 1))}, with weights
   * {@code sqrt(W / (W - sum w^2 / W))} (Spark's reliability weights); 1 when that is not defined.
   */
  public double unbiasedFactor() {
    double effective = weightTotal - weightSquares / weightTotal;
    return weightTotal > 0 && effective > 0 ? Math.sqrt(weightTotal / effective) : 1.0;
  }

  /** The row count and the means, in one pass. Also what first materialises the cache. */
  public static ColumnStatistics meansOnly(JavaRDD<Block> blocks, int dims) {
    BlockPass.Totals t = BlockPass.run(blocks, ColumnStatistics::addColumnSums, columnSumsWidth(dims));
    double total = t.sums()[dims + 1];
    double[] means = new double[dims];
    if (total > 0) {
      for (int j = 0; j < dims; j++) {
        means[j] = t.sums()[j] / total;
      }
    }
    double labelMean = total > 0 ? t.sums()[dims] / total : 0;
    return new ColumnStatistics(t.rows(), means, new double[dims], labelMean, 0, total, t.sums()[dims + 2]);
  }

  /**
   * A spread below this fraction of the mean squared deviation from the first pass's mean, or below
   * {@link #roundingBound} of the rows if that is larger, is rounding: for a constant column every deviation is
   * the same number, and the two sums of n equal terms added in plain doubles (a partition's blocks into one
   * accumulator) agree to within 3 n 2^-53 of their size; for a column that varies, the mean's error is far below
   * its spread and the fraction is near 1.
   */
  static final double CONSTANT_BELOW = 1e-9;

  /**
   * A feature whose standard deviation is at most this fraction of its values' root mean square (4 x 2^-52: 4 to 8
   * units in the last place of such values, by where they sit between powers of two) varies only in the last bits of
   * its values: constant up to rounding, like an exact one. A
   * column of 1.0, 1.0 + 1 ulp and 1.0 + 2 ulp (a spread of 0.8 units, 2.9e-16) was divided by that spread when
   * standardized, and its coefficient of 1e13 made the default run diverge (a user's review); 1e8 plus up to 1e-6
   * (13 units) keeps its spread.
   */
  static final double VALUE_ROUNDING = 4 * Math.ulp(1.0);

  /** 4 n 2^-53: above the relative difference rounding leaves between the two sums of n equal deviations. */
  static double roundingBound(long rows) {
    return 4.0 * rows * 0x1p-53;
  }

  /** Adds the standard deviations to {@code withMeans} with one more pass. */
  public static ColumnStatistics withDeviations(JavaRDD<Block> blocks, ColumnStatistics withMeans) {
    int dims = withMeans.featureMeans.length;
    double[] centre = new double[dims + 1];
    System.arraycopy(withMeans.featureMeans, 0, centre, 0, dims);
    centre[dims] = withMeans.labelMean;
    BlockPass.Totals t = BlockPass.run(blocks, (b, acc) -> addDeviations(b, centre, acc), deviationsWidth(dims));
    double[] spreads = spreads(t.sums(), centre, withMeans.weightTotal, t.rows());
    return new ColumnStatistics(t.rows(), withMeans.featureMeans, Arrays.copyOf(spreads, dims),
        withMeans.labelMean, spreads[dims], withMeans.weightTotal, withMeans.weightSquares);
  }

  /**
   * The accumulator {@link #addDeviations} writes for {@code dims} features: the squared deviations of the
   * features and the label, their deviations, then for sparse blocks how many rows list each feature and how many
   * rows they hold (their weights, where rows have weights).
   */
  static int deviationsWidth(int dims) {
    return 3 * dims + 3;
  }

  /**
   * The spreads of the features and of the label (last) from the totals of {@link #addDeviations} over
   * {@code rows} rows: a row of a sparse block that does not list feature j holds 0 there, a deviation of
   * {@code -c_j}, added here once for all such rows rather than in every block.
   */
  static double[] spreads(double[] sums, double[] centre, long rows) {
    return spreads(sums, centre, rows, rows);
  }

  /** {@link #spreads(double[], double[], long)} of {@code rows} rows weighing {@code total} in all. */
  static double[] spreads(double[] sums, double[] centre, double total, long rows) {
    int d = centre.length - 1;
    double sparseRows = sums[3 * d + 2];
    double[] spread = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      double squares = sums[j];
      double deviations = sums[d + 1 + j];
      if (j < d && sparseRows > 0) {
        double zeros = sparseRows - sums[2 * d + 2 + j];
        squares += zeros * (centre[j] * centre[j]);
        deviations -= zeros * centre[j];
      }
      spread[j] = spread(squares, deviations, total, rows);
      // varies in its last bits only (hypot: no overflow for values near the largest doubles; an infinite spread,
      // a sum of squares that overflowed, stays: OverflowingColumns names it)
      if (j < d && Double.isFinite(spread[j]) && spread[j] <= VALUE_ROUNDING * Math.hypot(centre[j], spread[j])) {
        spread[j] = 0;
      }
    }
    return spread;
  }

  /** The labels' mean (weighted where rows have weights), in one pass that reads only them. */
  public static double labelMean(JavaRDD<Block> blocks) {
    BlockPass.Totals t = BlockPass.run(blocks, (b, acc) -> {
      double[] y = b.labels();
      for (int i = 0; i < b.rows(); i++) {
        acc[0] += b.weight(i) * y[i];
      }
      acc[1] += b.weightTotal();
    }, 2);
    return t.sums()[1] > 0 ? t.sums()[0] / t.sums()[1] : 0;
  }

  /**
   * The labels' population variance about {@code labelMean}, their mean (weighted where rows have weights), in one
   * pass that reads only them.
   */
  public static double labelVariance(JavaRDD<Block> blocks, double labelMean) {
    BlockPass.Totals t = BlockPass.run(blocks, (b, acc) -> {
      double[] y = b.labels();
      for (int i = 0; i < b.rows(); i++) {
        double dev = y[i] - labelMean;
        double w = b.weight(i);
        acc[0] += w * (dev * dev);
        acc[1] += w * dev;
      }
      acc[2] += b.weightTotal();
    }, 3);
    double spread = spread(t.sums()[0], t.sums()[1], t.sums()[2], t.rows());
    return spread * spread;
  }

  /**
   * The population standard deviation from the sums of {@code x - c} and {@code (x - c)^2} over {@code rows}
   * rows, 0 for a column that is constant up to rounding (see {@link #CONSTANT_BELOW}), infinite for one whose sums
   * overflowed.
   */
  static double spread(double squaredDeviations, double deviations, long rows) {
    return spread(squaredDeviations, deviations, rows, rows);
  }

  /**
   * {@link #spread(double, double, long)} of {@code rows} rows weighing {@code total} in all: the weighted sums are
   * divided by the total, the rounding bound stays the rows'.
   */
  static double spread(double squaredDeviations, double deviations, double total, long rows) {
    if (rows <= 0 || total <= 0) {
      return 0;
    }
    if (!Double.isFinite(squaredDeviations) || !Double.isFinite(deviations)) {
      return Double.POSITIVE_INFINITY; // values whose squares overflow: not "constant" (OverflowingColumns)
    }
    double meanSquare = squaredDeviations / total;
    double shift = deviations / total;
    double variance = meanSquare - shift * shift;
    return variance > Math.max(CONSTANT_BELOW, roundingBound(rows)) * meanSquare ? Math.sqrt(variance) : 0;
  }

  /** The accumulator {@link #addColumnSums} writes for {@code dims} features. */
  static int columnSumsWidth(int dims) {
    return dims + 3;
  }

  /**
   * Adds each column's weighted sum into {@code acc[0..d]} (the label last), the rows' weight into {@code acc[d+1]}
   * and their squared weights into {@code acc[d+2]}.
   */
  static void addColumnSums(Block b, double[] acc) {
    acc[b.dims() + 1] += b.weightTotal();
    acc[b.dims() + 2] += b.weightSquares();
    if (b instanceof SparseBlock s) {
      addSparseColumnSums(s, acc);
      return;
    }
    if (b instanceof DenseFloatBlock f) {
      addFloatColumnSums(f, acc);
      return;
    }
    DenseBlock dense = (DenseBlock) b;
    final int d = b.dims();
    final double[] x = dense.tiles();
    final double[] y = b.labels();
    double labelSum = 0;
    for (int i = 0; i < b.rows(); i++) {
      final int stride = Tiles.stride(i, b.rows());
      final double w = b.weight(i);
      for (int j = 0, at = Tiles.start(i, d); j < d; j++, at += stride) {
        acc[j] += w * x[at];
      }
      labelSum += w * y[i];
    }
    acc[d] += labelSum;
  }

  private static void addFloatColumnSums(DenseFloatBlock b, double[] acc) {
    final int d = b.dims();
    final float[] x = b.tiles();
    final double[] y = b.labels();
    double labelSum = 0;
    for (int i = 0; i < b.rows(); i++) {
      final int stride = Tiles.stride(i, b.rows());
      final double w = b.weight(i);
      for (int j = 0, at = Tiles.start(i, d); j < d; j++, at += stride) {
        acc[j] += w * x[at];
      }
      labelSum += w * y[i];
    }
    acc[d] += labelSum;
  }

  private static void addSparseColumnSums(SparseBlock b, double[] acc) {
    final int d = b.dims();
    final int[] idx = b.indices();
    final double[] v = b.values();
    final double[] y = b.labels();
    final int[] starts = b.rowStarts();
    double labelSum = 0;
    for (int i = 0; i < b.rows(); i++) {
      final double w = b.weight(i);
      for (int k = starts[i]; k < starts[i + 1]; k++) {
        acc[idx[k]] += w * v[k];
      }
      labelSum += w * y[i];
    }
    acc[d] += labelSum;
  }

  /**
   * Adds, for every column of {@code centre} (the features, then the label), {@code sum (x - c)^2} into
   * {@code acc[0..d]} and {@code sum (x - c)} into {@code acc[d+1..2d+1]}. Both from the same differences, so that
   * a constant column adds the same number once for every row to both. A sparse block adds its listed values'
   * deviations only, and counts them into {@code acc[2d+2..3d+1]} and its rows into {@code acc[3d+2]}, for
   * {@link #spreads} to add the zeros': O(non-zeros) a block, not O(d). {@code acc} is
   * {@link #deviationsWidth} long.
   */
  static void addDeviations(Block b, double[] centre, double[] acc) {
    if (b instanceof SparseBlock s) {
      addSparseDeviations(s, centre, acc);
      return;
    }
    final int d = b.dims();
    final double[] y = b.labels();
    final float[] floats = b instanceof DenseFloatBlock f ? f.tiles() : null;
    final double[] doubles = floats == null ? ((DenseBlock) b).tiles() : null;
    for (int i = 0; i < b.rows(); i++) {
      final int stride = Tiles.stride(i, b.rows());
      final double w = b.weight(i);
      for (int j = 0, at = Tiles.start(i, d); j < d; j++, at += stride) {
        double dev = (floats == null ? doubles[at] : floats[at]) - centre[j];
        acc[j] += w * (dev * dev);
        acc[d + 1 + j] += w * dev;
      }
      double dev = y[i] - centre[d];
      acc[d] += w * (dev * dev);
      acc[2 * d + 1] += w * dev;
    }
  }

  private static void addSparseDeviations(SparseBlock b, double[] centre, double[] acc) {
    final int d = b.dims();
    final int[] idx = b.indices();
    final double[] v = b.values();
    final double[] y = b.labels();
    final int n = b.rows();
    final int[] starts = b.rowStarts();
    for (int i = 0; i < n; i++) {
      final double w = b.weight(i);
      for (int k = starts[i]; k < starts[i + 1]; k++) {
        int j = idx[k];
        double dev = v[k] - centre[j];
        acc[j] += w * (dev * dev);
        acc[d + 1 + j] += w * dev;
        acc[2 * d + 2 + j] += w;
      }
    }
    acc[3 * d + 2] += b.weightTotal();
    for (int i = 0; i < n; i++) {
      double dev = y[i] - centre[d];
      double w = b.weight(i);
      acc[d] += w * (dev * dev);
      acc[2 * d + 1] += w * dev;
    }
  }
}
