package sparkdgd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.config.Precision;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.PointLoss;
import sparkdgd.loss.SquaredLoss;

/**
 * Our block kernel without Spark: {@link LossKernel#addBlock} (squared loss, every row) over the same
 * driver-side blocks as {@link PlainLoop}, split the same way over N threads (contiguous runs of blocks,
 * one accumulator each, added at the end). Against the plain loop it shows the kernel's own speed;
 * against our epoch, what Spark adds. {@link #inCache} runs it with its data in the cores' caches: the loop's own
 * speed, which a pass over the same rows on the same cores should not beat.
 */
public final class KernelLoop implements AutoCloseable {
  private static final PointLoss SQUARED = new SquaredLoss();

  private final BlockThreads<Block> loop;

  public KernelLoop(List<? extends Block> blocks, int dims, int threads) {
    this.loop = new BlockThreads<>(blocks, dims, threads, LossKernel.width(dims),
        (block, coef, acc) -> LossKernel.addBlock(block, coef, SQUARED, 1.0, acc), "kernel-loop");
  }

  /**
   * The kernel over as many blocks and rows as a pass over {@code blocks} at {@code precision}, split over
   * {@code threads} the same way, each thread walking again and again the first full blocks of its share that fit
   * in {@code bytesPerThread} (at least one, so from a larger cache when one does not fit). Where its share has a
   * shorter block, the thread walks as many first rows of a kept block.
   */
  public static KernelLoop inCache(List<DenseBlock> blocks, int dims, int threads, long bytesPerThread,
      Precision precision) {
    int n = blocks.size();
    List<Block> walked = new ArrayList<>(n);
    for (int t = 0; t < threads; t++) {
      List<DenseBlock> share = blocks.subList(BlockThreads.first(n, t, threads),
          BlockThreads.first(n, t + 1, threads));
      List<Block> kept = kept(share, bytesPerThread, precision);
      for (int k = 0; k < share.size(); k++) {
        Block b = kept.get(k % kept.size());
        int rows = share.get(k).rows();
        walked.add(rows == b.rows() ? b : b.subset(IntStream.range(0, rows).toArray(), rows));
      }
    }
    return new KernelLoop(walked, dims, threads);
  }

  /** The first of {@code share}'s full blocks (those with its most rows) that fit in {@code bytes}, at least one. */
  private static List<Block> kept(List<DenseBlock> share, long bytes, Precision precision) {
    int full = share.stream().mapToInt(Block::rows).max().orElse(0);
    List<Block> kept = new ArrayList<>();
    long used = 0;
    for (DenseBlock b : share) {
      if (b.rows() == full) {
        used += DataSpec.blockBytes(b.rows(), b.dims(), precision == Precision.FLOAT32 ? Float.BYTES : Double.BYTES);
        if (!kept.isEmpty() && used > bytes) {
          break;
        }
        kept.add(precision == Precision.FLOAT32 ? DenseFloatBlock.of(b) : b);
      }
    }
    return kept;
  }

  /** One pass at raw coefficients {@code coef = [w_0..w_{d-1}, b]}: the kernel's sums (see {@link PointLoss}). */
  public double[] pass(double[] coef) throws Exception {
    return loop.pass(coef);
  }

  @Override
  public void close() {
    loop.close();
  }
}
