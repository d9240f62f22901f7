package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RowSamplerTest {

  /** The chosen rows of a partition of {@code blocks} blocks of {@code rows} rows, as partition-wide indices. */
  private static int[] chosen(RowSampler s, int partition, int blocks, int rows) {
    RowSampler.Cursor c = s.cursor(partition);
    int[] all = new int[blocks * rows];
    int count = 0;
    int[] buf = new int[rows];
    for (int b = 0; b < blocks; b++) {
      int k = c.choose(rows, buf);
      for (int i = 0; i < k; i++) {
        assertTrue(buf[i] >= 0 && buf[i] < rows && (i == 0 || buf[i] > buf[i - 1]), "ascending, in range");
        all[count++] = b * rows + buf[i];
      }
    }
    return Arrays.copyOf(all, count);
  }

  @Test
  void chosenFractionIsNearTheAskedOneAndTheSameForTheSameIterationAndPartition() {
    RowSampler s = RowSampler.sample(0.05, 42, 3);
    int[] a = chosen(s, 1, 100, 1000);
    // 100,000 rows at 5%: 5000 expected, standard deviation about 69
    assertEquals(5000, a.length, 350);
    assertArrayEquals(a, chosen(RowSampler.sample(0.05, 42, 3), 1, 100, 1000));
    assertFalse(Arrays.equals(a, chosen(RowSampler.sample(0.05, 42, 4), 1, 100, 1000)), "another iteration");
    assertFalse(Arrays.equals(a, chosen(s, 2, 100, 1000)), "another partition");
  }

  @Test
  void theSampleDoesNotDependOnHowThePartitionIsCutIntoBlocks() {
    RowSampler s = RowSampler.sample(0.1, 1, 1);
    assertArrayEquals(chosen(s, 0, 10, 600), chosen(s, 0, 60, 100));
  }

  @Test
  void everyRowWhenTheFractionIsOne() {
    assertTrue(RowSampler.sample(1.0, 5, 5).cursor(3).all());
  }
}
