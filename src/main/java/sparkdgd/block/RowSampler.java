package sparkdgd.block;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which rows of a partition a pass uses: all of them, or a Bernoulli sample of a fraction f drawn from
 * (seed, iteration, partition) alone, so a run is reproducible bit for bit whatever the executors.
 * The sample jumps from one chosen row to the next by geometric gaps, so choosing costs in proportion
 * to the rows chosen, not to the rows in the partition.
 */
public final class RowSampler implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final RowSampler ALL = new RowSampler(1.0, 0L, 0);

  private final double fraction;
  private final long seed;
  private final int iteration;

  private RowSampler(double fraction, long seed, int iteration) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("Expected a fraction in (0, 1], got " + fraction);
    }
    this.fraction = fraction;
    this.seed = seed;
    this.iteration = iteration;
  }

  /** A sample of {@code fraction} of the rows for {@code iteration}. */
  public static RowSampler sample(double fraction, long seed, int iteration) {
    return fraction >= 1 ? ALL : new RowSampler(fraction, seed, iteration);
  }

  public boolean all() {
    return fraction >= 1;
  }

  public double fraction() {
    return fraction;
  }

  /** The sampler of one partition; it walks the partition's blocks in order. */
  public Cursor cursor(int partition) {
    return new Cursor(all() ? null : new SplittableRandom(mix(seed, iteration, partition)), fraction);
  }

  /** SplitMix64's finaliser over the three numbers: nearby inputs give unrelated seeds. */
  static long mix(long seed, int iteration, int partition) {
    long z = seed * 0x9E3779B97F4A7C15L + iteration * 0xBF58476D1CE4E5B9L + partition * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Chooses rows block after block within one partition. */
  public static final class Cursor {
    private final SplittableRandom random;
    private final double logKeep;
    /** Rows to skip before the next chosen one, carried across block boundaries. */
    private long gap;
    /** Reused between the partition's blocks; its first {@code identity} entries hold 0, 1, 2, ... */
    private int[] rows = new int[0];
    private int identity;

    Cursor(SplittableRandom random, double fraction) {
      this.random = random;
      this.logKeep = Math.log1p(-Math.min(fraction, 1 - 1e-12));
      this.gap = random == null ? 0 : nextGap();
    }

    /**
     * The chosen rows among the next {@code blockRows} rows, in the first {@link #count} entries of the
     * returned array, which is reused for the partition's next block.
     */
    public int[] next(int blockRows) {
      if (rows.length < blockRows) {
        rows = new int[blockRows];
        identity = 0;
      }
      if (all()) {
        for (int i = identity; i < blockRows; i++) {
          rows[i] = i;
        }
        identity = Math.max(identity, blockRows);
        count = blockRows;
      } else {
        identity = 0;
        count = choose(blockRows, rows);
      }
      return rows;
    }

    private int count;

    /** How many rows the last {@link #next} chose. */
    public int count() {
      return count;
    }

    /** Whether every row is used (then {@link #choose} need not be called). */
    public boolean all() {
      return random == null;
    }

    /**
     * Writes the indices of the chosen rows among the next {@code rows} rows into {@code out} (length
     * at least {@code rows}) and returns how many there are.
     */
    public int choose(int rows, int[] out) {
      int count = 0;
      long at = gap;
      while (at < rows) {
        out[count++] = (int) at;
        at += 1 + nextGap();
      }
      gap = at - rows;
      return count;
    }

    private long nextGap() {
      double u = random.nextDouble();
      double g = Math.floor(Math.log1p(-u) / logKeep);
      return g >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : (long) g;
    }
  }
}
