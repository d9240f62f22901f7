package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.optimization.GradientDescent;
import org.apache.spark.mllib.optimization.LeastSquaresGradient;
import org.apache.spark.mllib.optimization.SimpleUpdater;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;
import sparkdgd.output.LinearModel;
import sparkdgd.score.SavedModel;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

/**
 * README's mapping for MLlib users: {@code GradientDescent.runMiniBatchSGD} with {@code SimpleUpdater} and stepSize
 * s, from zero, the intercept as a constant feature, takes the steps of {@code train --optimizer gd --learning-rate
 * s/2 --learning-rate-schedule inverse-sqrt --standardize false}: MLlib averages the gradient of half the squared
 * error, the MSE's is twice it, and both divide step i by the square root of i.
 */
@Tag("spark")
class MllibStepSizeMappingTest {
  private static final int ITERATIONS = 25;

  @Test
  void mllibsSimpleUpdaterIsHalfItsStepSizeOnTheInverseSquareRootSchedule(@TempDir Path tmp) throws Exception {
    Random rnd = new Random(11);
    int n = 2000;
    double[][] x = new double[n][3];
    double[] y = new double[n];
    List<Tuple2<Object, Vector>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = rnd.nextDouble() * (j + 1);
      }
      y[i] = 1.5 + 2 * x[i][0] - x[i][1] + 0.5 * x[i][2] + 0.1 * rnd.nextGaussian();
      rows.add(new Tuple2<>(y[i], Vectors.dense(x[i][0], x[i][1], x[i][2], 1.0)));
    }
    Path csv = new Dataset(x, y, List.of("a", "b", "c")).writeCsv(tmp.resolve("d.csv"));
    double s = 0.1;
    double[] mllib = GradientDescent.runMiniBatchSGD(
        JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext()).parallelize(rows, 3).rdd(),
        new LeastSquaresGradient(), new SimpleUpdater(), s, ITERATIONS, 0.0, 1.0, Vectors.zeros(4), 0.0)._1().toArray();

    String out = tmp.resolve("out").toString();
    CliRun run = CliRun.of("--data", csv.toString(), "--optimizer", "gd", "--learning-rate", Double.toString(s / 2),
        "--learning-rate-schedule", "inverse-sqrt", "--standardize", "false", "--tol", "0", "--epochs",
        Integer.toString(ITERATIONS), "--output", out, "--no-plots", "--no-spark-model", "--quiet");
    assertEquals(0, run.code(), run.err());
    LinearModel ours = SavedModel.read(new Configuration(), out);

    double[] expected = {mllib[0], mllib[1], mllib[2], mllib[3]};
    double[] actual = {ours.coefficients()[0], ours.coefficients()[1], ours.coefficients()[2], ours.intercept()};
    double scale = 0;
    double diff = 0;
    for (int j = 0; j < 4; j++) {
      scale = Math.max(scale, Math.abs(expected[j]));
      diff = Math.max(diff, Math.abs(actual[j] - expected[j]));
    }
    assertTrue(diff <= 1e-12 * scale, "ours " + java.util.Arrays.toString(actual) + " against MLlib's "
        + java.util.Arrays.toString(expected) + ": relative difference " + diff / scale);
    // not yet at the least-squares answer, so the steps themselves were compared, not where both end
    assertTrue(Math.abs(expected[3] - 1.5) > 0.05, "MLlib's intercept after " + ITERATIONS + " steps: " + expected[3]);
  }
}
