package sparkdgd.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPass;
import sparkdgd.block.BlockSummer;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.block.RowSampler;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.SquaredLoss;

/**
 * Our squared loss's loops, run in this JVM over small blocks of every measured feature count (float64 and
 * float32, full passes and mini-batches in runs, four runs at a time as the trainer sums them) before anything else
 * is measured, so that the JIT compiles them as it does in a training run: in its first epochs, from their own
 * profiles. Without it the loop for 20 features or
 * more was first compiled at the second size, after MLlib and Spark ML had run netlib's {@code VectorBLAS} in this
 * JVM, whose vectors are of another class than ours: the JIT compiled the Vector API's shared methods with both
 * classes in their profiles, the loop lost its vector store and a float64 epoch at 1e6 x 100 took 139-158 ms
 * instead of 25-35 (docs/BENCHMARKS.md, session 21).
 */
final class KernelWarmup {
  /** How long each feature count's loops run. */
  static final double SECONDS_PER_FEATURE_COUNT = 2;
  private static final int BLOCKS = 8;

  private KernelWarmup() {}

  /** Runs the loops for every distinct feature count of {@code sizes}; returns the report's line. */
  static String run(List<Size> sizes, int blockRows) {
    return run(sizes, blockRows, SECONDS_PER_FEATURE_COUNT);
  }

  static String run(List<Size> sizes, int blockRows, double secondsPerFeatureCount) {
    TreeSet<Integer> featureCounts = new TreeSet<>();
    sizes.forEach(s -> featureCounts.add(s.features()));
    long start = System.nanoTime();
    long passes = 0;
    for (int d : featureCounts) {
      passes += run(d, blockRows, secondsPerFeatureCount);
    }
    return String.format(Locale.ROOT, "Our squared loss's loops compiled before anything was measured: %,d passes "
        + "over %d small blocks of %s features, float64 and float32, full and mini-batches in runs (%.1f s)", passes,
        BLOCKS, featureCounts.stream().map(String::valueOf).collect(Collectors.joining(", ")),
        (System.nanoTime() - start) / 1e9);
  }

  private static long run(int d, int blockRows, double seconds) {
    List<DenseBlock> f64 = new DataSpec((long) BLOCKS * blockRows, d, 1, blockRows, 1, DataSpec.INTERCEPT,
        DataSpec.NOISE).localBlocks();
    List<Block> f32 = new ArrayList<>();
    f64.forEach(b -> f32.add(DenseFloatBlock.of(b)));
    double[] coef = new double[d + 1];
    Arrays.fill(coef, 0.01);
    double[] acc = new double[LossKernel.width(d)];
    SquaredLoss squared = new SquaredLoss();
    List<Block> doubles = List.copyOf(f64);
    int[] rows = doubles.stream().mapToInt(Block::rows).toArray();
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long passes = 0;
    for (int iteration = 0; System.nanoTime() < end; iteration++) {
      for (List<Block> blocks : List.of(doubles, f32)) {
        RowSampler.Cursor all = RowSampler.ALL.cursor(0);
        for (Block b : blocks) {
          LossKernel.addBlock(b, all, coef, squared, 1.0, acc);
        }
        BlockSummer runs = LossKernel.summer(RowSampler.sample(0.25, 64, 1, iteration).cursor(0), coef, squared, 1.0);
        acc[0] += BlockPass.sumPartition(blocks, rows, runs, acc.length).sums()[0];
        passes += 2;
      }
    }
    if (Double.isNaN(acc[0])) {
      throw new IllegalStateException("the warm-up's sums are not numbers");
    }
    return passes;
  }
}
