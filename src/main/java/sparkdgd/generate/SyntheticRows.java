package sparkdgd.generate;

import java.util.Random;
import sparkdgd.config.GeneratedLabels;

/**
 * The rows of one partition of a generated data set, made from {@code (seed, partition)} alone, so any
 * task (or a retry) makes the same rows without the driver. Per row: for each feature, when
 * {@code sparsity > 0} one draw decides whether it is zero, then (if not) {@code x_j ~ U(0,1)}; last
 * the noise {@code N(0,1)}, or for logistic labels one {@code U(0,1)} draw {@code u}, and {@code y = 1} when
 * {@code u < 1 / (1 + exp(-(w.x + b)))}. Partition 0 draws from {@code new Random(seed)}, so one partition with one
 * feature, {@code w = 2}, {@code b = 0} and noise 0.1 repeats {@code SampleData}'s tutorial rows.
 */
public final class SyntheticRows {
  /** Spaces the partitions' seeds apart (the golden-ratio increment of SplitMix64). */
  static final long PARTITION_STRIDE = 0x9E3779B97F4A7C15L;

  private final Random rnd;
  private final double[] coefficients;
  private final double intercept;
  private final boolean logistic;
  private final double noise;
  private final double sparsity;
  private final long rows;
  private long made;

  public SyntheticRows(long seed, int partition, long rows, double[] coefficients, double intercept,
      GeneratedLabels labels, double noise, double sparsity) {
    this.rnd = new Random(seed + partition * PARTITION_STRIDE);
    this.coefficients = coefficients.clone();
    this.intercept = intercept;
    this.logistic = labels == GeneratedLabels.LOGISTIC;
    this.noise = noise;
    this.sparsity = sparsity;
    this.rows = rows;
  }

  /** Rows of partition {@code p} when {@code total} rows are split over {@code partitions}: the first ones get one more. */
  public static long rowsOf(int p, long total, int partitions) {
    long base = total / partitions;
    return base + (p < total % partitions ? 1 : 0);
  }

  public boolean hasNext() {
    return made < rows;
  }

  /** Writes the next row's features into {@code x} (length d) and returns its label. */
  public double next(double[] x) {
    double y = intercept;
    for (int j = 0; j < coefficients.length; j++) {
      double v = sparsity > 0 && rnd.nextDouble() < sparsity ? 0.0 : rnd.nextDouble();
      x[j] = v;
      y += coefficients[j] * v;
    }
    made++;
    if (logistic) {
      return rnd.nextDouble() < 1 / (1 + Math.exp(-y)) ? 1 : 0;
    }
    return y + noise * rnd.nextGaussian();
  }
}
