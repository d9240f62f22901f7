package sparkdgd.bench;

import java.util.List;
import sparkdgd.block.DenseBlock;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.PointLoss;
import sparkdgd.loss.SquaredLoss;

/**
 * Our block kernel without Spark: {@link LossKernel#addBlock} (squared loss, every row) over the same
 * driver-side blocks as {@link PlainLoop}, split the same way over N threads (contiguous runs of blocks,
 * one accumulator each, added at the end). Against the plain loop it shows the kernel's own speed;
 * against our epoch, what Spark adds.
 */
public final class KernelLoop implements AutoCloseable {
  private static final PointLoss SQUARED = new SquaredLoss();

  private final BlockThreads<DenseBlock> loop;

  public KernelLoop(List<DenseBlock> blocks, int dims, int threads) {
    this.loop = new BlockThreads<>(blocks, dims, threads, LossKernel.width(dims),
        (block, coef, acc) -> LossKernel.addBlock(block, coef, SQUARED, 1.0, acc), "kernel-loop");
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
