package sparkdgd.block;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Adds partition sums exactly. Every double is a finite binary fraction, so the exact total is the same whatever
 * order Spark's tree aggregation merges partitions in; it is rounded to the nearest double once, on the driver.
 * This makes the merged result bit-identical across runs, task retries and executor counts. Each position holds
 * its exact sum as a few doubles that do not overlap (Shewchuk's expansion, smallest first), each value added by
 * error-free additions, and the final rounding is the correctly rounded sum, ties to even (as Python's
 * {@code math.fsum}): the same double as rounding a {@link BigDecimal} total, which this class used until session
 * 22, at about a tenth of the cost (adding four partitions of 106 sums on the driver after every pass took
 * 175-243 µs with BigDecimal, 18-22 µs this way). A position whose partial sums leave the range of doubles goes
 * on as a BigDecimal. A sum that is not finite (a diverging run's NaN or infinity) has no exact value: it is
 * carried as a double, so it comes out NaN or infinite and the trainer can say the run diverged.
 */
public final class ExactSum implements Serializable {
  private static final long serialVersionUID = 2L;

  /**
   * Per position, the exact sum so far: {@code parts[i][0..counts[i])}, nonoverlapping, increasing magnitude; null
   * until a value other than zero comes (a wide sparse model's sums, and the zero values {@code treeAggregate}
   * serializes, stay small).
   */
  private final double[][] parts;
  private final int[] counts;
  /** Per position, the exact sum once a partial sum overflowed a double (null until then). */
  private final BigDecimal[] beyondDoubles;
  /** The non-finite values added at each position (0 while there were none). */
  private final double[] nonFinite;
  private long rows;

  public ExactSum(int width) {
    parts = new double[width][];
    counts = new int[width];
    beyondDoubles = new BigDecimal[width];
    nonFinite = new double[width];
  }

  /** Adds one partition's sums; returns this. */
  public ExactSum add(PartitionSums p) {
    checkWidth(p.sums().length);
    for (int i = 0; i < counts.length; i++) {
      double v = p.sums()[i];
      if (!Double.isFinite(v)) {
        nonFinite[i] += v;
      } else if (v != 0) {
        addExactly(i, v);
      }
    }
    rows += p.rows();
    return this;
  }

  /** Adds another exact sum into this one; returns this. */
  public ExactSum merge(ExactSum other) {
    checkWidth(other.counts.length);
    for (int i = 0; i < counts.length; i++) {
      if (other.beyondDoubles[i] != null) {
        beyondDoubles[i] = exactly(i).add(other.beyondDoubles[i]);
        counts[i] = 0;
      } else {
        for (int k = 0; k < other.counts[i]; k++) {
          addExactly(i, other.parts[i][k]);
        }
      }
      nonFinite[i] += other.nonFinite[i];
    }
    rows += other.rows;
    return this;
  }

  /**
   * Adds the finite {@code x} to position i: each part in turn, smallest first, is added to x by an error-free
   * addition (the rounded sum carries on, the rounding error, exact, stays as a part).
   */
  private void addExactly(int i, double x) {
    if (beyondDoubles[i] != null) {
      beyondDoubles[i] = beyondDoubles[i].add(new BigDecimal(x));
      return;
    }
    double[] p = parts[i];
    if (p == null) {
      p = new double[4];
      parts[i] = p;
    }
    int n = counts[i];
    int kept = 0;
    for (int k = 0; k < n; k++) {
      double y = p[k];
      if (Math.abs(x) < Math.abs(y)) {
        double t = x;
        x = y;
        y = t;
      }
      double hi = x + y;
      if (Double.isInfinite(hi)) {
        // the exact total is parts [0, kept), x, y and parts (k, n): beyond a double's range from here on
        BigDecimal total = new BigDecimal(x).add(new BigDecimal(y));
        for (int q = 0; q < kept; q++) {
          total = total.add(new BigDecimal(p[q]));
        }
        for (int q = k + 1; q < n; q++) {
          total = total.add(new BigDecimal(p[q]));
        }
        beyondDoubles[i] = total;
        counts[i] = 0;
        return;
      }
      double lo = y - (hi - x);
      if (lo != 0) {
        p[kept++] = lo;
      }
      x = hi;
    }
    if (kept == p.length) {
      p = Arrays.copyOf(p, 2 * p.length);
      parts[i] = p;
    }
    p[kept++] = x;
    counts[i] = kept;
  }

  /** Position i's exact sum as a BigDecimal. */
  private BigDecimal exactly(int i) {
    if (beyondDoubles[i] != null) {
      return beyondDoubles[i];
    }
    BigDecimal total = BigDecimal.ZERO;
    for (int k = 0; k < counts[i]; k++) {
      total = total.add(new BigDecimal(parts[i][k]));
    }
    return total;
  }

  private void checkWidth(int width) {
    if (width != counts.length) {
      throw new IllegalArgumentException("Expecting " + counts.length + " sums but got " + width);
    }
  }

  public long rows() {
    return rows;
  }

  /** The sums, each rounded once to the nearest double; NaN or infinite where a non-finite value was added. */
  public double[] toDoubles() {
    double[] out = new double[counts.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = nonFinite[i] != 0 ? nonFinite[i] : rounded(i); // NaN != 0 too
    }
    return out;
  }

  /**
   * Position i's exact sum rounded to the nearest double, ties to even: the largest parts added from the top
   * until an addition is inexact; when what is left below would break a tie the other way, the rounding is
   * corrected by one step (Python's {@code math.fsum} does the same).
   */
  private double rounded(int i) {
    if (beyondDoubles[i] != null) {
      return beyondDoubles[i].doubleValue();
    }
    double[] p = parts[i];
    int n = counts[i];
    if (n == 0) {
      return 0.0;
    }
    double hi = p[--n];
    double lo = 0;
    while (n > 0) {
      double x = hi;
      double y = p[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0) {
        break;
      }
    }
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      double y = lo * 2;
      double x = hi + y;
      if (y == x - hi) {
        hi = x;
      }
    }
    return Double.isInfinite(hi) ? exactly(i).doubleValue() : hi;
  }
}
