package sparkdgd.block;

import org.apache.spark.api.java.JavaRDD;

/**
 * Row count, means and population standard deviations of the features and the label, from two exact
 * passes (means first, then squared deviations from them, which avoids the cancellation of
 * {@code E[x^2] - E[x]^2}).
 *
 * @param rows          number of rows
 * @param featureMeans  mean of each feature
 * @param featureStd    population standard deviation of each feature (divides by n)
 * @param labelMean     mean of the label
 * @param labelStd      population standard deviation of the label
 */
public record ColumnStatistics(long rows, double[] featureMeans, double[] featureStd,
    double labelMean, double labelStd) {

  /** The row count and the means, in one pass. Also what first materialises the cache. */
  public static ColumnStatistics meansOnly(JavaRDD<Block> blocks, int dims) {
    BlockPass.Totals t = BlockPass.run(blocks, ColumnStatistics::addColumnSums, dims + 1);
    double[] means = new double[dims];
    if (t.rows() > 0) {
      for (int j = 0; j < dims; j++) {
        means[j] = t.sums()[j] / t.rows();
      }
    }
    double labelMean = t.rows() > 0 ? t.sums()[dims] / t.rows() : 0;
    return new ColumnStatistics(t.rows(), means, new double[dims], labelMean, 0);
  }

  /** Adds the standard deviations to {@code withMeans} with one more pass. */
  public static ColumnStatistics withDeviations(JavaRDD<Block> blocks, ColumnStatistics withMeans) {
    int dims = withMeans.featureMeans.length;
    double[] centre = new double[dims + 1];
    System.arraycopy(withMeans.featureMeans, 0, centre, 0, dims);
    centre[dims] = withMeans.labelMean;
    BlockPass.Totals t = BlockPass.run(blocks, (b, acc) -> addSquaredDeviations(b, centre, acc), dims + 1);
    double[] std = new double[dims];
    long n = Math.max(1, t.rows());
    for (int j = 0; j < dims; j++) {
      std[j] = Math.sqrt(t.sums()[j] / n);
    }
    return new ColumnStatistics(t.rows(), withMeans.featureMeans, std, withMeans.labelMean,
        Math.sqrt(t.sums()[dims] / n));
  }

  static void addColumnSums(Block b, double[] acc) {
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
      for (int j = 0, at = Tiles.start(i, d); j < d; j++, at += stride) {
        acc[j] += x[at];
      }
      labelSum += y[i];
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
      for (int j = 0, at = Tiles.start(i, d); j < d; j++, at += stride) {
        acc[j] += x[at];
      }
      labelSum += y[i];
    }
    acc[d] += labelSum;
  }

  private static void addFloatSquaredDeviations(DenseFloatBlock b, double[] centre, double[] acc) {
    final int d = b.dims();
    final float[] x = b.tiles();
    final double[] y = b.labels();
    double labelSum = 0;
    for (int i = 0; i < b.rows(); i++) {
      final int stride = Tiles.stride(i, b.rows());
      for (int j = 0, at = Tiles.start(i, d); j < d; j++, at += stride) {
        double dev = x[at] - centre[j];
        acc[j] += dev * dev;
      }
      double dev = y[i] - centre[d];
      labelSum += dev * dev;
    }
    acc[d] += labelSum;
  }

  private static void addSparseColumnSums(SparseBlock b, double[] acc) {
    final int d = b.dims();
    final int[] idx = b.indices();
    final double[] v = b.values();
    final double[] y = b.labels();
    final int nnz = (int) b.storedValues();
    for (int k = 0; k < nnz; k++) {
      acc[idx[k]] += v[k];
    }
    double labelSum = 0;
    for (int i = 0; i < b.rows(); i++) {
      labelSum += y[i];
    }
    acc[d] += labelSum;
  }

  static void addSquaredDeviations(Block b, double[] centre, double[] acc) {
    if (b instanceof SparseBlock s) {
      addSparseSquaredDeviations(s, centre, acc);
      return;
    }
    if (b instanceof DenseFloatBlock f) {
      addFloatSquaredDeviations(f, centre, acc);
      return;
    }
    DenseBlock dense = (DenseBlock) b;
    final int d = b.dims();
    final double[] x = dense.tiles();
    final double[] y = b.labels();
    double labelSum = 0;
    for (int i = 0; i < b.rows(); i++) {
      final int stride = Tiles.stride(i, b.rows());
      for (int j = 0, at = Tiles.start(i, d); j < d; j++, at += stride) {
        double dev = x[at] - centre[j];
        acc[j] += dev * dev;
      }
      double dev = y[i] - centre[d];
      labelSum += dev * dev;
    }
    acc[d] += labelSum;
  }

  /**
   * Every row contributes {@code c^2} for a feature it does not list, so a block adds
   * {@code rows * c_j^2} plus, per non-zero, {@code (x - c)^2 - c^2 = x (x - 2c)}: O(non-zeros + dims).
   */
  private static void addSparseSquaredDeviations(SparseBlock b, double[] centre, double[] acc) {
    final int d = b.dims();
    final int[] idx = b.indices();
    final double[] v = b.values();
    final double[] y = b.labels();
    final int n = b.rows();
    final int nnz = (int) b.storedValues();
    for (int j = 0; j < d; j++) {
      acc[j] += n * (centre[j] * centre[j]);
    }
    for (int k = 0; k < nnz; k++) {
      int j = idx[k];
      acc[j] += v[k] * (v[k] - 2 * centre[j]);
    }
    double labelSum = 0;
    for (int i = 0; i < n; i++) {
      double dev = y[i] - centre[d];
      labelSum += dev * dev;
    }
    acc[d] += labelSum;
  }
}
