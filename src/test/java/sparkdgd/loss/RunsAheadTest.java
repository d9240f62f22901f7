package sparkdgd.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPass;
import sparkdgd.block.BlockSummer;
import sparkdgd.block.DenseBlock;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.block.PartitionSums;
import sparkdgd.block.RowSampler;
import sparkdgd.block.SparseBlock;
import sparkdgd.testing.GaussianBlocks;

class RunsAheadTest {
  private static final int D = 10;

  private static DenseBlock dense(int n, long seed) {
    return GaussianBlocks.dense(n, D, seed);
  }

  private static SparseBlock sparse(int n, long seed) {
    Random r = new Random(seed);
    int[] starts = new int[n + 1];
    List<Integer> indices = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < D; j += 1 + r.nextInt(3)) {
        indices.add(j);
        values.add(r.nextGaussian());
      }
      starts[i + 1] = indices.size();
      y[i] = r.nextGaussian();
    }
    return new SparseBlock(n, D, starts, indices.stream().mapToInt(Integer::intValue).toArray(),
        values.stream().mapToDouble(Double::doubleValue).toArray(), y);
  }

  /** A partition of every layout and of block sizes that end inside a tile. */
  private static List<Block> partition() {
    DenseBlock a = dense(4099, 1);
    DenseBlock b = dense(37, 2);
    return List.of(a, DenseFloatBlock.of(dense(1000, 3)), sparse(301, 4), b, DenseFloatBlock.of(a), dense(6, 5),
        DenseFloatBlock.of(b), dense(2050, 6));
  }

  private static PartitionSums sum(List<Block> blocks, BlockSummer summer) {
    return BlockPass.sumPartition(blocks.iterator(), summer, LossKernel.width(D));
  }

  @Test
  void heldBackStretchesGiveTheBitsOfTheDirectPass() {
    double[] coef = new double[D + 1];
    for (int j = 0; j <= D; j++) {
      coef[j] = 0.1 * (j - 4);
    }
    List<Block> blocks = partition();
    for (int runRows : new int[] {2, 3, 8, 64}) {
      for (double fraction : new double[] {0.01, 0.3, 0.9}) {
        for (double labelWeight : new double[] {1, 0}) {
          RowSampler sample = RowSampler.sample(fraction, runRows, 11, runRows);
          RowSampler.Cursor direct = sample.cursor(3);
          PartitionSums expected = sum(blocks,
              (block, acc) -> LossKernel.addBlock(block, direct, coef, new SquaredLoss(), labelWeight, acc));
          // the summer a pass's task gets (LossKernel.summer) is RunsAhead for the squared loss in runs
          RunsAhead ahead = assertInstanceOf(RunsAhead.class,
              LossKernel.summer(sample.cursor(3), coef, new SquaredLoss(), labelWeight));
          PartitionSums got = sum(blocks, ahead);
          String what = "runs of " + runRows + ", fraction " + fraction + ", label weight " + labelWeight;
          assertArrayEquals(expected.sums(), got.sums(), 0.0, what);
          assertEquals(expected.rows(), got.rows(), what);
          if (fraction > 0.1) {
            assertTrue(got.sums()[D + PointLoss.ROWS] > 0, what + ": a sample with rows");
            assertNotEquals(0L, ahead.touched(), what + ": the stretches were read ahead");
          }
        }
      }
    }
  }

  @Test
  void otherPassesGetTheBlockByBlockSummer() {
    double[] coef = new double[D + 1];
    RowSampler runs = RowSampler.sample(0.5, 8, 3, 1);
    assertFalse(LossKernel.summer(runs.cursor(0), coef, new HuberLoss(1.0), 1.0) instanceof RunsAhead, "Huber");
    assertFalse(LossKernel.summer(RowSampler.sample(0.5, 1, 3, 1).cursor(0), coef, new SquaredLoss(), 1.0)
        instanceof RunsAhead, "row by row");
    assertFalse(LossKernel.summer(RowSampler.ALL.cursor(0), coef, new SquaredLoss(), 1.0) instanceof RunsAhead,
        "every row");
  }

  @Test
  void theStretchesHeldBackAreAddedByFinish() {
    // without finish() a partition's last stretches would be missing (BlockPass calls it after the last block)
    double[] coef = new double[D + 1];
    RowSampler sample = RowSampler.sample(0.5, 8, 3, 1);
    DenseBlock block = dense(4096, 9);
    double[] direct = new double[LossKernel.width(D)];
    LossKernel.addBlock(block, sample.cursor(0), coef, new SquaredLoss(), 1.0, direct);
    RunsAhead ahead = new RunsAhead(sample.cursor(0), coef, 1.0);
    double[] acc = new double[LossKernel.width(D)];
    ahead.add(block, acc);
    assertTrue(acc[D + PointLoss.ROWS] < direct[D + PointLoss.ROWS], "the last stretches are held back");
    ahead.finish(acc);
    assertArrayEquals(direct, acc, 0.0, "finish adds them, in order");
  }
}
