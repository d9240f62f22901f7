package sparkdgd.loss;

import sparkdgd.block.Block;
import sparkdgd.block.BlockSummer;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.block.RowSampler;

/**
 * The squared loss over one partition's mini-batch drawn in runs ({@code --batch-run-rows}), each stretch of
 * consecutive chosen rows summed {@link #AHEAD} stretches after it is drawn. When a stretch is drawn, one value of
 * each of its cache lines is read (Java has no prefetch instruction), so its rows are on their way from memory
 * while the stretches before it are summed; summed straight away, each stretch started cold. The stretches are
 * summed in the order {@link LossKernel#addBlock} sums them, each by the same loop, so the sums are the same bits.
 * Blocks of another layout (sparse) are summed as they come, after the stretches held back.
 *
 * <p>Measured by {@code scripts/measure-runs-ahead.sh} (docs/BENCHMARKS.md, session 19), a 0.01 batch over two
 * partitions on 2 threads: at 1e7 x 10 in runs of 64 rows, 1.06-1.24 ms a pass block by block against 0.73-0.97
 * through this class (float32 blocks 0.78 against 0.63, runs of 8 rows 2.30 against 1.95); at 1e6 x 100, where a
 * run is 50 KB, no difference.
 */
final class RunsAhead implements BlockSummer {
  private static final long serialVersionUID = 1L;
  /** How many stretches are held back: 2, 4 and 8 measured alike, 1 less well. */
  static final int AHEAD = 4;
  private static final PointLoss SQUARED = new SquaredLoss();

  private final RowSampler.Cursor cursor;
  private final double[] coef;
  private final double labelWeight;
  private final Block[] blocks = new Block[AHEAD];
  private final int[] froms = new int[AHEAD];
  private final int[] tos = new int[AHEAD];
  /** Where the oldest held stretch is in the ring, and how many are held. */
  private int oldest;
  private int held;
  /** The bits of the values read ahead, kept so that the reads are not compiled away. */
  private long touched;

  RunsAhead(RowSampler.Cursor cursor, double[] coef, double labelWeight) {
    this.cursor = cursor;
    this.coef = coef;
    this.labelWeight = labelWeight;
  }

  @Override
  public void add(Block block, double[] acc) {
    if (!block.isDense()) {
      finish(acc);
      LossKernel.addBlock(block, cursor, coef, SQUARED, labelWeight, acc);
      return;
    }
    final int[] rows = cursor.next(block.rows());
    final int count = cursor.count();
    for (int k = 0; k < count; ) {
      final int end = LossKernel.stretchEnd(rows, count, k);
      if (held == AHEAD) {
        sumOldest(acc);
      }
      final int at = (oldest + held) % AHEAD;
      blocks[at] = block;
      froms[at] = rows[k];
      tos[at] = rows[end - 1] + 1;
      held++;
      touched ^= touch(block, rows[k], rows[end - 1] + 1);
      k = end;
    }
  }

  @Override
  public void finish(double[] acc) {
    while (held > 0) {
      sumOldest(acc);
    }
  }

  /** The xor of the values' bits read ahead so far (what keeps the reads). */
  long touched() {
    return touched;
  }

  private void sumOldest(double[] acc) {
    final Block block = blocks[oldest];
    LossKernel.addSquaredStretch(block, froms[oldest], tos[oldest], coef, labelWeight, acc);
    blocks[oldest] = null;
    oldest = (oldest + 1) % AHEAD;
    held--;
  }

  /** Reads one value of every cache line that rows {@code [from, to)} take, features and labels. */
  private static long touch(Block block, int from, int to) {
    final int d = block.dims();
    final int start = (from & ~3) * d;
    final int end = Math.min(block.rows(), (to + 3) & ~3) * d;
    long bits = 0;
    if (block instanceof DenseBlock dense) {
      final double[] x = dense.tiles();
      for (int p = start; p < end; p += 8) {
        bits ^= Double.doubleToRawLongBits(x[p]);
      }
    } else {
      final float[] x = ((DenseFloatBlock) block).tiles();
      for (int p = start; p < end; p += 16) {
        bits ^= Float.floatToRawIntBits(x[p]);
      }
    }
    final double[] y = block.labels();
    for (int i = from; i < to; i += 8) {
      bits ^= Double.doubleToRawLongBits(y[i]);
    }
    return bits;
  }
}
