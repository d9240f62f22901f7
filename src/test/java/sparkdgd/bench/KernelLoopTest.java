package sparkdgd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.loss.PointLoss;

/**
 * The in-cache kernel rows of the benchmark: each thread's share of the blocks, in the same split as a pass, walked
 * over the first blocks of that share that fit in the budget, again and again. The sums are checked against a plain
 * loop over the rows the rule says, in float64 and in float32.
 */
class KernelLoopTest {
  // 3,001 rows of 4 features in 3 partitions of 100-row blocks: 11 + 10 + 10 blocks, the first partition's last
  // one a single row; 31 blocks, so two threads take 15 and 16
  private static final DataSpec SPEC = new DataSpec(3001, 4, 3, 100, 7, DataSpec.INTERCEPT, DataSpec.NOISE);
  private static final double[] COEF = {0.5, -1, 2, 0.25, 0.1};

  @Test
  void inCacheWalksEachThreadsFirstBlocksAsOftenAsItsShareHasBlocks() throws Exception {
    List<DenseBlock> blocks = SPEC.localBlocks();
    int d = SPEC.features();
    // a 100-row block holds 100 x 4 doubles and 100 labels, 4,000 bytes: 10,000 bytes a thread keep two of them
    long budget = 10_000;
    // (with one or two threads no share starts at the one-row block, so every block kept holds 100 rows)
    for (int threads : new int[] {1, 2}) {
      assertSums(blocks, d, threads, budget, b -> b, 2);
      // float32 blocks hold 2,400 bytes: four fit
      assertSums(blocks, d, threads, budget, DenseFloatBlock::of, 4);
    }
    // a budget below one block still keeps one
    assertSums(blocks, d, 2, 1, b -> b, 1);
  }

  private static void assertSums(List<DenseBlock> blocks, int d, int threads, long budget,
      Function<DenseBlock, ? extends Block> precision, int kept) throws Exception {
    List<Block> expected = new ArrayList<>();
    int n = blocks.size();
    for (int t = 0; t < threads; t++) {
      int from = n * t / threads;
      int to = n * (t + 1) / threads;
      for (int k = from; k < to; k++) {
        expected.add(precision.apply(blocks.get(from + (k - from) % kept)));
      }
    }
    double[] want = plainSums(expected, d);
    try (KernelLoop loop = KernelLoop.inCache(blocks, d, threads, budget, precision)) {
      double[] got = loop.pass(COEF);
      String where = threads + " threads, " + kept + " blocks kept";
      assertEquals(want[d + 1], got[d + PointLoss.ROWS], 0.0, "rows, " + where);
      for (int j = 0; j <= d; j++) {
        assertEquals(want[j], got[j], 1e-9 * Math.abs(want[j]) + 1e-9, "sum r x_" + j + ", " + where);
      }
    }
  }

  /** Sum of r x_j (j < d), sum of r at [d], rows at [d + 1], where r = w.x + b - y, one row at a time. */
  private static double[] plainSums(List<Block> blocks, int d) {
    double[] s = new double[d + 2];
    for (Block b : blocks) {
      for (int i = 0; i < b.rows(); i++) {
        double r = COEF[d] - b.labels()[i];
        for (int j = 0; j < d; j++) {
          r += COEF[j] * b.value(i, j);
        }
        for (int j = 0; j < d; j++) {
          s[j] += r * b.value(i, j);
        }
        s[d] += r;
        s[d + 1]++;
      }
    }
    return s;
  }
}
