package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.config.UsageError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/** A run stopped after a checkpoint and resumed ends bit-identical to one that never stopped. */
@Tag("spark")
class ResumeTest {
  private static final Path DATA = Path.of("sample-data/correlated.csv");

  @Test
  void resumedRunIsBitIdenticalToAnUninterruptedOne(@TempDir Path tmp) {
    TrainingSummary whole = TrainingJob.run(SparkTestSession.get(),
        Configs.data(DATA).epochs(40).tol(0).partitions(3).build(), ProgressListener.NONE);

    String dir = tmp.resolve("ckpt").toString();
    // crashes in epoch 28: the newest checkpoint is the one after epoch 25
    assertThrows(Crash.class, () -> TrainingJob.run(SparkTestSession.get(),
        Configs.data(DATA).epochs(40).tol(0).partitions(3).checkpoints(dir, 5, false).build(), crashingAt(28)));
    List<Integer> resumedAt = new ArrayList<>();
    List<Integer> epochsRun = new ArrayList<>();
    ProgressListener recorder = new ProgressListener() {
      @Override
      public void resumed(int epoch, double mse) {
        resumedAt.add(epoch);
      }

      @Override
      public void epoch(EpochRecord record) {
        epochsRun.add(record.epoch());
      }
    };
    TrainingSummary resumed = TrainingJob.run(SparkTestSession.get(),
        Configs.data(DATA).epochs(40).tol(0).partitions(3).checkpoints(dir, 5, true).build(), recorder);
    assertEquals(List.of(25), resumedAt, "resumed from the checkpoint after epoch 25");
    assertEquals(26, epochsRun.get(0));
    assertEquals(15, epochsRun.size());

    assertArrayEquals(whole.model().coefficients(), resumed.model().coefficients(), 0.0);
    assertEquals(whole.model().intercept(), resumed.model().intercept(), 0.0);
    assertEquals(40, resumed.history().size());
    for (int e = 0; e < 40; e++) {
      assertEquals(whole.history().get(e).mse(), resumed.history().get(e).mse(), 0.0, "epoch " + (e + 1));
    }
    assertEquals(whole.learningRate(), resumed.learningRate(), 0.0);
  }

