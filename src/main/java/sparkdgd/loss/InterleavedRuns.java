package sparkdgd.loss;

import java.util.Arrays;
import sparkdgd.block.Block;
import sparkdgd.block.BlockSummer;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.block.RowSampler;
import sparkdgd.block.Tiles;

/**
 * The squared loss over one partition's mini-batch drawn in runs ({@code --batch-run-rows}), four runs at a time.
 * The runs the sample chooses are held back, across the partition's blocks, until four have come; then one loop
 * walks the four together, a tile of each at a time ({@link DoubleTileVectors#addSquaredFourRuns},
 * {@link FloatTileVectors#addSquaredFourRuns}). Read one after another, each run of 64 rows (5.6 KB at d = 10) is
 * a short sequential read that waits on its own first cache misses; read together, four keep four times as many
 * misses in flight. A 0.01 batch's rows at 1e7 x 10 took 0.57 ms a partition on one thread against 0.89 one run
 * after another (docs/BENCHMARKS.md, session 23).
 *
 * <p>Used where every run fills whole tiles of the vector loop: the JVM has the Vector API ({@link DenseKernel}),
 * and runs are a multiple of four rows, at least {@link DenseKernel#VECTOR_MIN_ROWS}. Four runs of unequal length
 * (a block's shorter last run) or in partial tiles are summed one by one, sparse blocks as {@link LossKernel}
 * sums them, and the runs still held after the last block in {@link #finish}. The order depends only on the
 * partition's blocks and its sample, so a job's task and a resident task give the same bits; the sums agree with
 * one run after another's to rounding (each feature's products gathered four runs at a time).
 */
final class InterleavedRuns implements BlockSummer {
  private static final long serialVersionUID = 1L;
  private static final int RUNS = 4;

  private final RowSampler.Cursor sample;
  private final double[] coef;
  private final PointLoss squared;
  private final double labelWeight;
  private final Block[] held = new Block[RUNS];
  private final int[] firsts = new int[RUNS];
  private final int[] ends = new int[RUNS];
  private final double[][] doubles = new double[RUNS][];
  private final float[][] floats = new float[RUNS][];
  private final double[][] labels = new double[RUNS][];
  /** How many runs are held. */
  private int count;

  /** The summer of one partition's pass; {@link #applies} must hold. */
  InterleavedRuns(RowSampler.Cursor sample, double[] coef, PointLoss squared, double labelWeight) {
    this.sample = sample;
    this.coef = coef;
    this.squared = squared;
    this.labelWeight = labelWeight;
  }

  /** Whether mini-batches of {@code loss} drawn by {@code sample} go four runs at a time in this JVM. */
  static boolean applies(RowSampler.Cursor sample, PointLoss loss) {
    int run = sample.runRows();
    return DenseKernel.VECTORS && loss instanceof SquaredLoss && !sample.all() && run % 4 == 0
        && run >= DenseKernel.VECTOR_MIN_ROWS;
  }

  @Override
  public boolean skips(int rows) {
    return sample.skip(rows);
  }

  @Override
  public void add(Block block, double[] acc) {
    if (!block.isDense() || block.weights() != null) { // weighted rows: the loss's loop, which weighs them
      finish(acc);
      LossKernel.addBlock(block, sample, coef, squared, labelWeight, acc);
      return;
    }
    LossKernel.checkSizes(block, coef, squared, acc);
    final int n = block.rows();
    final int[] rows = sample.next(n);
    final int chosen = sample.count();
    // the chosen rows come in whole runs, each from a multiple of the run length (the block's last one shorter)
    for (int k = 0; k < chosen; ) {
      final int first = rows[k];
      final int end = Math.min(n, first + sample.runRows());
      hold(block, first, end, acc);
      k += end - first;
    }
  }

  @Override
  public void finish(double[] acc) {
    for (int k = 0; k < count; k++) {
      addOne(k, acc);
    }
    release();
  }

  private void hold(Block block, int first, int end, double[] acc) {
    held[count] = block;
    firsts[count] = first;
    ends[count] = end;
    if (++count == RUNS) {
      if (inFullTilesOfOneLength()) {
        addFour(acc);
      } else {
        for (int k = 0; k < RUNS; k++) {
          addOne(k, acc);
        }
      }
      release();
    }
  }

  /** Whether the four runs held have the same length and the same layout, all in full tiles. */
  private boolean inFullTilesOfOneLength() {
    final int rows = ends[0] - firsts[0];
    if (rows % 4 != 0) {
      return false;
    }
    for (int k = 0; k < RUNS; k++) {
      if (ends[k] - firsts[k] != rows || firsts[k] % 4 != 0 || ends[k] > Tiles.fullTileRows(held[k].rows())
          || held[k].getClass() != held[0].getClass()) {
        return false;
      }
    }
    return true;
  }

  private void addFour(double[] acc) {
    final int d = held[0].dims();
    final int rows = ends[0] - firsts[0];
    for (int k = 0; k < RUNS; k++) {
      labels[k] = held[k].labels();
    }
    if (held[0] instanceof DenseBlock) {
      for (int k = 0; k < RUNS; k++) {
        doubles[k] = ((DenseBlock) held[k]).tiles();
      }
      DenseKernel.addSquaredFourRuns(doubles, labels, firsts, rows, d, coef, labelWeight, acc);
    } else {
      for (int k = 0; k < RUNS; k++) {
        floats[k] = ((DenseFloatBlock) held[k]).tiles();
      }
      DenseKernel.addSquaredFourRuns(floats, labels, firsts, rows, d, coef, labelWeight, acc);
    }
  }

  private void addOne(int k, double[] acc) {
    LossKernel.addSquaredRange(held[k], firsts[k], ends[k], coef, labelWeight, acc);
  }

  /** Drops the references to the runs' blocks and arrays, summed now. */
  private void release() {
    count = 0;
    Arrays.fill(held, null);
    Arrays.fill(doubles, null);
    Arrays.fill(floats, null);
    Arrays.fill(labels, null);
  }
}
