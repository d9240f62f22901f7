package sparkdgd.config;

import java.util.Locale;

/**
 * How large one cached block may be ({@code --block-rows}). A dense block keeps its rows' feature values in one
 * Java array of features x rows doubles, which a task fills and then copies once into the cache's tiled layout,
 * so building a block takes twice its size of a task's heap. One block may hold at most {@link #MAX_VALUES}
 * = 2^27 values (1 GiB as float64, 2 GiB while it is built): far more than speed needs (the kernels run at memory
 * speed from a few thousand rows, the default is 4096), and far below Java's largest array (2^31 - 1 elements),
 * so features x rows can neither overflow an {@code int} (a NegativeArraySizeException in a task) nor ask a task
 * for a heap it cannot have (an OutOfMemoryError, which kills a local-mode driver with exit code 52). Sparse
 * blocks store only their non-zeros, but their labels and row starts are still arrays of {@code --block-rows}
 * elements, so the same cap bounds the rows of any block.
 */
public final class BlockSize {
  /** The most values one block may hold: 2^27, 1 GiB as float64. */
  public static final int MAX_VALUES = 1 << 27;

  private BlockSize() {}

  /** Checks {@code --block-rows} on its own: every block holds at least one value and one label per row. */
  public static void checkRows(int blockRows) {
    Checks.arg(blockRows >= 1 && blockRows <= MAX_VALUES, "--block-rows must be from 1 to %d (2^27, the most "
        + "values one block may hold), got %d", MAX_VALUES, blockRows);
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
        : String.format(Locale.ROOT, "use --block-rows %d or less (the default is 4096)", MAX_VALUES / dims);
    throw new UsageError(String.format(Locale.ROOT, "--block-rows %d with %d features makes dense blocks of %,d "
        + "values, more than the %,d (2^27, 1 GiB as float64) one block may hold; %s", blockRows, dims, values,
        MAX_VALUES, fix));
  }
}