  /**
   * Full batches without a validation split draw nothing from --seed: a resume with another seed goes on, with a
   * note, and ends bit-identical to an uninterrupted run; with a validation split, which the seed draws, it is refused.
   */
  @Test
  void aSeedThatDrawsNothingDoesNotStopAResume(@TempDir Path tmp) {
    OptimizerSettings seed42 = new OptimizerSettings(OptimizerKind.NESTEROV, 1, 1, ScheduleKind.CONSTANT, 100, 42, 0, 0,
        0);
    OptimizerSettings seed7 = new OptimizerSettings(OptimizerKind.NESTEROV, 1, 1, ScheduleKind.CONSTANT, 100, 7, 0, 0,
        0);
    TrainingSummary whole = TrainingJob.run(SparkTestSession.get(),
        Configs.data(DATA).epochs(20).tol(0).partitions(3).optimization(seed42).build(), ProgressListener.NONE);
    String dir = tmp.resolve("ckpt").toString();
    TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(10).tol(0).partitions(3).optimization(seed42)
        .checkpoints(dir, 5, false).build(), ProgressListener.NONE);
    List<String> warnings = new ArrayList<>();
    List<Integer> resumedAt = new ArrayList<>();
    ProgressListener recorder = new ProgressListener() {
      @Override
      public void resumed(int epoch, double mse) {
        resumedAt.add(epoch);
      }

      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    TrainingSummary resumed = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(20).tol(0)
        .partitions(3).optimization(seed7).checkpoints(dir, 5, true).build(), recorder);
    assertEquals(List.of(10), resumedAt);
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains(", taken with another seed (--seed: checkpoint 42, now 7), which this run "
        + "draws nothing from"), warnings.get(0));
    assertArrayEquals(whole.model().coefficients(), resumed.model().coefficients(), 0.0);
    assertEquals(whole.model().intercept(), resumed.model().intercept(), 0.0);

    OptimizerSettings split42 = new OptimizerSettings(OptimizerKind.NESTEROV, 1, 1, ScheduleKind.CONSTANT, 100, 42, 0,
        0.2, 0);
    OptimizerSettings split7 = new OptimizerSettings(OptimizerKind.NESTEROV, 1, 1, ScheduleKind.CONSTANT, 100, 7, 0,
        0.2, 0);
    String splitDir = tmp.resolve("split").toString();
    TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(10).tol(0).partitions(3).optimization(split42)
        .checkpoints(splitDir, 5, false).build(), ProgressListener.NONE);
    UsageError e = assertThrows(UsageError.class, () -> TrainingJob.run(SparkTestSession.get(), Configs.data(DATA)
        .epochs(20).tol(0).partitions(3).optimization(split7).checkpoints(splitDir, 5, true).build(),
        ProgressListener.NONE));
    assertTrue(e.getMessage().contains("(--seed: checkpoint 42, now 7)"), e.getMessage());
  }

  @Test
  void nesterovWithMiniBatchesAndValidationResumesBitIdentically(@TempDir Path tmp) {
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.NESTEROV, 0.5, 1, ScheduleKind.CONSTANT, 100, 9, 0, 0.2,
        0);
    TrainingSummary whole = TrainingJob.run(SparkTestSession.get(),
        Configs.data(DATA).epochs(40).tol(0).partitions(3).logEvery(5).optimization(o).build(), ProgressListener.NONE);
    String dir = tmp.resolve("ckpt").toString();
    // the momentum, the sampler's iteration and the validation history must all come back; crashes at the evaluation
    // of epoch 30, after the checkpoint of epoch 25
    assertThrows(Crash.class, () -> TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(40).tol(0)
        .partitions(3).logEvery(5).optimization(o).checkpoints(dir, 5, false).build(), crashingAt(30)));
    TrainingSummary resumed = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(40).tol(0)
        .partitions(3).logEvery(5).optimization(o).checkpoints(dir, 5, true).build(), ProgressListener.NONE);
    assertArrayEquals(whole.model().coefficients(), resumed.model().coefficients(), 0.0);
    assertEquals(whole.model().intercept(), resumed.model().intercept(), 0.0);
    assertEquals(whole.passes(), resumed.passes(), 0.0);
    assertEquals(whole.finalRecord().validation(), resumed.finalRecord().validation());
  }

  /**
   * A run from zero in a directory that holds another run's checkpoints is refused before it reads any data: it
   * would overwrite them under the same names, and keeping the newest three would delete its own older ones.
   */
  @Test
  void aRunFromZeroRefusesADirectoryWithCheckpoints(@TempDir Path tmp) throws Exception {
    String dir = tmp.resolve("ckpt").toString();
    TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(20).tol(0).partitions(3)
        .checkpoints(dir, 5, false).build(), ProgressListener.NONE);
    List<String> before = checkpointNames(tmp.resolve("ckpt"));
    assertEquals(List.of("checkpoint-000010.ckpt", "checkpoint-000015.ckpt", "checkpoint-000020.ckpt"), before);
    UsageError e = assertThrows(UsageError.class, () -> TrainingJob.run(SparkTestSession.get(),
        Configs.data(DATA).epochs(12).tol(0).partitions(3).checkpoints(dir, 5, false).build(),
        ProgressListener.NONE));
    assertTrue(e.getMessage().contains("already holds 3 checkpoints (the newest checkpoint-000020.ckpt)")
        && e.getMessage().contains("--resume"), e.getMessage());
    assertEquals(before, checkpointNames(tmp.resolve("ckpt")), "the old run's checkpoints are left as they were");
  }

  /**
   * Mini-batch runs measure the full loss every --log-every epochs (10 here), and checkpoint every
   * --checkpoint-every (3) all the same: a run that dies at epoch 29 leaves epoch 27 to resume from (it left none
   * when only evaluated epochs were saved), and the resumed run ends where an uninterrupted one does.
   */
  @Test
  void miniBatchRunsCheckpointBetweenEvaluations(@TempDir Path tmp) throws Exception {
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.GD, 0.3, 1, ScheduleKind.INVERSE_SQRT, 100, 5, 0, 0,
        0);
    TrainingSummary whole = TrainingJob.run(SparkTestSession.get(),
        Configs.data(DATA).epochs(40).tol(0).partitions(3).optimization(o).build(), ProgressListener.NONE);
    String dir = tmp.resolve("ckpt").toString();
    // dies at the evaluation of epoch 30, after epoch 29's state (not due) reached the checkpoints
    assertThrows(Crash.class, () -> TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(40).tol(0)
        .partitions(3).optimization(o).checkpoints(dir, 3, false).build(), crashingAt(30)));
    assertEquals(List.of("checkpoint-000021.ckpt", "checkpoint-000024.ckpt", "checkpoint-000027.ckpt"),
        checkpointNames(tmp.resolve("ckpt")));
    TrainingSummary resumed = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(40).tol(0)
        .partitions(3).optimization(o).checkpoints(dir, 3, true).build(), ProgressListener.NONE);
    assertArrayEquals(whole.model().coefficients(), resumed.model().coefficients(), 0.0);
    assertEquals(whole.model().intercept(), resumed.model().intercept(), 0.0);
    assertEquals(whole.passes(), resumed.passes(), 0.0);
    assertEquals(whole.history().size(), resumed.history().size());
    for (int e = 0; e < whole.history().size(); e++) {
      assertEquals(whole.history().get(e).epoch(), resumed.history().get(e).epoch());
      assertEquals(whole.history().get(e).objective(), resumed.history().get(e).objective(), 0.0, "record " + e);
    }
  }

  /**
   * A mini-batch run that --epochs ends off its evaluation schedule (at 25, evaluating every 10) reports that last
   * evaluation but saves its state as of the one at 20: resumed to 30 it has the evaluations and the stopping figures
   * of a run that never stopped (the checkpoint held the extra evaluation at 25, and the resumed run's history had it).
   */
  @Test
  void anEvaluationOffTheScheduleAtTheLastEpochIsNotCarriedIntoAResumedRun(@TempDir Path tmp) throws Exception {
    OptimizerSettings o = new OptimizerSettings(OptimizerKind.GD, 0.3, 1, ScheduleKind.INVERSE_SQRT, 100, 5, 0, 0.3,
        100);
    TrainingSummary whole = TrainingJob.run(SparkTestSession.get(),
        Configs.data(DATA).epochs(30).tol(0).partitions(3).logEvery(10).optimization(o).build(), ProgressListener.NONE);
    String dir = tmp.resolve("ckpt").toString();
    TrainingSummary first = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(25).tol(0).partitions(3)
        .logEvery(10).optimization(o).checkpoints(dir, 1000, false).build(), ProgressListener.NONE);
    assertEquals(List.of(10, 20, 25), first.history().stream().map(EpochRecord::epoch).toList(), "reported");
    TrainingSummary resumed = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(30).tol(0)
        .partitions(3).logEvery(10).optimization(o).checkpoints(dir, 1000, true).build(), ProgressListener.NONE);
    assertEquals(List.of(10, 20, 30), resumed.history().stream().map(EpochRecord::epoch).toList());
    assertArrayEquals(whole.model().coefficients(), resumed.model().coefficients(), 0.0);
    for (int e = 0; e < whole.history().size(); e++) {
      assertEquals(whole.history().get(e).objective(), resumed.history().get(e).objective(), 0.0, "record " + e);
      assertEquals(whole.history().get(e).validationLoss(), resumed.history().get(e).validationLoss(), 0.0);
    }
  }

  /**
   * A run that --epochs ends (27, between checkpoints every 5) leaves a checkpoint of its last epoch: --resume with
   * more --epochs goes on from there (it redid epochs 26-27, or started from zero when no checkpoint was due yet), to
   * the bits of a run that never stopped. One that a stopping rule ends does not, and resumed it stops again.
   */
  @Test
  void aRunThatEpochsEndsLeavesItsLastEpochToResumeFrom(@TempDir Path tmp) throws Exception {
    TrainingSummary whole = TrainingJob.run(SparkTestSession.get(),
        Configs.data(DATA).epochs(40).tol(0).partitions(3).build(), ProgressListener.NONE);
    String dir = tmp.resolve("ckpt").toString();
    TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(27).tol(0).partitions(3)
        .checkpoints(dir, 5, false).build(), ProgressListener.NONE);
    assertEquals(List.of("checkpoint-000020.ckpt", "checkpoint-000025.ckpt", "checkpoint-000027.ckpt"),
        checkpointNames(tmp.resolve("ckpt")));
    List<Integer> resumedAt = new ArrayList<>();
    TrainingSummary resumed = TrainingJob.run(SparkTestSession.get(),
        Configs.data(DATA).epochs(40).tol(0).partitions(3).checkpoints(dir, 5, true).build(), new ProgressListener() {
          @Override
          public void resumed(int epoch, double mse) {
            resumedAt.add(epoch);
          }
        });
    assertEquals(List.of(27), resumedAt);
    assertArrayEquals(whole.model().coefficients(), resumed.model().coefficients(), 0.0);
    assertEquals(whole.model().intercept(), resumed.model().intercept(), 0.0);

    // a run a stopping rule ended is not saved at its last epoch: resumed, it stops where it did, with its parameters
    String converged = tmp.resolve("converged").toString();
    TrainingSummary stopped = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(5000).tol(1e-6)
        .partitions(3).checkpoints(converged, 5, false).build(), ProgressListener.NONE);
    assertEquals(StopReason.LOSS_CONVERGED, stopped.stopReason());
    assertTrue(stopped.epochs() % 5 != 0, "stopped between two scheduled checkpoints: " + stopped.epochs());
    List<String> names = checkpointNames(tmp.resolve("converged"));
    assertEquals(String.format("checkpoint-%06d.ckpt", stopped.epochs() / 5 * 5), names.get(names.size() - 1),
        "the newest is the last scheduled one");
    TrainingSummary again = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(5000).tol(1e-6)
        .partitions(3).checkpoints(converged, 5, true).build(), ProgressListener.NONE);
    assertEquals(StopReason.LOSS_CONVERGED, again.stopReason());
    assertEquals(stopped.epochs(), again.epochs());
    assertArrayEquals(stopped.model().coefficients(), again.model().coefficients(), 0.0);
  }

  /**
   * A stopping rule that fires on a scheduled checkpoint's epoch does not save that epoch either (its state would
   * hold the objective before the stop): resumed, the run stops where it did, with the same parameters, instead of
   * training past the stop.
   */
  @Test
  void aStopOnACheckpointsEpochIsNotSaved(@TempDir Path tmp) throws Exception {
    TrainingSummary free = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(5000).tol(1e-6)
        .partitions(3).build(), ProgressListener.NONE);
    assertEquals(StopReason.LOSS_CONVERGED, free.stopReason());
    int every = free.epochs(); // the checkpoints fall on the stop's epoch
    String dir = tmp.resolve("ckpt").toString();
    TrainingSummary stopped = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(5000).tol(1e-6)
        .partitions(3).checkpoints(dir, every, false).build(), ProgressListener.NONE);
    assertEquals(free.epochs(), stopped.epochs());
    // nothing before the stop was due, and the stop is not saved: the directory the run created holds no checkpoint,
    // and is removed again as the run ends
    assertFalse(java.nio.file.Files.exists(tmp.resolve("ckpt")), "no checkpoint saved, the directory removed");
    TrainingSummary again = TrainingJob.run(SparkTestSession.get(), Configs.data(DATA).epochs(5000).tol(1e-6)
        .partitions(3).checkpoints(dir, every, true).build(), ProgressListener.NONE);
    assertEquals(StopReason.LOSS_CONVERGED, again.stopReason());
    assertEquals(free.epochs(), again.epochs());
    assertArrayEquals(free.model().coefficients(), again.model().coefficients(), 0.0);
    assertEquals(free.model().intercept(), again.model().intercept(), 0.0);
  }

  /** What a crash in a run looks like to it: an exception out of the training. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** A listener that crashes the run when it is told of {@code epoch}, before that epoch reaches the checkpoints. */
  static ProgressListener crashingAt(int epoch) {
    return new ProgressListener() {
      @Override
      public void epoch(EpochRecord record) {
        if (record.epoch() == epoch) {
          throw new Crash();
        }
      }
    };
  }

  private static List<String> checkpointNames(Path dir) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ckpt")).sorted().toList();
    }
  }
}
