package sparkdgd.loss;

import sparkdgd.block.Block;
import sparkdgd.block.BlockSummer;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.block.RowSampler;
import sparkdgd.block.SparseBlock;

/**
 * The per-block work of one loss pass, in raw feature units, a chunk of rows at a time: the margins
 * {@code m = w.x + b} of the chunk's rows, then the {@link PointLoss} turns them into multipliers
 * {@code g} (adding its loss and metric sums), then {@code acc[j] += sum g x_j} and {@code acc[d] += sum g}.
 * A chunk's features are still in cache when they are read the second time. The dense loops are in
 * {@link DenseKernel} (four rows of a tile at a time). Sparse loops touch the non-zeros only, in the same
 * order as the dense loops (one chain per margin, with {@link DenseKernel#fma}), so a
 * sparse and a dense block holding the same rows give the same margins and feature sums (for the sums after
 * d, and dense blocks on the Vector API, see {@link DenseKernel}).
 */
public final class LossKernel {
  /** Rows per chunk: 256 rows of 100 doubles stay within a core's L2 cache. */
  static final int CHUNK = 256;

  private LossKernel() {}

  /**
   * How this JVM runs the squared loss's full passes over dense blocks (float64 and float32): on the Vector API
   * ({@link DoubleTileVectors}, {@link FloatTileVectors}) or scalar, and why.
   */
  public static String denseKernel() {
    return DenseKernel.VECTORS ? "on vectors (the JDK's Vector API, " + VectorModule.status().how() + ")"
        : "scalar (" + DenseKernel.SCALAR_BECAUSE + ")";
  }

  /**
   * Mini-batch runs ({@code --batch-run-rows}) of at least this many rows go through the squared loss's vector loop
   * over dense blocks where the JVM has it; shorter runs, and rows drawn one by one, through the scalar loops.
   */
  public static final int VECTOR_MIN_RUN_ROWS = DenseKernel.VECTOR_MIN_ROWS;

  /** Accumulator width for {@code dims} features and a loss without slots of its own (squared, Huber). */
  public static int width(int dims) {
    return dims + PointLoss.EXTRA_SLOTS;
  }

  /** Accumulator width for {@code dims} features and {@code loss}. */
  public static int width(int dims, PointLoss loss) {
    return width(dims) + loss.ownSlots();
  }

  /** Adds every row of {@code block}. */
  public static void addBlock(Block block, double[] coef, PointLoss loss, double labelWeight, double[] acc) {
    addBlock(block, RowSampler.ALL.cursor(0), coef, loss, labelWeight, acc);
  }

  /**
   * Adds the rows {@code sample} chooses from {@code block}.
   *
   * @param coef        raw weights {@code w[0..d)} followed by the intercept {@code b} at {@code [d]}
   * @param labelWeight 1 for the loss and gradient; 0 for a Hessian-vector product (squared loss)
   */
  public static void addBlock(Block block, RowSampler.Cursor sample, double[] coef, PointLoss loss,
      double labelWeight, double[] acc) {
    final int d = block.dims();
    checkSizes(block, coef, loss, acc);
    if ((sample.all() || sample.runRows() > 1) && loss instanceof SquaredLoss && block.weights() == null
        && addSquaredFused(block, sample, coef, labelWeight, acc)) {
      return;
    }
    int[] rows = sample.next(block.rows());
    int count = sample.count();
    double[] g = new double[Math.min(CHUNK, count)];
    double multiplierSum = 0;
    for (int from = 0; from < count; from += CHUNK) {
      int to = Math.min(count, from + CHUNK);
      margins(block, rows, from, to, coef, g);
      loss.toMultipliers(g, to - from, rows, from, block.labels(), block.weights(), labelWeight, acc, d);
      multiplierSum += accumulate(block, rows, from, to, g, acc);
    }
    acc[d] += multiplierSum; // the rows' slot: added by the loss, each row's weight
  }

  /** Throws unless {@code coef} and {@code acc} have the lengths {@code loss} needs for {@code block}'s features. */
  static void checkSizes(Block block, double[] coef, PointLoss loss, double[] acc) {
    final int d = block.dims();
    if (coef.length != d + 1 || acc.length != width(d, loss)) {
      throw new IllegalArgumentException(String.format(
          "Expecting %d coefficients and %d sums for %d features but got %d and %d",
          d + 1, width(d, loss), d, coef.length, acc.length));
    }
  }

