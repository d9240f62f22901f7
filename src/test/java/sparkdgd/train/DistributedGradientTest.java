package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
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
import sparkdgd.loss.LossEvaluation;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

@Tag("spark")
class DistributedGradientTest {

  @Test
  void gradientOfTheDistributedPassMatchesFiniteDifferences(@TempDir Path tmp) throws Exception {
    SparkSession spark = SparkTestSession.get();
    Dataset d = Dataset.correlated(700, new double[] {1, -2, 0.5, 3, -1}, 2.0, 0.6, 1.0, 17);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    List<FileStatus> files = InputFiles.list(spark.sparkContext().hadoopConfiguration(), csv.toString());
    LoadedData data = DataLoader.load(spark, Configs.data(csv).partitions(3).blockRows(50).build(),
        InputFormat.CSV, files);
    assertEquals(3, data.blocks().getNumPartitions());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());

    ColumnStatistics stats = ColumnStatistics.withDeviations(data.blocks(),
        ColumnStatistics.meansOnly(data.blocks(), d.dims()));
    assertEquals(d.rows(), stats.rows());
    for (int j = 0; j < d.dims(); j++) {
      double mean = 0;
      for (double[] row : d.x()) {
        mean += row[j] / d.rows();
      }
      double var = 0;
      for (double[] row : d.x()) {
        var += (row[j] - mean) * (row[j] - mean) / d.rows();
      }
      assertEquals(mean, stats.featureMeans()[j], 1e-12 * (1 + Math.abs(mean)), "mean " + j);
      assertEquals(Math.sqrt(var), stats.featureStd()[j], 1e-12 * Math.sqrt(var), "std " + j);
    }

    Random rnd = new Random(2);
    for (FeatureScaling scaling : List.of(FeatureScaling.identity(d.dims()),
        FeatureScaling.standardize(stats.featureMeans(), stats.featureStd()))) {
      DistributedLoss loss = new DistributedLoss(jsc, data.blocks(), scaling, stats.rows());
      double[] theta = new double[d.dims() + 1];
      for (int k = 0; k < theta.length; k++) {
        theta[k] = rnd.nextGaussian();
      }
      LossEvaluation eval = loss.evaluate(theta, "test");
      // the MSE of the pass equals a plain loop over the original rows
      double plain = d.mse(scaling.toRaw(theta));
      assertEquals(plain, eval.loss(), 1e-12 * plain);
      // central differences of the distributed MSE; exact for a quadratic up to rounding (~eps*mse/h)
      double h = 1e-4;
      for (int k = 0; k < theta.length; k++) {
        double[] up = theta.clone();
        double[] down = theta.clone();
        up[k] += h;
        down[k] -= h;
        double numeric = (loss.evaluate(up, "test").loss() - loss.evaluate(down, "test").loss()) / (2 * h);
        assertEquals(numeric, eval.gradient()[k], 1e-6 * Math.max(1, Math.abs(numeric)), "parameter " + k);
      }
    }
    data.blocks().unpersist();
  }
}
