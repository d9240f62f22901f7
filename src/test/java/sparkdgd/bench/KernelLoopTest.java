package sparkdgd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.config.Precision;
import sparkdgd.loss.PointLoss;

/**
 * The in-cache kernel rows of the benchmark: each thread's share of the blocks, in the same split as a pass, walked
 * over the first full blocks of that share that fit in the budget, again and again, with a shorter block's place
 * taken by as many first rows of a kept one: as many blocks and rows as a pass. The sums are checked against a
 * plain loop over the rows that rule gives, written out here by hand, in float64 and in float32.
 */
class KernelLoopTest {
  // 3,001 rows of 4 features in 3 partitions of 100-row blocks: 11 + 10 + 10 blocks, the first partition's last
  // one (block 10) a single row
  private static final DataSpec SPEC = new DataSpec(3001, 4, 3, 100, 7, DataSpec.INTERCEPT, DataSpec.NOISE);
  private static final double[] COEF = {0.5, -1, 2, 0.25, 0.1};
  private static final List<DenseBlock> BLOCKS = SPEC.localBlocks();
  private static final int SHORT = 10;

  @Test
  void oneThreadKeepsTheBlocksThatFitAndWalksThemInTurn() throws Exception {
    assertEquals(1, BLOCKS.get(SHORT).rows());
    // a full float64 block holds 100 x 4 doubles and 100 labels, 4,000 bytes; a float32 one 2,400
    assertSums(1, 10_000, Precision.FLOAT64, List.of(List.of(0, 1)));
    assertSums(1, 8_000, Precision.FLOAT64, List.of(List.of(0, 1))); // exactly full
    assertSums(1, 7_999, Precision.FLOAT64, List.of(List.of(0)));
    assertSums(1, 10_000, Precision.FLOAT32, List.of(List.of(0, 1, 2, 3)));
    assertSums(1, 1, Precision.FLOAT64, List.of(List.of(0))); // a budget below one block still keeps one
  }

  @Test
  void eachThreadKeepsTheFirstFullBlocksOfItsOwnShare() throws Exception {
    // two threads: blocks 0-14 and 15-30
    assertSums(2, 10_000, Precision.FLOAT64, List.of(List.of(0, 1), List.of(15, 16)));
    assertSums(2, 10_000, Precision.FLOAT32, List.of(List.of(0, 1, 2, 3), List.of(15, 16, 17, 18)));
    // three threads: blocks 0-9, 10-19 (starting at the one-row block, which is not kept) and 20-30
    assertSums(3, 10_000, Precision.FLOAT64, List.of(List.of(0, 1), List.of(11, 12), List.of(20, 21)));
  }

  /** {@code kept.get(t)}: the blocks thread t should walk in turn, by index into BLOCKS. */
  private static void assertSums(int threads, long budget, Precision precision, List<List<Integer>> kept)
      throws Exception {
    List<Block> expected = new ArrayList<>();
    int n = BLOCKS.size();
    for (int t = 0; t < threads; t++) {
      int from = n * t / threads;
      int to = n * (t + 1) / threads;
      for (int k = from; k < to; k++) {
        Block b = BLOCKS.get(kept.get(t).get((k - from) % kept.get(t).size()));
        expected.add(firstRows(precision == Precision.FLOAT32 ? DenseFloatBlock.of((DenseBlock) b) : b,
            BLOCKS.get(k).rows()));
      }
    }
    double[] want = plainSums(expected, SPEC.features());
    int d = SPEC.features();
    try (KernelLoop loop = KernelLoop.inCache(BLOCKS, d, threads, budget, precision)) {
      double[] got = loop.pass(COEF);
      String where = threads + " threads, budget " + budget + ", " + precision;
      assertEquals(SPEC.rows(), got[d + PointLoss.ROWS], 0.0, "as many rows as a pass, " + where);
      for (int j = 0; j <= d; j++) {
        assertEquals(want[j], got[j], 1e-9 * Math.abs(want[j]) + 1e-9, "sum r x_" + j + ", " + where);
      }
    }
  }

  /** A block's first {@code rows} rows, as a block of its own (the block itself when it has no more). */
  private static Block firstRows(Block b, int rows) {
    int[] first = new int[rows];
    for (int i = 0; i < rows; i++) {
      first[i] = i;
    }
    return rows == b.rows() ? b : b.subset(first, rows);
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
