package sparkdgd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import sparkdgd.block.DenseBlock;

/**
 * The baseline without Spark: one simple fused loop over the same packed row-major arrays,
 * {@code r = w.x + b - y; g += r*x}, on one thread or split over several (contiguous runs of blocks,
 * one accumulator per thread, added at the end). The sums have the kernel's layout:
 * {@code [sum r*x_0 .. sum r*x_{d-1}, sum r, sum r^2]}.
 */
public final class PlainLoop implements AutoCloseable {
  private final List<DenseBlock> blocks;
  private final int dims;
  private final int threads;
  private final ExecutorService pool;

  public PlainLoop(List<DenseBlock> blocks, int dims, int threads) {
    if (threads < 1 || dims < 1) {
      throw new IllegalArgumentException("Expected threads >= 1 and dims >= 1, got " + threads + ", " + dims);
    }
    this.blocks = List.copyOf(blocks);
    this.dims = dims;
    this.threads = threads;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "plain-loop");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** One pass at raw coefficients {@code coef = [w_0..w_{d-1}, b]}: the summed array of length d + 2. */
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
    double[] total = new double[dims + 2];
    for (Future<double[]> f : parts) {
      double[] s = f.get();
      for (int j = 0; j < total.length; j++) {
        total[j] += s[j];
      }
    }
    return total;
  }

  private double[] sumRange(double[] coef, int from, int to) {
    double[] acc = new double[dims + 2];
    for (int k = from; k < to; k++) {
      addBlock(blocks.get(k), coef, acc);
    }
    return acc;
  }

  /** The fused loop over one block. */
  static void addBlock(DenseBlock block, double[] coef, double[] acc) {
    final int d = block.dims();
    final int n = block.rows();
    final double[] x = block.features();
    final double[] y = block.labels();
    final double b = coef[d];
    double residualSum = 0;
    double squaredSum = 0;
    for (int i = 0, off = 0; i < n; i++, off += d) {
      double r = b - y[i];
      for (int j = 0; j < d; j++) {
        r += coef[j] * x[off + j];
      }
      residualSum += r;
      squaredSum += r * r;
      for (int j = 0; j < d; j++) {
        acc[j] += r * x[off + j];
      }
    }
    acc[d] += residualSum;
    acc[d + 1] += squaredSum;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
