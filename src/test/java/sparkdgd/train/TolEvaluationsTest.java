package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/**
 * {@code --tol-evaluations K} (scikit-learn's n_iter_no_change): --tol stops a run only at the first evaluation that
 * ends K in a row each within --tol of the one before. The stops are checked against the run's own recorded
 * objectives, the test applied by hand, and a resume in the middle of such a row stops where an uninterrupted run does.
 */
@Tag("spark")
class TolEvaluationsTest {
  private static final Path DATA = Path.of("sample-data/correlated.csv");

  @Test
  void aMiniBatchRunStopsAtTheFirstRowOfKEvaluationsWithinTol() {
    for (int k : new int[] {1, 5}) {
      double[] start = new double[1];
      TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(3000).tol(1e-3)
          .logEvery(10).partitions(3).optimization(miniBatches(k)).build(), new ProgressListener() {
            @Override
            public void initial(double objective) {
              start[0] = objective;
            }
          });
      assertEquals(StopReason.LOSS_CONVERGED, s.stopReason(), "K = " + k);
      List<EpochRecord> h = s.history();
      double[] objectives = new double[h.size() + 1];
      objectives[0] = start[0];
      for (int i = 0; i < h.size(); i++) {
        objectives[i + 1] = h.get(i).objective();
      }
      assertEquals(h.size(), firstRowWithinTol(objectives, 1e-3, k), "K = " + k + ": " + objectives.length);
      if (k > 1) {
        // the noise's single small changes came before: a single one would have stopped this run earlier
        assertTrue(firstRowWithinTol(objectives, 1e-3, 1) < h.size() - k + 1, "K = " + k);
      }
    }
  }

  /**
   * Full batches of gd change the objective less every epoch: K = 4 stops three epochs after K = 1. A run crashed two
   * evaluations into its row and resumed from the checkpoint before the crash (one every epoch) carries the row's
   * count over: it stops at the same epoch with the same parameters.
   */
  @Test
  void aResumeInTheMiddleOfARowStopsWhereAnUninterruptedRunDoes(@TempDir Path tmp) {
    TrainingSummary once = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(5000).tol(1e-6)
        .partitions(3).build(), ProgressListener.NONE);
    TrainingSummary whole = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(5000).tol(1e-6)
        .partitions(3).optimization(fullBatch(4)).build(), ProgressListener.NONE);
    assertEquals(StopReason.LOSS_CONVERGED, whole.stopReason());
    assertEquals(once.epochs() + 3, whole.epochs());
    String dir = tmp.resolve("ckpt").toString();
    int crash = once.epochs() + 2; // after the checkpoint of the row's second evaluation
    assertThrows(ResumeTest.Crash.class, () -> TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(5000)
        .tol(1e-6).partitions(3).optimization(fullBatch(4)).checkpoints(dir, 1, false).build(),
        ResumeTest.crashingAt(crash)));
    List<Integer> resumedAt = new ArrayList<>();
    TrainingSummary resumed = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(5000).tol(1e-6)
        .partitions(3).optimization(fullBatch(4)).checkpoints(dir, 1, true).build(), new ProgressListener() {
          @Override
          public void resumed(int epoch, double mse) {
            resumedAt.add(epoch);
          }
        });
    assertEquals(List.of(crash - 1), resumedAt);
    assertEquals(StopReason.LOSS_CONVERGED, resumed.stopReason());
    assertEquals(whole.epochs(), resumed.epochs());
    assertArrayEquals(whole.model().coefficients(), resumed.model().coefficients(), 0.0);
  }

  /** The number of evaluations up to the first that ends {@code k} in a row each within {@code tol} relatively. */
  private static int firstRowWithinTol(double[] objectives, double tol, int k) {
    int row = 0;
    for (int i = 1; i < objectives.length; i++) {
      row = Math.abs(objectives[i] - objectives[i - 1]) <= tol * Math.abs(objectives[i - 1]) ? row + 1 : 0;
      if (row == k) {
        return i;
      }
    }
    return -1;
  }

  private static OptimizerSettings miniBatches(int k) {
    return new OptimizerSettings(OptimizerKind.GD, 0.1, 1, ScheduleKind.CONSTANT, 100, 42, 0, 0, 0, false, k, 0);
  }

  private static OptimizerSettings fullBatch(int k) {
    return new OptimizerSettings(OptimizerKind.GD, 1, 1, ScheduleKind.CONSTANT, 100, 42, 0, 0, 0, false, k, 0);
  }
}
