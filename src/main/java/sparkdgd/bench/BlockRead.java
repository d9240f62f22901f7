package sparkdgd.bench;

import java.util.List;
import sparkdgd.block.DenseBlock;

/**
 * The read bound of the driver-side blocks themselves: every stored value (features and labels) summed once,
 * with eight independent accumulators ({@link ReadBandwidth#sum}) so the loop waits on memory only, split over
 * N threads like {@link PlainLoop} and {@link KernelLoop}. Timing the very arrays the loops read, rather than
 * another array, keeps where they sit in memory out of the comparison: on the benchmark machine, sweeps over
 * different arrays of the same size read at 13 to 21 GB/s.
 */
public final class BlockRead implements AutoCloseable {
  private final BlockThreads<DenseBlock> loop;
  private final double[] unusedCoefficients;

  public BlockRead(List<DenseBlock> blocks, int dims, int threads) {
    this.loop = new BlockThreads<>(blocks, dims, threads, 1, BlockRead::addBlock, "block-read");
    this.unusedCoefficients = new double[dims + 1];
  }

  /** One read of every block; returns the sum of every stored value, so the work cannot be dropped. */
  public double pass() throws Exception {
    return loop.pass(unusedCoefficients)[0];
  }

  static void addBlock(DenseBlock block, double[] ignored, double[] acc) {
    acc[0] += ReadBandwidth.sum(block.tiles(), 0, block.rows() * block.dims())
        + ReadBandwidth.sum(block.labels(), 0, block.rows());
  }

  @Override
  public void close() {
    loop.close();
  }
}
