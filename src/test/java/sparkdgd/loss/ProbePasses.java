package sparkdgd.loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.testing.GaussianBlocks;

/** What the kernel probes ({@link QuarterPassProbe}, {@link FloatProductsProbe}) share: a pass on N threads. */
final class ProbePasses {
  /** One block's sums added into {@code acc}. */
  interface Pass {
    void add(Block block, double[] coef, double[] acc);
  }

  private ProbePasses() {}

  /** {@code count} blocks of {@code rows} x {@code d} Gaussian values (float64), block k from seed k. */
  static List<Block> gaussianBlocks(int count, int rows, int d) {
    List<Block> blocks = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      blocks.add(GaussianBlocks.dense(rows, d, k));
    }
    return blocks;
  }

  /** The same blocks with their features rounded to float. */
  static List<Block> rounded(List<Block> blocks) {
    List<Block> floats = new ArrayList<>();
    for (Block b : blocks) {
      floats.add(DenseFloatBlock.of((DenseBlock) b));
    }
    return floats;
  }

  /** The probes' coefficients: 0.01 (j + 1) for feature j, the intercept last. */
  static double[] coefficients(int d) {
    double[] coef = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      coef[j] = 0.01 * (j + 1);
    }
    return coef;
  }

  /**
   * {@code repeats} passes of {@code kernel} over {@code data}, split in {@code threads} contiguous parts, one a
   * thread of {@code pool}; the parts' sums added.
   */
  static double[] pass(ExecutorService pool, int threads, List<Block> data, int repeats, Pass kernel, double[] coef,
      int d) throws Exception {
    List<Future<double[]>> parts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<Block> part = data.subList(t * data.size() / threads, (t + 1) * data.size() / threads);
      parts.add(pool.submit(() -> {
        double[] acc = new double[LossKernel.width(d)];
        for (int r = 0; r < repeats; r++) {
          for (Block b : part) {
            kernel.add(b, coef, acc);
          }
        }
        return acc;
      }));
    }
    double[] sum = new double[LossKernel.width(d)];
    for (Future<double[]> part : parts) {
      double[] acc = part.get();
      for (int j = 0; j < sum.length; j++) {
        sum[j] += acc[j];
      }
    }
    return sum;
  }

  /** The largest difference over the first {@code count} sums, relative to the largest of {@code reference}'s. */
  static double relativeDifference(double[] what, double[] reference, int count) {
    double scale = 0;
    double diff = 0;
    for (int j = 0; j < count; j++) {
      scale = Math.max(scale, Math.abs(reference[j]));
      diff = Math.max(diff, Math.abs(what[j] - reference[j]));
    }
    return diff / scale;
  }

  /** The median of {@code values} from index {@code from} on. */
  static double median(long[] values, int from) {
    long[] sorted = Arrays.copyOfRange(values, from, values.length);
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
