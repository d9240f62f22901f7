package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockPassTest {
  @Test
  void treeDepthGrowsWithTheLogOfThePartitionCount() {
    assertEquals(1, BlockPass.treeDepth(1));
    assertEquals(1, BlockPass.treeDepth(32));
    assertEquals(2, BlockPass.treeDepth(33));
    assertEquals(2, BlockPass.treeDepth(1024));
    assertEquals(3, BlockPass.treeDepth(1025));
    assertEquals(3, BlockPass.treeDepth(32768));
  }

  /**
   * Wide sums added on the driver a slice of positions per core give the totals of one exact sum over all of them,
   * to the bit, however many slices (uneven ones too), with cancelling, tiny, zero and non-finite values.
   */
  @Test
  void wideSumsAddedInSlicesGiveTheSameTotalsAsOneExactSum() {
    int width = BlockPass.SLICED_FROM + 5;
    Random rnd = new Random(3);
    List<PartitionSums> parts = new ArrayList<>();
    for (int p = 0; p < 7; p++) {
      double[] v = new double[width];
      for (int i = 0; i < width; i++) {
        v[i] = switch (i % 5) {
          case 0 -> 0;
          case 1 -> p == 0 ? 1e16 : p == 2 ? -1e16 : rnd.nextGaussian();
          case 2 -> rnd.nextGaussian() * Math.scalb(1.0, -900 + 100 * p);
          case 3 -> i == 3 && p == 2 ? Double.NaN : rnd.nextGaussian();
          default -> rnd.nextDouble();
        };
      }
      parts.add(new PartitionSums(v, 10 + p));
    }
    ExactSum one = new ExactSum(width);
    double naive = 0;
    for (PartitionSums p : parts) {
      one.add(p);
      naive += p.sums()[1];
    }
    double[] expected = one.toDoubles();
    assertNotEquals(naive, expected[1], "plain doubles should differ here, else this shows nothing about exactness");
    BlockPass.Totals total = BlockPass.total(parts, width);
    assertArrayEquals(expected, total.sums(), 0.0, "on this machine's cores");
    assertEquals(one.rows(), total.rows());
    for (int slices : new int[] {1, 2, 3, 7}) {
      BlockPass.Totals all = new RunningTotal(width, slices).addAll(parts).totals();
      assertArrayEquals(expected, all.sums(), 0.0, slices + " slices, all partitions at once");
      assertEquals(one.rows(), all.rows());
      RunningTotal running = new RunningTotal(width, slices);
      for (int p = parts.size() - 1; p >= 0; p--) { // one by one, in another order, as tasks may end
        running.add(parts.get(p));
      }
      assertArrayEquals(expected, running.totals().sums(), 0.0, slices + " slices, one partition at a time");
      assertEquals(one.rows(), running.totals().rows());
    }
  }
}
