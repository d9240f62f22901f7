package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import sparkdgd.output.LinearModel;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

/** Mini-batches: the same seed repeats a run bit for bit, another seed does not, and both land near the solution. */
@Tag("spark")
class MiniBatchTest {

  private static double[] train(Path csv, long seed, int partitions) {
    return train(csv, seed, partitions, 1, false, ProgressListener.NONE);
  }

  private static double[] train(Path csv, long seed, int partitions, int runRows, boolean resident,
      ProgressListener listener) {
    OptimizerSettings o =
        new OptimizerSettings(OptimizerKind.GD, 0.1, runRows, ScheduleKind.INVERSE_SQRT, 100, seed, 0, 0, 0);
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(150).tol(0)
        .partitions(partitions).blockRows(97).logEvery(50).optimization(o).residentTasks(resident).build(), listener);
    assertEquals(150, s.epochs());
    assertEquals(3, s.history().size(), "the full loss is evaluated every 50 iterations only");
    assertEquals(15.0, s.passes(), 1e-9, "150 iterations of a tenth of the rows read 15 passes");
    LinearModel m = s.model();
    double[] c = Arrays.copyOf(m.coefficients(), m.coefficients().length + 1);
    c[c.length - 1] = m.intercept();
    return c;
  }

  @Test
  void reproducibleNearTheSolutionAndSeedDependent(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(4000, new double[] {1, -2, 0.5}, 3, 0.3, 0.3, 9);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    double[] first = train(csv, 7, 3);
    double[] again = train(csv, 7, 3);
    double[] other = train(csv, 8, 3);
    assertArrayEquals(first, again, 0.0, "same seed, same partitions: bit-identical");
    assertFalse(Arrays.equals(first, other), "another seed draws other batches");
    for (double[] c : new double[][] {first, other}) {
      double error = LeastSquares.relativeError(c, exact);
      assertTrue(error < 1e-2, "relative error " + error);
    }
  }

  @Test
  void residentTasksTrainTheSameModelBitForBit(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(4000, new double[] {1, -2, 0.5}, 3, 0.3, 0.3, 9);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    ResidentTasksSaid said = new ResidentTasksSaid();
    double[] byJobs = train(csv, 7, 3, 1, false, ProgressListener.NONE);
    double[] resident = train(csv, 7, 3, 1, true, said);
    assertEquals(List.of("2 tasks hold 3 partitions and 0 validation ones"), said.lines, "two cores, three partitions, no fallback");
    assertArrayEquals(byJobs, resident, 0.0, "150 mini-batch iterations and 3 evaluations, as rounds or as jobs");
  }

  @Test
  void batchesInRunsOfRowsReachTheSolutionToo(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(4000, new double[] {1, -2, 0.5}, 3, 0.3, 0.3, 9);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    ResidentTasksSaid said = new ResidentTasksSaid();
    // blocks of 97 rows: 12 runs of 8 and a last run of 1
    double[] inRuns = train(csv, 7, 3, 8, false, ProgressListener.NONE);
    double[] resident = train(csv, 7, 3, 8, true, said);
    double error = LeastSquares.relativeError(inRuns, exact);
    assertTrue(error < 1e-2, "relative error " + error);
    assertFalse(Arrays.equals(inRuns, train(csv, 7, 3)), "runs draw other batches than rows one by one");
    assertEquals(List.of("2 tasks hold 3 partitions and 0 validation ones"), said.lines, "no fallback");
    assertArrayEquals(inRuns, resident, 0.0, "the tasks draw the same runs as the jobs");
  }

  @Test
  void batchesOfFewRunsGetAWarningThatSaysWhatToUse() {
    // 4,000 rows in runs of 64: 63 runs, a 0.01 batch holds 0.6 of them on average
    assertEquals(List.of("warning: --batch-run-rows 64 with --batch-fraction 0.01 draws about 0.6 runs of rows a batch "
        + "from the 4,000 rows, so batches vary much in size and some are empty; use --batch-run-rows 4 or less, or a "
        + "larger --batch-fraction"), whatTwoEpochsOnCorrelatedSay(0.01, 64));
  }

  @Test
  void batchesOfFewRunsWhereNoRunLengthFitsAreToldTheFractionThatDoes() {
    // 4,000 rows in runs of 8: 500 runs, a 0.001 batch holds 0.5 of them, and 4 rows a batch fit no run length (row
    // by row would be told 4 rows are too few): 10 runs need 0.02; 0.005 holds 20 rows, 10 runs of 2 or rows one by one
    assertEquals(List.of("warning: --batch-run-rows 8 with --batch-fraction 0.001 draws about 0.5 runs of rows a batch "
        + "from the 4,000 rows, so batches vary much in size and some are empty; use a --batch-fraction of 0.02 or "
        + "more"), whatTwoEpochsOnCorrelatedSay(0.001, 8));
    assertEquals(List.of("warning: --batch-run-rows 8 with --batch-fraction 0.0025 draws about 1.3 runs of rows a "
        + "batch from the 4,000 rows, so batches vary much in size and some are empty; draw the rows one by one "
        + "(--batch-run-rows 1), or use a larger --batch-fraction"), whatTwoEpochsOnCorrelatedSay(0.0025, 8));
  }

  @Test
  void batchesOfFewRowsGetAWarningThatSaysWhatToUse() {
    // 4,000 rows, a 0.001 batch holds 4 of them on average
    assertEquals(List.of("warning: --batch-fraction 0.001 draws about 4.0 rows a batch from the 4,000 rows, so "
        + "batches vary much in size and some are empty; use a --batch-fraction of 0.0025 or more"),
        whatTwoEpochsOnCorrelatedSay(0.001, 1));
  }

  /** The lines a two-epoch mini-batch run on sample-data/correlated.csv (4,000 rows) tells its listener. */
  private static List<String> whatTwoEpochsOnCorrelatedSay(double fraction, int runRows) {
    ResidentTasksSaid said = new ResidentTasksSaid();
    OptimizerSettings o =
        new OptimizerSettings(OptimizerKind.GD, fraction, runRows, ScheduleKind.CONSTANT, 100, 1, 0, 0, 0);
    TrainingJob.run(SparkTestSession.get(), Configs.data(Path.of("sample-data/correlated.csv")).epochs(2).tol(0)
        .partitions(2).optimization(o).build(), said);
    return said.lines;
  }
}
