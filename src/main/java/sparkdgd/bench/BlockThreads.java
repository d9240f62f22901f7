package sparkdgd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Driver-side blocks summed without Spark, on one thread or split over several: contiguous runs of
 * blocks, one accumulator per thread, the runs' sums added at the end. The loops of {@link PlainLoop},
 * {@link KernelLoop} and {@link BlockRead} differ only in what they add per block.
 */
final class BlockThreads<B> implements AutoCloseable {
  /** Adds one block's sums at raw coefficients {@code coef} into {@code acc}. */
  @FunctionalInterface
  interface BlockSum<B> {
    void add(B block, double[] coef, double[] acc);
  }

  private final List<B> blocks;
  private final int dims;
  private final int threads;
  private final int width;
  private final BlockSum<B> sum;
  private final ExecutorService pool;

  /** {@code width} sums per pass; {@code name} names the threads. */
  BlockThreads(List<? extends B> blocks, int dims, int threads, int width, BlockSum<B> sum, String name) {
    if (threads < 1 || dims < 1) {
      throw new IllegalArgumentException("Expected threads >= 1 and dims >= 1, got " + threads + ", " + dims);
    }
    this.blocks = List.copyOf(blocks);
    this.dims = dims;
    this.threads = threads;
    this.width = width;
    this.sum = sum;
    this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    }) : null;
  }

  /** One pass at raw coefficients {@code coef = [w_0..w_{d-1}, b]}. */
  double[] pass(double[] coef) throws Exception {
    if (coef.length != dims + 1) {
      throw new IllegalArgumentException("Expecting " + (dims + 1) + " coefficients but got " + coef.length);
    }
    if (pool == null) {
      return sumRange(coef, 0, blocks.size());
    }
    List<Future<double[]>> parts = new ArrayList<>();
    int n = blocks.size();
    for (int t = 0; t < threads; t++) {
      int from = first(n, t, threads);
      int to = first(n, t + 1, threads);
      parts.add(pool.submit(() -> sumRange(coef, from, to)));
    }
    double[] total = new double[width];
    for (Future<double[]> f : parts) {
      double[] s = f.get();
      for (int j = 0; j < total.length; j++) {
        total[j] += s[j];
      }
    }
    return total;
  }

  /** Where thread {@code t}'s share of {@code n} blocks starts ({@code n} for {@code t = threads}). */
  static int first(int n, int t, int threads) {
    return (int) ((long) n * t / threads);
  }

  private double[] sumRange(double[] coef, int from, int to) {
    double[] acc = new double[width];
    for (int k = from; k < to; k++) {
      sum.add(blocks.get(k), coef, acc);
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
