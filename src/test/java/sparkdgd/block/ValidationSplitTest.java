package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ValidationSplitTest {

  @Test
  void holdsOutAboutTheFractionAndSubsetsKeepTheChosenRows() {
    int held = 0;
    for (long row = 0; row < 100_000; row++) {
      if (ValidationSplit.heldOut(7, 2, row, 0.2)) {
        held++;
      }
    }
    assertEquals(20_000, held, 600); // sd about 126
    DenseBlock b = new DenseBlock(3, 2, new double[] {1, 2, 3, 4, 5, 6}, new double[] {7, 8, 9});
    Block s = b.subset(new int[] {0, 2}, 2);
    assertEquals(2, s.rows());
    assertEquals(5.0, s.value(1, 0), 0.0);
    assertEquals(9.0, s.labels()[1], 0.0);
    SparseBlock sp = new SparseBlock(3, 4, new int[] {0, 1, 1, 3}, new int[] {2, 0, 3}, new double[] {1, 2, 3},
        new double[] {7, 8, 9});
    Block ss = sp.subset(new int[] {1, 2}, 2);
    assertEquals(0.0, ss.value(0, 2), 0.0);
    assertEquals(3.0, ss.value(1, 3), 0.0);
    assertEquals(9.0, ss.labels()[1], 0.0);
  }
}
