package sparkdgd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.PointLoss;
import sparkdgd.loss.SquaredLoss;

/**
 * Our block kernel without Spark: {@link LossKernel#addBlock} (squared loss, every row) over the same
 * driver-side blocks as {@link PlainLoop}, split the same way over N threads (contiguous runs of blocks,
 * one accumulator each, added at the end). Against the plain loop it shows the kernel's own speed;
 * against our epoch, what Spark adds. {@link #inCache} runs it over a few blocks a thread, passed over again and
 * again: the loop's compute alone, which no pass over those rows can beat, whatever the memory.
 */
public final class KernelLoop implements AutoCloseable {
  private static final PointLoss SQUARED = new SquaredLoss();

  private final BlockThreads<Block> loop;

  public KernelLoop(List<? extends Block> blocks, int dims, int threads) {
    this.loop = new BlockThreads<>(List.copyOf(blocks), dims, threads, LossKernel.width(dims),
        (block, coef, acc) -> LossKernel.addBlock(block, coef, SQUARED, 1.0, acc), "kernel-loop");
  }

  /**
   * The kernel over as many blocks as {@code blocks}, split over {@code threads} the same way, but each thread
   * passing over only the first of its share's blocks that fit in {@code bytesPerThread} (at least one), again and
   * again, each as {@code precision} makes it (for example {@link DenseFloatBlock#of}): the same
   * rows' work, from caches instead of memory.
   */
  public static KernelLoop inCache(List<DenseBlock> blocks, int dims, int threads, long bytesPerThread,
      Function<DenseBlock, ? extends Block> precision) {
    int n = blocks.size();
    List<Block> repeated = new ArrayList<>(n);
    for (int t = 0; t < threads; t++) {
      int from = BlockThreads.first(n, t, threads);
      int to = BlockThreads.first(n, t + 1, threads);
      List<Block> kept = new ArrayList<>();
      long bytes = 0;
      for (int k = from; k < to; k++) {
        Block b = precision.apply(blocks.get(k));
        bytes += bytes(b);
        if (!kept.isEmpty() && bytes > bytesPerThread) {
          break;
        }
        kept.add(b);
      }
      for (int k = from; k < to; k++) {
        repeated.add(kept.get((k - from) % kept.size()));
      }
    }
    return new KernelLoop(repeated, dims, threads);
  }

  /** What a dense block holds: its values (8 or 4 bytes each) and its labels. */
  private static long bytes(Block b) {
    return b.storedValues() * (b instanceof DenseFloatBlock ? Float.BYTES : Double.BYTES)
        + (long) b.rows() * Double.BYTES;
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
