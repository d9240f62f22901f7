package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

/**
 * {@code --shuffle-rows}: on a file sorted by label, a mini-batch drawn in runs as long as a block is a few narrow
 * bands of labels, and a constant step wanders far from the least-squares solution; with the rows shuffled as they
 * are cached, each run is a random sample and the same run lengths land as close as row-by-row batches.
 */
@Tag("spark")
class ShuffledRowsTest {

  /**
   * How far above the least-squares objective {@code best} a constant step keeps the mini-batch iterates: the mean
   * gap of the full objective over the last 60 of 120 evaluations (one every 5 iterations).
   */
  private static double noiseFloor(Path csv, double best, int runRows, boolean shuffle) {
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.GD, 0.1, runRows, ScheduleKind.CONSTANT, 100, 7, 0, 0,
        0, shuffle);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(600).tol(0)
        .partitions(2).blockRows(100).logEvery(5).optimization(o).build(), ProgressListener.NONE);
    List<EpochRecord> last = s.history().subList(s.history().size() - 60, s.history().size());
    return last.stream().mapToDouble(r -> r.objective() - best).average().orElseThrow();
  }

  @Test
  void runsOfShuffledRowsLandAsCloseAsRowsOneByOne(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(20_000, new double[] {1, -2, 0.5}, 3, 0.3, 1.0, 9);
    Dataset sorted = d.sortedByLabel();
    Path csv = sorted.writeCsv(tmp.resolve("by-label.csv"));
    double best = d.mse(LeastSquares.solveWithIntercept(d.x(), d.y()));
    // 10,000 rows a partition in blocks of 100: a 0.1 batch in runs of 100 is about 10 whole blocks of each
    double rows = noiseFloor(csv, best, 1, false);
    double runs = noiseFloor(csv, best, 100, false);
    double shuffledRuns = noiseFloor(csv, best, 100, true);
    // seeds 7 and 8 measured (at 1/L, before session 39's 1/L_b, the same step for the three: a batch in runs counts
    // as its rows): runs 5.5 and 4.3 times row by row's gap, shuffled runs 1.06 and 0.94 times
    assertTrue(runs > 3 * rows, "runs of sorted rows: " + runs + " against " + rows + " row by row");
    assertTrue(shuffledRuns < 1.5 * rows, "runs of shuffled rows: " + shuffledRuns + " against " + rows);
  }

  @Test
  void theSameSeedShufflesTheSameWay(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(3000, new double[] {1, -2, 0.5}, 3, 0.3, 1.0, 9);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double[] first = twentyBatches(csv, true);
    assertArrayEquals(first, twentyBatches(csv, true), 0.0, "same seed, same shuffle and batches: bit-identical");
    assertFalse(Arrays.equals(first, twentyBatches(csv, false)), "the same batches' runs hold other rows unshuffled");
  }

  /** Coefficients and intercept after 20 batches of 0.1 in runs of 64 over three partitions, seed 5. */
  private static double[] twentyBatches(Path csv, boolean shuffle) {
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.GD, 0.1, 64, ScheduleKind.CONSTANT, 100, 5, 0, 0, 0,
        shuffle);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(20).tol(0).partitions(3)
        .blockRows(64).logEvery(20).optimization(o).build(), ProgressListener.NONE);
    double[] c = Arrays.copyOf(s.model().coefficients(), s.model().coefficients().length + 1);
    c[c.length - 1] = s.model().intercept();
    return c;
  }
}
