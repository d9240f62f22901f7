package sparkdgd.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

@Tag("spark")
class LearningRateEstimatorTest {

  @Test
  void estimatesTheLargestHessianEigenvalueOfTheTutorialProblem() throws Exception {
    Path csv = Path.of("sample-data/tutorial.csv");
    Dataset d = Dataset.readCsv(csv);
    // Unscaled, the MSE Hessian is 2 [[E x^2, E x], [E x, 1]]; its largest eigenvalue in closed form:
    double ex = 0;
    double exx = 0;
    for (double[] row : d.x()) {
      ex += row[0] / d.rows();
      exx += row[0] * row[0] / d.rows();
    }
    double trace = exx + 1;
    double det = exx - ex * ex;
    double largest = 2 * (trace / 2 + Math.sqrt(trace * trace / 4 - det));

    SparkSession spark = SparkTestSession.get();
    LoadedData data = DataLoader.load(spark, Configs.data(csv).partitions(3).build(), InputFormat.CSV,
        InputFiles.list(spark.sparkContext().hadoopConfiguration(), csv.toString()));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long rows = ColumnStatistics.meansOnly(data.blocks(), 1).rows();
    java.util.List<Integer> told = new java.util.ArrayList<>();
    LearningRateEstimator.Estimate e = LearningRateEstimator.estimate(
        new DistributedLoss(jsc, data.blocks(), FeatureScaling.identity(1), rows), told::add);
    // the stop rule is a 1e-3 relative change; the Rayleigh quotient's error is far smaller by then
    assertEquals(largest, e.largestEigenvalue(), 1e-3 * largest);
    assertTrue(e.largestEigenvalue() <= largest * (1 + 1e-12), "a Rayleigh quotient never exceeds L");
    assertTrue(e.passes() < LearningRateEstimator.MAX_PASSES, "settled in " + e.passes() + " passes");
    assertTrue(e.settled() && e.lastChange() <= 1e-3, "its last change: " + e.lastChange());
    assertEquals(java.util.stream.IntStream.rangeClosed(1, e.passes()).boxed().toList(), told, "each pass told");
    data.blocks().unpersist();
  }
}
