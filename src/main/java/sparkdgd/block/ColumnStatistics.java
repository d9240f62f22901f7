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
    final int d = b.dims();
    final double[] x = b.features();
    final double[] y = b.labels();
    double labelSum = 0;
    for (int i = 0, off = 0; i < b.rows(); i++, off += d) {
      for (int j = 0; j < d; j++) {
        acc[j] += x[off + j];
      }
      labelSum += y[i];
    }
    acc[d] += labelSum;
  }

  static void addSquaredDeviations(Block b, double[] centre, double[] acc) {
    final int d = b.dims();
    final double[] x = b.features();
    final double[] y = b.labels();
    double labelSum = 0;
    for (int i = 0, off = 0; i < b.rows(); i++, off += d) {
      for (int j = 0; j < d; j++) {
        double dev = x[off + j] - centre[j];
        acc[j] += dev * dev;
      }
      double dev = y[i] - centre[d];
      labelSum += dev * dev;
    }
    acc[d] += labelSum;
  }
}
