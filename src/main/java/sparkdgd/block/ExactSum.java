package sparkdgd.block;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;

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
  private static final long serialVersionUID = 3L;

  /**
   * Parts a position keeps in {@link #inline}: sums of up to about 30 partitions of similar values need at most
   * four in almost every position (9 partitions of random values: 99.9%); a position that needs more moves to
   * its own array in {@link #spilled}.
   */
  static final int INLINE = 4;

  /** Per position, the number of parts of its exact sum (nonoverlapping, increasing magnitude). */
  private transient byte[] counts;
  /**
   * Position i's parts at {@code [INLINE i, INLINE i + counts[i])}, unless it moved to {@code spilled[i]}. One
   * array for all positions, not one each, and each value added by a two-sum without branches: adding 9
   * partitions of a 3e6-wide sum on the driver took 0.65-1.1 s with an array a position and a branch to order each
   * pair (a third of a 2 s epoch of a 3e6-feature LIBSVM model), 0.31-0.55 s this way. Null until a value other
   * than zero comes: a sum that is only ever zero (treeAggregate's zero value) allocates none.
   */
  private transient double[] inline;
  /** The parts of the positions that need more than {@link #INLINE} (null until one does). */
  private transient double[][] spilled;
  /** Per position, the exact sum once a partial sum overflowed a double (null until one does). */
  private transient BigDecimal[] beyondDoubles;
  /** The non-finite values added at each position (null while there were none). */
  private transient double[] nonFinite;
  private transient long rows;

  public ExactSum(int width) {
    counts = new byte[width];
  }

  /** Adds one partition's sums; returns this. */
  public ExactSum add(PartitionSums p) {
    checkWidth(p.sums().length);
    addSlice(p.sums(), 0);
    rows += p.rows();
    return this;
  }

  /**
   * Adds {@code sums[from, from + width)} into this sum's positions (a slice of a wider partition's sums: see
   * {@link BlockPass#total}); the row count is left as it is.
   */
  void addSlice(double[] sums, int from) {
    for (int i = 0; i < counts.length; i++) {
      double v = sums[from + i];
      if (!Double.isFinite(v)) {
        addNonFinite(i, v);
      } else if (v != 0) {
        addExactly(i, v);
      }
    }
  }

  /** Adds another exact sum into this one; returns this. */
  public ExactSum merge(ExactSum other) {
    checkWidth(other.counts.length);
    for (int i = 0; i < counts.length; i++) {
      if (other.beyondDoubles != null && other.beyondDoubles[i] != null) {
        BigDecimal sum = exactly(i).add(other.beyondDoubles[i]);
        dropParts(i);
        beyond()[i] = sum;
      } else {
        int n = other.counts[i];
        double[] from = other.partsOf(i);
        int at = other.offsetOf(i);
        for (int k = 0; k < n; k++) {
          addExactly(i, from[at + k]);
        }
      }
      if (other.nonFinite != null && other.nonFinite[i] != 0) {
        addNonFinite(i, other.nonFinite[i]);
      }
    }
    rows += other.rows;
    return this;
  }

  private void addNonFinite(int i, double v) {
    if (nonFinite == null) {
      nonFinite = new double[counts.length];
    }
    nonFinite[i] += v;
  }

  private BigDecimal[] beyond() {
    if (beyondDoubles == null) {
      beyondDoubles = new BigDecimal[counts.length];
    }
    return beyondDoubles;
  }

  /** The array holding position i's parts: {@link #inline}, or its own once spilled. */
  private double[] partsOf(int i) {
    return spilled != null && spilled[i] != null ? spilled[i] : inline;
  }

  /** Where position i's parts start in {@link #partsOf}. */
  private int offsetOf(int i) {
    return spilled != null && spilled[i] != null ? 0 : INLINE * i;
  }

  private void dropParts(int i) {
    counts[i] = 0;
    if (spilled != null) {
      spilled[i] = null;
    }
  }

  /**
   * Adds the finite {@code x} to position i: each part in turn, smallest first, is added to x by an error-free
   * addition (the rounded sum carries on, the rounding error, exact, stays as a part).
   */
  private void addExactly(int i, double x) {
    if (beyondDoubles != null && beyondDoubles[i] != null) {
      beyondDoubles[i] = beyondDoubles[i].add(new BigDecimal(x));
      return;
    }
    if (inline == null) {
      inline = new double[INLINE * counts.length];
    }
    double[] p = partsOf(i);
    int at = offsetOf(i);
    int n = counts[i];
    int kept = 0;
    for (int k = 0; k < n; k++) {
      double y = p[at + k];
      double hi = x + y;
      // Knuth's two-sum: the rounding error of x + y exactly, whichever is larger, without a branch to tell
      double yPart = hi - x;
      double lo = (x - (hi - yPart)) + (y - yPart);
      if (!Double.isFinite(lo)) {
        // hi overflowed, or hi - x did (y at -x's side of MAX_VALUE: {-MAX_VALUE} then {3e307} gave NaN): the exact
        // total is parts [0, kept), x, y and parts (k, n), beyond what this two-sum can keep from here on
        BigDecimal total = new BigDecimal(x).add(new BigDecimal(y)).add(sum(p, at, at + kept))
            .add(sum(p, at + k + 1, at + n));
        dropParts(i);
        beyond()[i] = total;
        return;
      }
      p[at + kept] = lo; // kept <= k: part k was read above
      kept += lo != 0 ? 1 : 0;
      x = hi;
    }
    if (kept == Byte.MAX_VALUE) { // the most a count holds (values over the whole exponent range reached 90-100
      // parts in 3,000 additions in a reviewer's simulation; similar values, as gradients' are, 9-11)
      BigDecimal total = new BigDecimal(x).add(sum(p, at, at + kept));
      dropParts(i);
      beyond()[i] = total;
      return;
    }
    int room = p == inline ? INLINE : p.length;
    if (kept == room) {
      double[] grown = new double[2 * room];
      System.arraycopy(p, at, grown, 0, kept);
      if (spilled == null) {
        spilled = new double[counts.length][];
      }
      spilled[i] = grown;
      p = grown;
      at = 0;
    }
    p[at + kept++] = x;
    counts[i] = (byte) kept;
  }

  /**
   * Writes each position's parts and no more (the zero value {@code treeAggregate} serializes into every task, and
   * a wide sparse model's sums, hold few), then whatever went beyond doubles or was not finite.
   */
  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeLong(rows);
    out.writeObject(counts);
    int total = 0;
    for (byte c : counts) {
      total += c;
    }
    double[] packed = new double[total];
    for (int i = 0, to = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        System.arraycopy(partsOf(i), offsetOf(i), packed, to, counts[i]);
        to += counts[i];
      }
    }
    out.writeObject(packed);
    out.writeObject(beyondDoubles);
    out.writeObject(nonFinite);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    rows = in.readLong();
    counts = (byte[]) in.readObject();
    double[] packed = (double[]) in.readObject();
    if (packed.length > 0) {
      inline = new double[INLINE * counts.length];
    }
    for (int i = 0, from = 0; i < counts.length; i++) {
      if (counts[i] > INLINE) {
        if (spilled == null) {
          spilled = new double[counts.length][];
        }
        spilled[i] = new double[2 * counts[i]];
        System.arraycopy(packed, from, spilled[i], 0, counts[i]);
      } else if (counts[i] > 0) {
        System.arraycopy(packed, from, inline, INLINE * i, counts[i]);
      }
      from += counts[i];
    }
    beyondDoubles = (BigDecimal[]) in.readObject();
    nonFinite = (double[]) in.readObject();
  }

  /** Position i's exact sum as a BigDecimal. */
  private BigDecimal exactly(int i) {
    if (beyondDoubles != null && beyondDoubles[i] != null) {
      return beyondDoubles[i];
    }
    return sum(partsOf(i), offsetOf(i), offsetOf(i) + counts[i]);
  }

  /** {@code parts[from, to)} added exactly. */
  private static BigDecimal sum(double[] parts, int from, int to) {
    BigDecimal total = BigDecimal.ZERO;
    for (int k = from; k < to; k++) {
      total = total.add(new BigDecimal(parts[k]));
    }
    return total;
  }

  private void checkWidth(int width) {
    checkWidth(counts.length, width);
  }

  static void checkWidth(int expected, int width) {
    if (width != expected) {
      throw new IllegalArgumentException("Expecting " + expected + " sums but got " + width);
    }
  }

  public long rows() {
    return rows;
  }

  /** The sums, each rounded once to the nearest double; NaN or infinite where a non-finite value was added. */
  public double[] toDoubles() {
    double[] out = new double[counts.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = nonFinite != null && nonFinite[i] != 0 ? nonFinite[i] : rounded(i); // NaN != 0 too
    }
    return out;
  }

  /**
   * Position i's exact sum rounded to the nearest double, ties to even: the largest parts added from the top
   * until an addition is inexact; when what is left below would break a tie the other way, the rounding is
   * corrected by one step (Python's {@code math.fsum} does the same).
   */
  private double rounded(int i) {
    if (beyondDoubles != null && beyondDoubles[i] != null) {
      return beyondDoubles[i].doubleValue();
    }
    int n = counts[i];
    if (n == 0) {
      return 0.0;
    }
    double[] all = partsOf(i);
    int at = offsetOf(i);
    double hi = all[at + --n];
    double lo = 0;
    while (n > 0) {
      double x = hi;
      double y = all[at + --n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo != 0) {
        break;
      }
    }
    if (n > 0 && ((lo < 0 && all[at + n - 1] < 0) || (lo > 0 && all[at + n - 1] > 0))) {
      double y = lo * 2;
      double x = hi + y;
      if (y == x - hi) {
        hi = x;
      }
    }
    return Double.isInfinite(hi) ? exactly(i).doubleValue() : hi;
  }
}
