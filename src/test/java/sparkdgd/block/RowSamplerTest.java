package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
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
    RowSampler s = RowSampler.sample(0.05, 1, 42, 3);
    int[] a = chosen(s, 1, 100, 1000);
    // 100,000 rows at 5%: 5000 expected, standard deviation about 69
    assertEquals(5000, a.length, 350);
    assertArrayEquals(a, chosen(RowSampler.sample(0.05, 1, 42, 3), 1, 100, 1000));
    assertFalse(Arrays.equals(a, chosen(RowSampler.sample(0.05, 1, 42, 4), 1, 100, 1000)), "another iteration");
    assertFalse(Arrays.equals(a, chosen(s, 2, 100, 1000)), "another partition");
  }

  @Test
  void theSampleDoesNotDependOnHowThePartitionIsCutIntoBlocks() {
    RowSampler s = RowSampler.sample(0.1, 1, 1, 1);
    assertArrayEquals(chosen(s, 0, 10, 600), chosen(s, 0, 60, 100));
  }

  @Test
  void runsAreWholeAlignedStretchesOfABlockAndTheLastOneIsCutAtTheBlockEnd() {
    int runRows = 64;
    int rows = 1000; // 15 runs of 64 and a last one of 40
    RowSampler.Cursor c = RowSampler.sample(0.2, runRows, 3, 7).cursor(0);
    int[] buf = new int[rows];
    int lastRunChosen = 0;
    for (int b = 0; b < 200; b++) {
      int k = c.choose(rows, buf);
      boolean[] chosen = new boolean[rows];
      for (int i = 0; i < k; i++) {
        chosen[buf[i]] = true;
      }
      for (int start = 0; start < rows; start += runRows) {
        for (int row = start; row < Math.min(rows, start + runRows); row++) {
          assertEquals(chosen[start], chosen[row], "block " + b + ": the run from row " + start + " at row " + row);
        }
      }
      lastRunChosen += chosen[rows - 1] ? 1 : 0;
    }
    // each block's last run is a Bernoulli(0.2) trial: 40 expected, standard deviation about 6
    assertEquals(40, lastRunChosen, 25, "the short last run is chosen like the others");
  }

  @Test
  void inRunsEveryRowIsChosenWithTheFractionSoTheSampledGradientIsUnbiased() {
    // blocks of 100 rows in runs of 64: a run of 64 and a run of 36; row 0 and row 99 are in different runs
    double fraction = 0.1;
    int iterations = 4000;
    int[] timesChosen = new int[100];
    int[] buf = new int[100];
    for (int it = 0; it < iterations; it++) {
      RowSampler.Cursor c = RowSampler.sample(fraction, 64, 11, it).cursor(it % 5);
      for (int b = 0; b < 3; b++) {
        int k = c.choose(100, buf);
        for (int i = 0; i < k; i++) {
          timesChosen[buf[i]]++;
        }
      }
    }
    // each run is a Bernoulli(0.1) trial in 12,000 blocks: 1200 expected, standard deviation about 33
    for (int row : new int[] {0, 63, 64, 99}) {
      assertEquals(1200, timesChosen[row], 165, "row " + row + " was chosen " + timesChosen[row] + " times");
    }
  }

  @Test
  void runsOfEightChooseOtherRowsAboutAsMany() {
    int[] inRuns = chosen(RowSampler.sample(0.05, 8, 42, 3), 1, 100, 1000);
    assertFalse(Arrays.equals(chosen(RowSampler.sample(0.05, 1, 42, 3), 1, 100, 1000), inRuns));
    // 12,500 runs of 8 at 5%: 5000 rows expected, standard deviation about 195
    assertEquals(5000, inRuns.length, 1000);
  }

  @Test
  void skippingTheBlocksWithoutChosenRowsLeavesTheSampleAsItWas() {
    Random rnd = new Random(23);
    int[] buf = new int[5000];
    int skippedInAll = 0;
    for (int trial = 0; trial < 200; trial++) {
      double fraction = Math.pow(10, -4 * rnd.nextDouble());
      int runRows = 1 + rnd.nextInt(100);
      RowSampler s = RowSampler.sample(fraction, runRows, trial, rnd.nextInt(1000));
      RowSampler.Cursor choosing = s.cursor(trial % 7);
      RowSampler.Cursor skipping = s.cursor(trial % 7);
      int skipped = 0;
      for (int b = 0; b < 40; b++) {
        int rows = 1 + rnd.nextInt(buf.length);
        int[] expected = Arrays.copyOf(buf, choosing.choose(rows, buf));
        String where = "trial " + trial + " (fraction " + fraction + ", runs of " + runRows + "), block " + b;
        if (skipping.skip(rows)) {
          assertEquals(0, expected.length, where + ": skipped a block with chosen rows");
          skipped++;
        } else {
          assertArrayEquals(expected, Arrays.copyOf(skipping.next(rows), skipping.count()), where);
          assertTrue(expected.length > 0, where + ": did not skip a block without chosen rows");
        }
      }
      skippedInAll += skipped;
    }
    assertTrue(skippedInAll > 1000, "only " + skippedInAll + " of 8,000 blocks skipped");
    assertFalse(RowSampler.ALL.cursor(0).skip(10), "a pass over every row skips nothing");
  }

  @Test
  void everyRowWhenTheFractionIsOne() {
    assertTrue(RowSampler.sample(1.0, 1, 5, 5).cursor(3).all());
  }
}
