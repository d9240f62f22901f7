package sparkdgd.bench;

import java.util.ArrayList;
import java.util.List;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.Tiles;

/**
 * The baseline without Spark: one simple fused loop, {@code r = w.x + b - y; g += r*x} a row at a time, on one
 * thread or split over several (contiguous runs of blocks, one accumulator per thread, added at the end). It
 * reads row-major copies of the same blocks' values, made once: the simple loop over the layout it was written
 * for, as the baseline is, rather than over our tiles, where its rows' features sit four apart. The sums
 * have the kernel's layout: {@code [sum r*x_0 .. sum r*x_{d-1}, sum r, sum r^2]}.
 */
public final class PlainLoop implements AutoCloseable {
  /** One block's values, row-major: row {@code i} at {@code x[i d .. (i + 1) d)}. */
  record Rows(double[] x, double[] y, int rows, int dims) {}

  private final List<Rows> blocks;
  private final int dims;
  private final BlockThreads<Rows> loop;

  public PlainLoop(List<DenseBlock> blocks, int dims, int threads) {
    this(dims, rowMajor(blocks), threads);
  }

  private PlainLoop(int dims, List<Rows> blocks, int threads) {
    this.blocks = blocks;
    this.dims = dims;
    this.loop = new BlockThreads<>(blocks, dims, threads, dims + 2, PlainLoop::addBlock, "plain-loop");
  }

  /** The same loop on {@code threads} threads over the same row-major copies (no second copy). */
  public PlainLoop withThreads(int threads) {
    return new PlainLoop(dims, blocks, threads);
  }

  /** One pass at raw coefficients {@code coef = [w_0..w_{d-1}, b]}: the summed array of length d + 2. */
  public double[] pass(double[] coef) throws Exception {
    return loop.pass(coef);
  }

  private static List<Rows> rowMajor(List<DenseBlock> blocks) {
    List<Rows> copies = new ArrayList<>(blocks.size());
    for (DenseBlock b : blocks) {
      copies.add(new Rows(Tiles.toRows(b.tiles(), b.rows(), b.dims()), b.labels(), b.rows(), b.dims()));
    }
    return List.copyOf(copies);
  }

  /** The fused loop over one block. */
  static void addBlock(Rows block, double[] coef, double[] acc) {
    final int d = block.dims();
    final int n = block.rows();
    final double[] x = block.x();
    final double[] y = block.y();
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
    loop.close();
  }
}
