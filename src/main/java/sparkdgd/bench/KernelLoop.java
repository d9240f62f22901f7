package sparkdgd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import sparkdgd.block.Block;
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

  private final List<Block> blocks;
  private final int dims;
  private final int threads;
  private final ExecutorService pool;

  public KernelLoop(List<DenseBlock> blocks, int dims, int threads) {
    if (threads < 1 || dims < 1) {
      throw new IllegalArgumentException("Expected threads >= 1 and dims >= 1, got " + threads + ", " + dims);
    }
    this.blocks = List.copyOf(blocks);
    this.dims = dims;
    this.threads = threads;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "kernel-loop");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** One pass at raw coefficients {@code coef = [w_0..w_{d-1}, b]}: the kernel's sums (see {@link PointLoss}). */
  public double[] pass(double[] coef) throws Exception {
    if (coef.length != dims + 1) {
      throw new IllegalArgumentException("Expecting " + (dims + 1) + " coefficients but got " + coef.length);
    }
    if (pool == null) {
      return sumRange(coef, 0, blocks.size());
    }
    List<Future<double[]>> parts = new ArrayList<>();
    int n = blocks.size();
    for (int t = 0; t < threads; t++) {
      int from = (int) ((long) n * t / threads);
      int to = (int) ((long) n * (t + 1) / threads);
      parts.add(pool.submit(() -> sumRange(coef, from, to)));
    }
    double[] total = new double[LossKernel.width(dims)];
    for (Future<double[]> f : parts) {
      double[] s = f.get();
      for (int j = 0; j < total.length; j++) {
        total[j] += s[j];
      }
    }
    return total;
  }

  private double[] sumRange(double[] coef, int from, int to) {
    double[] acc = new double[LossKernel.width(dims)];
    for (int k = from; k < to; k++) {
      LossKernel.addBlock(blocks.get(k), coef, SQUARED, 1.0, acc);
    }
    return acc;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
