package sparkdgd.block;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * Adds partition sums exactly. Every double is a finite binary fraction, so a {@link BigDecimal}
 * total is exact and the same whatever order Spark's tree aggregation merges partitions in; it is
 * rounded to double once, on the driver. This makes the merged result bit-identical across runs,
 * task retries and executor counts. The cost is a few BigDecimal additions per partition, not per row.
 * A sum that is not finite (a diverging run's NaN or infinity) has no exact value: it is carried as a double,
 * so it comes out NaN or infinite and the trainer can say the run diverged.
 */
public final class ExactSum implements Serializable {
  private static final long serialVersionUID = 1L;

  private final BigDecimal[] sums;
  /** The non-finite values added at each position (0 while there were none). */
  private final double[] nonFinite;
  private long rows;

  public ExactSum(int width) {
    sums = new BigDecimal[width];
    nonFinite = new double[width];
    java.util.Arrays.fill(sums, BigDecimal.ZERO);
  }

  /** Adds one partition's sums; returns this. */
  public ExactSum add(PartitionSums p) {
    checkWidth(p.sums().length);
    for (int i = 0; i < sums.length; i++) {
      double v = p.sums()[i];
      if (!Double.isFinite(v)) {
        nonFinite[i] += v;
      } else if (v != 0) {
        sums[i] = sums[i].add(new BigDecimal(v));
      }
    }
    rows += p.rows();
    return this;
  }

  /** Adds another exact sum into this one; returns this. */
  public ExactSum merge(ExactSum other) {
    checkWidth(other.sums.length);
    for (int i = 0; i < sums.length; i++) {
      sums[i] = sums[i].add(other.sums[i]);
      nonFinite[i] += other.nonFinite[i];
    }
    rows += other.rows;
    return this;
  }

  private void checkWidth(int width) {
    if (width != sums.length) {
      throw new IllegalArgumentException("Expecting " + sums.length + " sums but got " + width);
    }
  }

  public long rows() {
    return rows;
  }

  /** The sums, each rounded once to the nearest double; NaN or infinite where a non-finite value was added. */
  public double[] toDoubles() {
    double[] out = new double[sums.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = nonFinite[i] != 0 ? nonFinite[i] : sums[i].doubleValue(); // NaN != 0 too
    }
    return out;
  }
}
