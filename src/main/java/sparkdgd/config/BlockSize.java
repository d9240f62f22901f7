package sparkdgd.config;

import java.util.Locale;

/**
 * How large one cached block may be ({@code --block-rows}). A dense block keeps its rows' feature values in one
 * Java array of features x rows doubles, which a task fills and then copies once into the cache's tiled layout,
 * so building a block takes twice its size of a task's heap. One block may hold at most {@link #MAX_VALUES}
 * = 2^27 values (1 GiB as float64, 2 GiB while it is built): far more than speed needs (the kernels run at memory
 * speed from a few thousand rows; see {@link #denseRows} for the default), and far below Java's largest array (2^31 - 1
 * elements), so features x rows can neither overflow an {@code int} (a NegativeArraySizeException in a task) nor ask a
 * task for a heap it cannot have (an OutOfMemoryError, which kills a local-mode driver with exit code 52). Sparse
 * blocks store only their non-zeros, but their labels and row starts are still arrays of {@code --block-rows} elements,
 * so the same cap bounds the rows of any block.
 */
public final class BlockSize {
  /** The most values one block may hold: 2^27, 1 GiB as float64. */
  public static final int MAX_VALUES = 1 << 27;

  /** {@code --block-rows} not given: {@link #denseRows} and {@link #sparseRows} choose. */
  public static final int AUTOMATIC = 0;

  /** The rows of a block when {@code --block-rows} is not given, unless {@link #denseRows} takes fewer. */
  public static final int DEFAULT_ROWS = 4096;

  /**
   * Room left in an automatic dense block's byte budget for its array's header (16 bytes with compressed class
   * pointers, 24 without).
   */
  static final long HEADER_ROOM = 64;

  /** The most bytes of an automatic dense block's features: 16 MiB less {@link #HEADER_ROOM}. */
  static final long MOST_BYTES = 16L << 20;

  /** Half of G1's smallest region (1 MiB): an object no larger is never humongous. */
  static final long HALF_THE_SMALLEST_REGION = 512 * 1024;

  private BlockSize() {}

  /**
   * Checks {@code --block-rows} on its own: every block holds at least one value and one label per row
   * ({@link #AUTOMATIC} when not given).
   */
  public static void checkRows(int blockRows) {
    Checks.arg(blockRows == AUTOMATIC || (blockRows >= 1 && blockRows <= MAX_VALUES), "--block-rows must be from 1 to "
        + "%d (2^27, the most values one block may hold), got %d", MAX_VALUES, blockRows);
  }

  /**
   * The rows of a dense block of {@code dims} features: {@code blockRows} as given (which {@link #checkDense}
   * checks), or when {@link #AUTOMATIC}, {@link #DEFAULT_ROWS} below 16 features and otherwise the most rows, a
   * multiple of four (a tile), whose float64 features fill a power of two of bytes less {@link #HEADER_ROOM}: the
   * largest such budget within 4096 rows (rows from 2048 to 4096), at most {@link #MOST_BYTES} (fewer rows from 513
   * features on, at least 4). 4092 rows at 16 and 32 features, 2620 at 100, 2096 at 1,000, 60 at 32,768.
   *
   * <p>Why: the G1 collector puts an object of more than half a region in whole regions of its own ("humongous"),
   * so the rest of its last region stays empty, and its regions are 1 MiB in heaps below 4 GiB and twice as large for
   * each doubling of the heap. 4096 rows of 32 features (1 MiB and a header) took two 1 MiB regions, and a cache of
   * such blocks twice the heap Spark counted for it (measured in session 48, 2.5e6 x 32 from Parquet in a 2 GiB
   * driver, 660 MB of blocks: 1,228-1,390 humongous regions after the last collections, 620-700 with 4092-row blocks;
   * a 2 GiB heap held 1,020 arrays of 1 MiB, and 2,044 of 16 bytes less); 64 and 128 features lose the same in 8 and
   * 16 GiB heaps. A power of two of bytes, less the header, fills whole regions of every size up to it and is not
   * humongous in larger ones. (Blocks within half of the smallest region, never humongous, were slower: 652 rows at
   * 100 features took an epoch 25-35% longer than 4096 on 2 threads.)
   */
  public static int denseRows(int dims, int blockRows) {
    if (blockRows != AUTOMATIC) {
      return blockRows;
    }
    long full = (long) DEFAULT_ROWS * Double.BYTES * dims + HEADER_ROOM;
    if (full <= HALF_THE_SMALLEST_REGION) {
      return DEFAULT_ROWS; // never humongous
    }
    long budget = Math.min(Long.highestOneBit(full), MOST_BYTES) - HEADER_ROOM;
    long rows = budget / (Double.BYTES * (long) dims) & ~3L;
    return (int) Math.max(4, rows);
  }

  /**
   * The rows of a sparse block: {@code blockRows} as given, or {@link #DEFAULT_ROWS} (its arrays hold its
   * non-zeros, whose count is not known before the block is built).
   */
  public static int sparseRows(int blockRows) {
    return blockRows == AUTOMATIC ? DEFAULT_ROWS : blockRows;
  }

  /** The rows of the blocks {@code dims} features are cached in: sparse or dense, as {@code sparse} says. */
  public static int rows(int dims, int blockRows, boolean sparse) {
    return sparse ? sparseRows(blockRows) : denseRows(dims, blockRows);
  }

  /**
   * Refuses dense blocks of {@code dims} features x {@code blockRows} rows holding more than {@link #MAX_VALUES}
   * values, naming the largest {@code --block-rows} that fits.
   *
   * @throws UsageError when they would
   */
  public static void checkDense(int dims, int blockRows) {
    long values = (long) dims * blockRows;
    if (values <= MAX_VALUES) {
      return;
    }
    String fix = dims > MAX_VALUES
        ? "even one row is too wide; use fewer features (or sparse vectors)"
        : String.format(Locale.ROOT, "use --block-rows %d or less, or leave it out", MAX_VALUES / dims);
    throw new UsageError(String.format(Locale.ROOT, "--block-rows %d with %d features makes dense blocks of %,d "
        + "values, more than the %,d (2^27, 1 GiB as float64) one block may hold; %s", blockRows, dims, values,
        MAX_VALUES, fix));
  }
}
