package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparkdgd.block.ColumnStatistics;
import sparkdgd.config.InputFormat;
import sparkdgd.data.DataLoader;
import sparkdgd.data.InputFiles;
import sparkdgd.data.LoadedData;
import sparkdgd.loss.DistributedLoss;
import sparkdgd.loss.FeatureScaling;
import sparkdgd.optim.AveragedIterates;
import sparkdgd.optim.GradientDescent;
import sparkdgd.optim.Lbfgs;
import sparkdgd.optim.Objective;
import sparkdgd.optim.Regularization;
import sparkdgd.optim.StepSchedule;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/**
 * {@code --average-from E}: the steps are gradient descent's, unchanged, and the run returns the mean of the iterates
 * after epochs E to the last, checked against the mean of a plain run's iterates taken by hand; with mini-batches that
 * mean lies nearer the minimum (L-BFGS's, to a gradient norm of 1e-10) than the last iterate; a resume in the middle
 * of the averaging ends bit-identical to an uninterrupted run.
 */
@Tag("spark")
class AveragedIteratesTest {
  private static final Path DATA = Path.of("sample-data/tutorial.csv");
  private static final int EPOCHS = 300;
  private static final int FROM = 100;

  @Test
  void theRunReturnsTheMeanOfTheIteratesAfterEpochEAndItLiesNearerTheMinimum() throws Exception {
    DistributedLoss loss = loss();
    Objective objective = new Objective(loss, Regularization.none(loss.dims()));
    double rate = 0.05;
    Trainer.Settings batches = new Trainer.Settings(EPOCHS, 0, 0, 10, 0.1, 1, 7L, 0, 1);
    List<TrainingState> states = new ArrayList<>();
    Trainer.Result plain = new Trainer(batches, gd(rate), rate, false, ProgressListener.NONE)
        .run(objective, null, null, states::add);
    double[] byHand = new double[loss.dims() + 1];
    for (TrainingState s : states.subList(FROM - 1, EPOCHS)) { // the iterates after epochs FROM..EPOCHS
      double[] theta = s.theta();
      for (int i = 0; i < theta.length; i++) {
        byHand[i] += theta[i] / (EPOCHS - FROM + 1);
      }
    }
    Trainer.Result averaged = new Trainer(batches, new AveragedIterates(gd(rate), FROM), rate, false,
        ProgressListener.NONE).run(objective, null, null, Checkpointer.NONE);
    assertArrayEquals(byHand, averaged.theta(), 1e-12 * max(byHand));
    for (int i = 0; i < plain.history().size() - 1; i++) { // the iterates' evaluations, all but the last record
      assertEquals(plain.history().get(i).objective(), averaged.history().get(i).objective(), 0.0, "record " + i);
    }
    assertEquals(EPOCHS - FROM + 1, averaged.averagedIterates());
    // the warnings about how the iterates moved read the iterates' own last record, not the mean's
    assertEquals(withoutSeconds(plain.history()), withoutSeconds(averaged.iterateHistory()));

    Trainer.Result optimum = new Trainer(new Trainer.Settings(500, 0, 1e-10, 1, 1.0, 1, 0L, 0, 1),
        new Lbfgs(rate), rate, false, ProgressListener.NONE).run(objective, null, null, Checkpointer.NONE);
    double best = optimum.last().objective();
    double lastIterate = plain.last().objective() - best;
    double mean = averaged.last().objective() - best;
    assertEquals(objective.at(averaged.theta(), sparkdgd.block.RowSampler.ALL, "check").objective(),
        averaged.last().objective(), 0.0, "the last record measures the mean");
    assertTrue(mean > 0 && mean < lastIterate / 5, "above the minimum: the mean " + mean + ", the last iterate "
        + lastIterate + " (relative " + mean / best + " and " + lastIterate / best + ")");
  }

  @Test
  void aResumeInTheMiddleOfTheAveragingEndsBitIdentical() throws Exception {
    DistributedLoss loss = loss();
    Objective objective = new Objective(loss, Regularization.none(loss.dims()));
    double rate = 0.05;
    Trainer.Settings batches = new Trainer.Settings(150, 0, 0, 10, 0.1, 1, 7L, 0, 1);
    List<TrainingState> states = new ArrayList<>();
    Trainer.Result whole = new Trainer(batches, new AveragedIterates(gd(rate), 50), rate, false,
        ProgressListener.NONE).run(objective, null, null, states::add);
    Trainer.Result resumed = new Trainer(batches, new AveragedIterates(gd(rate), 50), rate, false,
        ProgressListener.NONE).run(objective, null, states.get(99), Checkpointer.NONE); // after epoch 100
    assertArrayEquals(whole.theta(), resumed.theta(), 0.0);
    // a plain run's state has no mean: refused, not read as one
    TrainingState plainState = new TrainingState(100, states.get(99).theta(), rate, states.get(99).previousMse(), 0,
        states.get(99).history(), 100, new double[0], new double[0], Double.NaN, 0, 0, null);
    assertThrows(IllegalArgumentException.class, () -> new Trainer(batches, new AveragedIterates(gd(rate), 50), rate,
        false, ProgressListener.NONE).run(objective, null, plainState, Checkpointer.NONE));
  }

  /** The records' objectives, gradient norms and epochs: what two runs' clocks leave alike. */
  private static List<List<Double>> withoutSeconds(List<EpochRecord> history) {
    return history.stream().map(r -> List.of((double) r.epoch(), r.objective(), r.gradientNorm())).toList();
  }

  private static GradientDescent gd(double rate) {
    return new GradientDescent(StepSchedule.constant(rate), Regularization.none(1));
  }

  private static double max(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static DistributedLoss loss() throws Exception {
    SparkSession spark = SparkTestSession.get();
    List<FileStatus> files = InputFiles.list(spark.sparkContext().hadoopConfiguration(), DATA.toString());
    LoadedData data = DataLoader.load(spark, Configs.data(DATA).partitions(2).build(), InputFormat.CSV, files);
    ColumnStatistics stats = ColumnStatistics.withDeviations(data.blocks(),
        ColumnStatistics.meansOnly(data.blocks(), data.dims()));
    return new DistributedLoss(JavaSparkContext.fromSparkContext(spark.sparkContext()), data.blocks(),
        FeatureScaling.standardize(stats.featureMeans(), stats.featureStd()), stats.rows());
  }
}
