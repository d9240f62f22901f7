package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumTest {

  @Test
  void keepsWhatNaiveDoubleAdditionLoses() {
    double naive = (1e16 + 1.0) + -1e16;
    assertEquals(0.0, naive, 0.0); // the 1 is lost in double arithmetic
    ExactSum s = new ExactSum(1)
        .add(new PartitionSums(new double[] {1e16}, 1))
        .add(new PartitionSums(new double[] {1.0}, 1))
        .add(new PartitionSums(new double[] {-1e16}, 1));
    assertArrayEquals(new double[] {1.0}, s.toDoubles(), 0.0);
    assertEquals(3, s.rows());
  }

  @Test
  void resultIsBitIdenticalWhateverTheMergeOrder() {
    Random rnd = new Random(1);
    List<PartitionSums> parts = new ArrayList<>();
    for (int p = 0; p < 40; p++) {
      parts.add(new PartitionSums(new double[] {rnd.nextGaussian() * 1e6, rnd.nextGaussian() * 1e-6}, p + 1));
    }
    double[] first = null;
    boolean naiveDiffered = false;
    double naiveFirst = Double.NaN;
    for (int trial = 0; trial < 20; trial++) {
      Collections.shuffle(parts, rnd);
      // merge as a tree of uneven pieces, as treeAggregate might
      ExactSum left = new ExactSum(2);
      ExactSum right = new ExactSum(2);
      double naive = 0;
      for (int i = 0; i < parts.size(); i++) {
        (i % 3 == 0 ? left : right).add(parts.get(i));
        naive += parts.get(i).sums()[0];
      }
      double[] total = (trial % 2 == 0 ? left.merge(right) : right.merge(left)).toDoubles();
      if (first == null) {
        first = total;
        naiveFirst = naive;
      }
      assertEquals(first[0], total[0], 0.0);
      assertEquals(first[1], total[1], 0.0);
      naiveDiffered |= naive != naiveFirst;
    }
    // the point of the exact sum: plain double addition does depend on the order here
    assertTrue(naiveDiffered, "plain double sums should have differed between orders");
  }

  @Test
  void rejectsMismatchedWidths() {
    ExactSum s = new ExactSum(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.add(new PartitionSums(new double[3], 0)));
    assertEquals("Expecting 2 sums but got 3", e.getMessage());
  }

  /** A diverging run's NaN or infinity comes out as IEEE addition would give it; finite positions stay exact. */
  @Test
  void nonFiniteSumsComeOutNonFiniteAndLeaveTheOthersExact() {
    double inf = Double.POSITIVE_INFINITY;
    ExactSum left = new ExactSum(4).add(new PartitionSums(new double[] {Double.NaN, inf, inf, 1e16}, 1));
    ExactSum right = new ExactSum(4).add(new PartitionSums(new double[] {1, 2, -inf, 1}, 1))
        .add(new PartitionSums(new double[] {0, 3, 0, -1e16}, 1));
    double[] total = left.merge(right).toDoubles();
    assertTrue(Double.isNaN(total[0]), "NaN + 1");
    assertEquals(inf, total[1], "inf + 2 + 3");
    assertTrue(Double.isNaN(total[2]), "inf - inf");
    assertEquals(1.0, total[3], "1e16 + 1 - 1e16, exactly (plain doubles give 0)");
    assertEquals(3, left.rows());
  }
}
