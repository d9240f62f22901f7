package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/**
 * Runs whose step is too large must stop with the divergence error (exit 1), whatever their batches and stopping
 * rules. On the bundled correlated data (standardized, as by default) a step of 0.22 or 0.5 is
 * beyond 2/L. Mini-batch runs, which only counted growth with full batches, went on to exit 0 with an MSE of
 * 3.7e38; with {@code --patience}, early stopping kept an "best" epoch of a run going astray, also exit 0.
 */
@Tag("spark")
class DivergenceTest {
  private static final Path DATA = Path.of("sample-data", "correlated.csv");

  private static OptimizerSettings settings(double batchFraction, double validationFraction, int patience) {
    return new OptimizerSettings(OptimizerKind.GD, batchFraction, 1, ScheduleKind.CONSTANT, 100, 42L, 0, validationFraction,
        patience);
  }

  private static TrainingSummary train(double rate, int epochs, int logEvery, OptimizerSettings o) {
    return TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).learningRate(rate)
        .epochs(epochs).logEvery(logEvery).tol(0).partitions(2).optimization(o).build(), ProgressListener.NONE);
  }

  @Test
  void aDivergingMiniBatchRunStopsWithTheError() {
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> train(0.22, 300, 50, settings(0.1, 0, 0)));
    assertTrue(e.getMessage().startsWith("the objective grew from "), e.getMessage());
    assertTrue(e.getMessage().contains(", a millionfold, with learning rate 0.22; use a smaller --learning-rate"),
        e.getMessage());
  }

  @Test
  void earlyStoppingDoesNotKeepABestEpochOfADivergingRun() {
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> train(0.5, 500, 1, settings(1, 0.3, 3)));
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^the validation loss stopped improving while the "
        + "training objective grew at each of the last (\\d+) evaluations ").matcher(e.getMessage());
    // the count: at least --patience's 3 (the rule's own condition; 4 here, from a start at the labels' mean)
    assertTrue(m.find(), e.getMessage());
  }

  /** No false alarm: a mini-batch run with a sound step, measured every epoch, goes up and down near its floor. */
  @Test
  void aSoundMiniBatchRunNearItsNoiseFloorRunsToTheEnd() {
    TrainingSummary s = TrainingJob.run(SparkTestSession.get(), Configs.data(Path.of("sample-data", "tutorial.csv"))
        .epochs(400).logEvery(1).tol(0).partitions(2).optimization(settings(0.02, 0.3, 0)).build(),
        ProgressListener.NONE);
    assertEquals(StopReason.MAX_EPOCHS, s.stopReason());
    assertTrue(s.finalRecord().mse() < 0.02, "near the noise floor of 0.0106: " + s.finalRecord().mse());
  }
}
