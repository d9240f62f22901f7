package sparkdgd.bench;

import java.util.List;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.Tiles;

/**
 * The baseline without Spark: one simple fused loop over the same packed arrays, a row at a time (its
 * features a tile's width apart, {@link Tiles}), {@code r = w.x + b - y; g += r*x}, on one thread or split over several (contiguous runs of blocks,
 * one accumulator per thread, added at the end). The sums have the kernel's layout:
 * {@code [sum r*x_0 .. sum r*x_{d-1}, sum r, sum r^2]}.
 */
public final class PlainLoop implements AutoCloseable {
  private final BlockThreads loop;

  public PlainLoop(List<DenseBlock> blocks, int dims, int threads) {
    this.loop = new BlockThreads(blocks, dims, threads, dims + 2, PlainLoop::addBlock, "plain-loop");
  }

  /** One pass at raw coefficients {@code coef = [w_0..w_{d-1}, b]}: the summed array of length d + 2. */
  public double[] pass(double[] coef) throws Exception {
    return loop.pass(coef);
  }

  /** The fused loop over one block. */
  static void addBlock(DenseBlock block, double[] coef, double[] acc) {
    final int d = block.dims();
    final int n = block.rows();
    final double[] x = block.tiles();
    final double[] y = block.labels();
    final double b = coef[d];
    double residualSum = 0;
    double squaredSum = 0;
    for (int i = 0; i < n; i++) {
      final int start = Tiles.start(i, d);
      final int stride = Tiles.stride(i, n);
      double r = b - y[i];
      for (int j = 0, at = start; j < d; j++, at += stride) {
        r += coef[j] * x[at];
      }
      residualSum += r;
      squaredSum += r * r;
      for (int j = 0, at = start; j < d; j++, at += stride) {
        acc[j] += r * x[at];
      }
    }
    acc[d] += residualSum;
    acc[d + 1] += squaredSum;
  }

  @Override
  public void close() {
    loop.close();
  }
}
