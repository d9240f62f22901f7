package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import sparkdgd.optim.Evaluation;
import sparkdgd.optim.Lbfgs;
import sparkdgd.optim.ObjectiveFunction;
import sparkdgd.optim.Optimizer;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

/**
 * A training state copies the optimizer's memory (L-BFGS: 20 vectors as wide as the model) and the parameters: the
 * trainer makes one each epoch only when checkpoints are kept. A user review ran a 1e6-feature L-BFGS fit out of a
 * 1 GB driver's memory in {@code Lbfgs.state()} with no --checkpoint-dir. Both runs reach the same parameters.
 */
@Tag("spark")
class StatesOnlyForCheckpointsTest {

  /** L-BFGS, counting the copies of its memory. */
  private static final class CountedLbfgs implements Optimizer {
    private final Lbfgs lbfgs = new Lbfgs(0.1);
    int copies;

    @Override
    public Evaluation step(int iteration, double[] point, Evaluation atPoint, ObjectiveFunction f) {
      return lbfgs.step(iteration, point, atPoint, f);
    }

    @Override
    public double[] state() {
      copies++;
      return lbfgs.state();
    }

    @Override
    public void restore(double[] state) {
      lbfgs.restore(state);
    }

    @Override
    public double[] iterate(double[] point) {
      return lbfgs.iterate(point);
    }

    @Override
    public boolean stalled() {
      return lbfgs.stalled();
    }

    @Override
    public double expectedDecrease(Evaluation at) {
      return lbfgs.expectedDecrease(at);
    }
  }

  @Test
  void noStateIsMadeWithoutCheckpoints(@TempDir Path tmp) throws Exception {
    SparkSession spark = SparkTestSession.get();
    Dataset d = Dataset.correlated(500, new double[] {1, -2, 0.5}, 2.0, 0.6, 1.0, 3);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    List<FileStatus> files = InputFiles.list(spark.sparkContext().hadoopConfiguration(), csv.toString());
    LoadedData data = DataLoader.load(spark, Configs.data(csv).partitions(2).build(), InputFormat.CSV, files);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long rows = ColumnStatistics.meansOnly(data.blocks(), d.dims()).rows();
    DistributedLoss loss = new DistributedLoss(jsc, data.blocks(), FeatureScaling.identity(d.dims()), rows);

    CountedLbfgs plain = new CountedLbfgs();
    Trainer.Result without = new Trainer(Trainer.Settings.fullBatch(6, 0), plain, 0.1, false, ProgressListener.NONE)
        .run(loss, null, Checkpointer.NONE);
    assertEquals(0, plain.copies, "no --checkpoint-dir: no state made");

    CountedLbfgs saved = new CountedLbfgs();
    List<TrainingState> states = new ArrayList<>();
    Trainer.Result with = new Trainer(Trainer.Settings.fullBatch(6, 0), saved, 0.1, false, ProgressListener.NONE)
        .run(loss, null, states::add);
    assertEquals(6, states.size(), "a state for each epoch");
    assertEquals(6, saved.copies);
    assertEquals(6, states.get(5).epoch());
    assertArrayEquals(with.theta(), without.theta(), 0.0);
    data.blocks().unpersist();
  }
}
