package sparkdgd.block;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which rows of a partition a pass uses: all of them, or a Bernoulli sample of a fraction f drawn from
 * (seed, iteration, partition) alone, so a run is reproducible bit for bit whatever the executors.
 * The sample jumps from one chosen row to the next by geometric gaps, so choosing costs in proportion
 * to the rows chosen, not to the rows in the partition.
 *
 * <p>The sample is drawn in runs of {@code runRows} consecutive rows: each block is cut into runs from its
 * first row (the last run of a block may be shorter), and each run is kept with probability f. Every row is
 * still in a sample with probability f, so the sampled gradient stays an unbiased estimate of the full one;
 * with runs longer than one row the rows of a sample sit together, and reading them is a sequential read
 * instead of one cache miss per row. With {@code runRows = 1} the sample does not depend on how the partition
 * is cut into blocks; with longer runs it does (the cut is fixed by {@code --block-rows}, so runs still repeat).
 */
public final class RowSampler implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final RowSampler ALL = new RowSampler(1.0, 1, 0L, 0);

  private final double fraction;
  private final int runRows;
  private final long seed;
  private final int iteration;

  private RowSampler(double fraction, int runRows, long seed, int iteration) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("Expected a fraction in (0, 1], got " + fraction);
    }
    if (runRows < 1) {
      throw new IllegalArgumentException("Expected runs of at least 1 row, got " + runRows);
    }
    this.fraction = fraction;
    this.runRows = runRows;
    this.seed = seed;
    this.iteration = iteration;
  }

  /** A sample of {@code fraction} of the rows for {@code iteration}, in runs of {@code runRows} rows. */
  public static RowSampler sample(double fraction, int runRows, long seed, int iteration) {
    return fraction >= 1 ? ALL : new RowSampler(fraction, runRows, seed, iteration);
  }

  public boolean all() {
    return fraction >= 1;
  }

  public double fraction() {
    return fraction;
  }

  /** The sampler of one partition; it walks the partition's blocks in order. */
  public Cursor cursor(int partition) {
    return new Cursor(all() ? null : new SplittableRandom(mix(seed, iteration, partition)), fraction, runRows);
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
    private final int runRows;
    /** Runs to skip before the next chosen one, carried across block boundaries. */
    private long gap;
    /** Reused between the partition's blocks; its first {@code identity} entries hold 0, 1, 2, ... */
    private int[] rows = new int[0];
    private int identity;

    Cursor(SplittableRandom random, double fraction, int runRows) {
      this.random = random;
      this.logKeep = Math.log1p(-Math.min(fraction, 1 - 1e-12));
      this.runRows = runRows;
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

    /**
     * Moves past the next {@code blockRows} rows if the sample takes none of them, and says so; otherwise
     * changes nothing, and {@link #next} chooses the block's rows. The sample is the same either way, so a pass
     * that knows its blocks' row counts can leave a block the sample takes no row from unread: at a fraction
     * of 0.01 in runs of 64, about half of the blocks of 4096 rows.
     */
    public boolean skip(int blockRows) {
      if (all()) {
        return false;
      }
      final long runs = (blockRows + (long) runRows - 1) / runRows;
      if (gap < runs) {
        return false;
      }
      gap -= runs;
      return true;
    }

    /** How many rows the last {@link #next} chose. */
    public int count() {
      return count;
    }

    /** How many consecutive rows the sample takes together (1 when it chooses row by row). */
    public int runRows() {
      return runRows;
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
      final long runs = (rows + (long) runRows - 1) / runRows;
      long at = gap;
      while (at < runs) {
        final int first = (int) at * runRows;
        final int end = Math.min(rows, first + runRows);
        for (int row = first; row < end; row++) {
          out[count++] = row;
        }
        at += 1 + nextGap();
      }
      gap = at - runs;
      return count;
    }

    private long nextGap() {
      double u = random.nextDouble();
      double g = Math.floor(Math.log1p(-u) / logKeep);
      return g >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : (long) g;
    }
  }
}
