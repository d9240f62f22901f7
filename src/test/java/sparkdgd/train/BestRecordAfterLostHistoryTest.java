package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.block.ColumnStatistics;
import sparkdgd.config.InputFormat;
import sparkdgd.data.DataLoader;
import sparkdgd.data.InputFiles;
import sparkdgd.data.LoadedData;
import sparkdgd.loss.DistributedLoss;
import sparkdgd.loss.FeatureScaling;
import sparkdgd.optim.GradientDescent;
import sparkdgd.optim.Nesterov;
import sparkdgd.optim.Objective;
import sparkdgd.optim.Regularization;
import sparkdgd.optim.StepSchedule;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

/**
 * A checkpoint resumed without its history files (lost or damaged, and named by every kept checkpoint) goes on with
 * only its own records. When --patience then stops the run, the record it reports for the kept parameters is the best
 * evaluation's own, saved in the checkpoint, not the lowest of the records that survived (before, it named a later,
 * worse evaluation for the best one's parameters).
 */
@Tag("spark")
class BestRecordAfterLostHistoryTest {
  private static final double RATE = 0.05;

  @Test
  void aRunResumedWithoutTheHistoryBeforeItReportsTheBestsOwnRecord(@TempDir Path tmp) throws Exception {
    // trained towards y = 2x, validated on y = x: the validation loss falls until the slope passes 1, then rises
    DistributedLoss training = loss(tmp, "training", 2.0);
    DistributedLoss validation = loss(tmp, "validation", 1.0);
    Objective objective = new Objective(training, Regularization.none(training.dims()));
    Trainer.Settings patience3 = new Trainer.Settings(500, 0, 0, 1, 1.0, 1, 0L, 3, 1);
    List<TrainingState> states = new ArrayList<>();
    Trainer.Result whole = trainer(patience3).run(objective, validation, null, states::add);
    assertEquals(StopReason.EARLY_STOPPED, whole.stopReason());
    EpochRecord lowest = whole.history().get(0);
    for (EpochRecord r : whole.history()) {
      lowest = r.validationLoss() < lowest.validationLoss() ? r : lowest;
    }
    assertEquals(lowest, whole.last(), "the kept parameters' record");
    assertTrue(lowest.epoch() > 2, "the best is not among the first records: " + lowest.epoch());

    // the checkpoint after the best's next epoch, resumed without the history files: the records after the best
    TrainingState saved = states.get(lowest.epoch());
    assertEquals(lowest.epoch() + 1, saved.epoch());
    List<EpochRecord> own = saved.history().subList(lowest.epoch(), saved.history().size());
    TrainingState lostHistory = new TrainingState(saved.epoch(), saved.theta(), saved.learningRate(),
        saved.previousMse(), saved.growingEpochs(), own, saved.passes(), saved.optimizerState(), saved.best(),
        saved.bestValidation(), saved.sinceBest(), saved.withinTol(), saved.bestRecord());
    Trainer.Result resumed = trainer(patience3).run(objective, validation, lostHistory, Checkpointer.NONE);
    assertEquals(StopReason.EARLY_STOPPED, resumed.stopReason());
    assertEquals(whole.history().get(whole.history().size() - 1).epoch(),
        resumed.history().get(resumed.history().size() - 1).epoch(), "stopped at the same epoch");
    assertArrayEquals(whole.theta(), resumed.theta(), 0.0);
    assertEquals(lowest, resumed.last(), "the best's own record, though the resumed history does not hold it");
    assertEquals(lowest, resumed.bestValidation());

    // Nesterov's last record is replaced by its iterate's at the end of a run --epochs ends: the best named is still
    // the lost one where it is lower than every record the resumed run holds
    Trainer.Settings epochs30 = new Trainer.Settings(30, 0, 0, 1, 1.0, 1, 0L, 0, 1);
    List<TrainingState> nesterovStates = new ArrayList<>();
    Trainer.Result uninterrupted = nesterov(epochs30).run(objective, validation, null, nesterovStates::add);
    EpochRecord best = uninterrupted.bestValidation();
    assertTrue(best.epoch() > 1 && best.epoch() < 29, "the best is inside the run: " + best.epoch());
    TrainingState after = nesterovStates.get(best.epoch());
    TrainingState withoutHistory = new TrainingState(after.epoch(), after.theta(), after.learningRate(),
        after.previousMse(), after.growingEpochs(), after.history().subList(best.epoch(), after.history().size()),
        after.passes(), after.optimizerState(), after.best(), after.bestValidation(), after.sinceBest(),
        after.withinTol(), after.bestRecord());
    Trainer.Result goneOn = nesterov(epochs30).run(objective, validation, withoutHistory, Checkpointer.NONE);
    assertEquals(StopReason.MAX_EPOCHS, goneOn.stopReason());
    assertArrayEquals(uninterrupted.theta(), goneOn.theta(), 0.0);
    assertEquals(best, goneOn.bestValidation());

    // resumed with its whole history at the --epochs it ended on (no epoch left to run), its last record the best
    // and replaced by the iterate's: the best named is the history's as it stands, as an uninterrupted run names it
    Trainer.Settings toTheBest = new Trainer.Settings(best.epoch(), 0, 0, 1, 1.0, 1, 0L, 0, 1);
    Trainer.Result straight = nesterov(toTheBest).run(objective, validation, null, Checkpointer.NONE);
    TrainingState atBest = nesterovStates.get(best.epoch() - 1);
    EpochRecord kept = atBest.bestRecord(); // as a checkpoint gives it back: the same values, another object
    TrainingState readBack = new TrainingState(atBest.epoch(), atBest.theta(), atBest.learningRate(),
        atBest.previousMse(), atBest.growingEpochs(), atBest.history(), atBest.passes(), atBest.optimizerState(),
        atBest.best(), atBest.bestValidation(), atBest.sinceBest(), atBest.withinTol(), new EpochRecord(kept.epoch(),
            kept.passes(), kept.objective(), kept.gradientNorm(), kept.seconds(), kept.train(), kept.validation()));
    Trainer.Result atItsEnd = nesterov(toTheBest).run(objective, validation, readBack, Checkpointer.NONE);
    assertEquals(straight.history().size(), atItsEnd.history().size());
    for (int i = 0; i < straight.history().size(); i++) { // all but the seconds, which the first run's clock measured
      assertEquals(straight.history().get(i).objective(), atItsEnd.history().get(i).objective(), 0.0, "record " + i);
      assertEquals(straight.history().get(i).validation(), atItsEnd.history().get(i).validation(), "record " + i);
    }
    assertEquals(straight.bestValidation().epoch(), atItsEnd.bestValidation().epoch());
    assertEquals(straight.bestValidation().validation(), atItsEnd.bestValidation().validation());
  }

  private static Trainer trainer(Trainer.Settings settings) {
    return new Trainer(settings, new GradientDescent(StepSchedule.constant(RATE), Regularization.none(1)), RATE,
        false, ProgressListener.NONE);
  }

  private static Trainer nesterov(Trainer.Settings settings) {
    return new Trainer(settings, new Nesterov(StepSchedule.constant(RATE), Regularization.none(1)), RATE, false,
        ProgressListener.NONE);
  }

  private static DistributedLoss loss(Path tmp, String name, double slope) throws Exception {
    SparkSession spark = SparkTestSession.get();
    Path csv = Dataset.correlated(400, new double[] {slope}, 0.0, 0.0, 0.1, 5).writeCsv(tmp.resolve(name + ".csv"));
    List<FileStatus> files = InputFiles.list(spark.sparkContext().hadoopConfiguration(), csv.toString());
    LoadedData data = DataLoader.load(spark, Configs.data(csv).partitions(2).build(), InputFormat.CSV, files);
    long rows = ColumnStatistics.meansOnly(data.blocks(), 1).rows();
    return new DistributedLoss(JavaSparkContext.fromSparkContext(spark.sparkContext()), data.blocks(),
        FeatureScaling.identity(1), rows);
  }
}