  /**
   * The summer of one partition's pass of {@code loss} over the rows {@code sample} chooses: blocks the sample
   * takes no row from are skipped; a mini-batch of the squared loss in runs of a multiple of four rows, at least
   * {@link #VECTOR_MIN_RUN_ROWS}, goes four runs at a time where the JVM has the Vector API
   * ({@link InterleavedRuns}); every other pass one block at a time ({@link #addBlock}).
   */
  public static BlockSummer summer(RowSampler.Cursor sample, double[] coef, PointLoss loss, double labelWeight) {
    if (InterleavedRuns.applies(sample, loss)) {
      return new InterleavedRuns(sample, coef, loss, labelWeight);
    }
    return BlockSummer.sampling(sample, (block, acc) -> addBlock(block, sample, coef, loss, labelWeight, acc));
  }

  /**
   * The squared loss over a dense block in one fused loop (residual, then its products; see
   * {@link DenseKernel}), for the common case the chunked path would make slower: every row, or a sample in
   * runs, whose stretches of consecutive rows go through the loop one stretch at a time. No row list, no second
   * read of a row. Adds exactly the sums {@link SquaredLoss} does, in the same order (on vectors:
   * to rounding, see {@link DenseKernel}). Returns false for a layout it does not handle.
   */
  private static boolean addSquaredFused(Block block, RowSampler.Cursor sample, double[] coef, double labelWeight,
      double[] acc) {
    if (!block.isDense()) {
      return false;
    }
    final int n = block.rows();
    if (sample.all()) {
      addSquaredRange(block, 0, n, coef, labelWeight, acc);
      return true;
    }
    final int[] rows = sample.next(n);
    final int count = sample.count();
    for (int k = 0; k < count; ) {
      final int end = stretchEnd(rows, count, k);
      addSquaredRange(block, rows[k], rows[end - 1] + 1, coef, labelWeight, acc);
      k = end;
    }
    return true;
  }

  /** The end of the stretch of consecutive chosen rows that starts at {@code rows[k]} (k below {@code count}). */
  private static int stretchEnd(int[] rows, int count, int k) {
    int end = k + 1;
    while (end < count && rows[end] == rows[end - 1] + 1) {
      end++;
    }
    return end;
  }

  /** The squared loss over the rows {@code [from, to)} of a dense block (float64 or float32) in the fused loop. */
  static void addSquaredRange(Block block, int from, int to, double[] coef, double labelWeight, double[] acc) {
    if (block instanceof DenseBlock dense) {
      DenseKernel.addSquared(dense.tiles(), block.labels(), block.rows(), block.dims(), from, to, coef, labelWeight,
          acc);
    } else {
      DenseKernel.addSquared(((DenseFloatBlock) block).tiles(), block.labels(), block.rows(), block.dims(), from, to,
          coef, labelWeight, acc);
    }
  }

  private static void margins(Block block, int[] rows, int from, int to, double[] coef, double[] m) {
    final int d = block.dims();
    final double b = coef[d];
    if (block instanceof SparseBlock s) {
      final int[] starts = s.rowStarts();
      final int[] idx = s.indices();
      final double[] v = s.values();
      for (int k = from; k < to; k++) {
        int i = rows[k];
        double sum = b;
        for (int p = starts[i]; p < starts[i + 1]; p++) {
          sum = DenseKernel.fma(v[p], coef[idx[p]], sum);
        }
        m[k - from] = sum;
      }
    } else if (block instanceof DenseFloatBlock f) {
      DenseKernel.margins(f.tiles(), block.rows(), d, rows, from, to, coef, m);
    } else {
      DenseKernel.margins(((DenseBlock) block).tiles(), block.rows(), d, rows, from, to, coef, m);
    }
  }

  /** {@code acc[j] += sum g x_j} over the chunk; returns {@code sum g}. */
  private static double accumulate(Block block, int[] rows, int from, int to, double[] g, double[] acc) {
    final int d = block.dims();
    if (block instanceof DenseBlock dense) {
      return DenseKernel.accumulate(dense.tiles(), block.rows(), d, rows, from, to, g, acc);
    }
    if (block instanceof DenseFloatBlock f) {
      return DenseKernel.accumulate(f.tiles(), block.rows(), d, rows, from, to, g, acc);
    }
    final SparseBlock s = (SparseBlock) block;
    final int[] starts = s.rowStarts();
    final int[] idx = s.indices();
    final double[] v = s.values();
    double sum = 0;
    for (int k = from; k < to; k++) {
      int i = rows[k];
      double gk = g[k - from];
      for (int p = starts[i]; p < starts[i + 1]; p++) {
        acc[idx[p]] = DenseKernel.fma(gk, v[p], acc[idx[p]]);
      }
      sum += gk;
    }
    return sum;
  }
}
