package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

/**
 * 80 rows and 40 features of which one matters: L-BFGS from zero first learns the real feature and then
 * fits the noise on its way to the least-squares solution, so the validation MSE falls and then rises. With patience the run
 * stops, and the parameters it keeps are exactly those of a run told to stop at the best epoch.
 */
@Tag("spark")
class EarlyStoppingTest {

  private static TrainingSummary train(Path csv, int epochs, int patience) {
    return train(csv, epochs, patience, false, ProgressListener.NONE);
  }

  private static TrainingSummary train(Path csv, int epochs, int patience, boolean resident,
      ProgressListener listener) {
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.LBFGS, 1, 1, ScheduleKind.CONSTANT, 100, 3, 0, 0.3,
        patience);
    return TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(epochs).tol(0).partitions(2)
        .optimization(o).residentTasks(resident).build(), listener);
  }

  private static Path wideData(Path tmp) throws Exception {
    double[] w = new double[40];
    w[0] = 2;
    return Dataset.correlated(80, w, 1, 0.0, 1.0, 4).writeCsv(tmp.resolve("wide.csv"));
  }

  @Test
  void stopsWhenValidationStopsImprovingAndKeepsTheBestParameters(@TempDir Path tmp) throws Exception {
    Path csv = wideData(tmp);
    TrainingSummary stopped = train(csv, 500, 5);
    assertEquals(StopReason.EARLY_STOPPED, stopped.stopReason());
    assertTrue(stopped.validationRows() > 10 && stopped.validationRows() < 40, "rows " + stopped.validationRows());
    int last = stopped.history().get(stopped.history().size() - 1).epoch();
    EpochRecord kept = stopped.finalRecord();
    assertEquals(last - 5, kept.epoch(), "5 evaluations without improvement after the best");
    double best = Double.POSITIVE_INFINITY;
    for (EpochRecord r : stopped.history()) {
      best = Math.min(best, r.validationLoss());
    }
    assertEquals(best, kept.validationLoss(), 0.0);
    assertTrue(stopped.history().get(stopped.history().size() - 1).validationLoss() > best);

    TrainingSummary upToBest = train(csv, kept.epoch(), 0);
    assertEquals(StopReason.MAX_EPOCHS, upToBest.stopReason());
    assertArrayEquals(upToBest.model().coefficients(), stopped.model().coefficients(), 0.0);
    assertEquals(upToBest.model().intercept(), stopped.model().intercept(), 0.0);
  }

  /**
   * Whatever stops the run, the summary names the evaluation with the lowest validation loss, the first of equals, as
   * found here in the history: after an --epochs end, and after a run resumed from a checkpoint taken after that best
   * (the trainer finds it in the history the checkpoint restores).
   */
  @Test
  void theSummaryNamesTheBestValidationEvaluationWhateverStoppedTheRun(@TempDir Path tmp) throws Exception {
    Path csv = wideData(tmp);
    int bestEpoch = train(csv, 500, 5).finalRecord().epoch();
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.LBFGS, 1, 1, ScheduleKind.CONSTANT, 100, 3, 0, 0.3, 0);
    String dir = tmp.resolve("ck").toString();
    TrainingSummary first = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(bestEpoch + 2).tol(0)
        .partitions(2).optimization(o).checkpoints(dir, 100, false).build(), ProgressListener.NONE);
    TrainingSummary resumed = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(bestEpoch + 6).tol(0)
        .partitions(2).optimization(o).checkpoints(dir, 100, true).build(), ProgressListener.NONE);
    TrainingSummary straight = train(csv, bestEpoch + 6, 0);
    for (TrainingSummary s : List.of(first, resumed, straight)) {
      assertEquals(StopReason.MAX_EPOCHS, s.stopReason());
      EpochRecord lowest = null;
      for (EpochRecord r : s.history()) {
        if (lowest == null || r.validationLoss() < lowest.validationLoss()) {
          lowest = r;
        }
      }
      assertEquals(bestEpoch, lowest.epoch(), "the best is before the end, else this shows nothing");
      assertEquals(lowest, s.bestValidation(), "after " + s.epochs() + " epochs");
    }
    assertEquals(bestEpoch + 6, resumed.history().size(), "the resumed run's history includes the checkpoint's");
  }

  /**
   * Nesterov returns its iterate, whose pass replaces the last record (the extrapolated point's): the best the summary
   * names is then the history's as written, not the replaced record (which would name a loss history.csv does not
   * hold, and at the last epoch hide the line naming an earlier, better one).
   */
  @Test
  void withNesterovTheBestIsOneOfTheHistorysRecords(@TempDir Path tmp) throws Exception {
    Path csv = wideData(tmp);
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.NESTEROV, 1, 1, ScheduleKind.CONSTANT, 100, 3, 0, 0.3,
        0);
    for (int epochs : new int[] {5, 43, 44}) {
      TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(epochs).tol(0)
          .partitions(2).optimization(o).build(), ProgressListener.NONE);
      EpochRecord lowest = null;
      for (EpochRecord r : s.history()) {
        if (lowest == null || r.validationLoss() < lowest.validationLoss()) {
          lowest = r;
        }
      }
      assertEquals(lowest, s.bestValidation(), "after " + epochs + " epochs");
    }
  }

  @Test
  void residentTasksScoreTheValidationRowsToTheSameBits(@TempDir Path tmp) throws Exception {
    Path csv = wideData(tmp);
    ResidentTasksSaid said = new ResidentTasksSaid();
    TrainingSummary byJobs = train(csv, 500, 5);
    TrainingSummary resident = train(csv, 500, 5, true, said);
    assertEquals(List.of("2 tasks hold 2 partitions and 2 validation ones"), said.lines, "two training and two validation partitions");
    assertEquals(StopReason.EARLY_STOPPED, resident.stopReason());
    assertEquals(byJobs.history().size(), resident.history().size());
    for (int i = 0; i < byJobs.history().size(); i++) {
      assertEquals(byJobs.history().get(i).validationLoss(), resident.history().get(i).validationLoss(), 0.0,
          "validation loss at evaluation " + i);
    }
    assertArrayEquals(byJobs.model().coefficients(), resident.model().coefficients(), 0.0);
    assertEquals(byJobs.model().intercept(), resident.model().intercept(), 0.0);
  }

  /**
   * With {@code --loss huber} early stopping watches the validation Huber loss, the objective's own, not the MSE
   * (it watched the MSE, the first metric then). Labels with outliers make the two disagree on the best epoch.
   */
  @Test
  void withTheHuberLossItWatchesTheValidationHuberLoss(@TempDir Path tmp) throws Exception {
    double[] w = new double[40];
    w[0] = 2;
    Dataset d = Dataset.correlated(80, w, 1, 0.0, 1.0, 4);
    double[] y = d.y().clone();
    for (int i = 0; i < y.length; i += 7) {
      y[i] += 30;
    }
    Path csv = new Dataset(d.x(), y, d.featureNames()).writeCsv(tmp.resolve("outliers.csv"));
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.LBFGS, 1, 1, ScheduleKind.CONSTANT, 100, 3, 0, 0.3, 5);
    TrainingSummary stopped = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).epochs(500).tol(0)
        .partitions(2).huber(1.0).optimization(o).build(), ProgressListener.NONE);
    assertEquals(StopReason.EARLY_STOPPED, stopped.stopReason());
    EpochRecord kept = stopped.finalRecord();
    int last = stopped.history().get(stopped.history().size() - 1).epoch();
    assertEquals(last - 5, kept.epoch(), "5 evaluations without improvement after the best");
    EpochRecord bestHuber = kept;
    EpochRecord bestMse = kept;
    for (EpochRecord r : stopped.history()) {
      bestHuber = r.validation().get("huber") < bestHuber.validation().get("huber") ? r : bestHuber;
      bestMse = r.validation().get("mse") < bestMse.validation().get("mse") ? r : bestMse;
    }
    assertEquals(kept.epoch(), bestHuber.epoch(), "the kept epoch has the lowest validation Huber loss");
    assertNotEquals(kept.epoch(), bestMse.epoch(), "the MSE would have kept another epoch: else this shows nothing");
  }
}
