package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.output.LinearModel;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

/**
 * A column of 1.0, 1.0 + 1 ulp and 1.0 + 2 ulp (a user's review: the default run diverged, and the step it advised
 * gave the column a coefficient of 1.9e13) is constant up to rounding: coefficient 0, and the rest the least-squares
 * line without it, computed here in closed form.
 */
@Tag("spark")
class NearConstantColumnTest {
  @Test
  void aColumnVaryingInItsLastBitsGetsZeroAndTheRestTheLeastSquaresLine(@TempDir Path tmp) throws Exception {
    Random rnd = new Random(4);
    int n = 2000;
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = rnd.nextGaussian();
      x[i][1] = 1.0 + rnd.nextInt(3) * Math.ulp(1.0);
      y[i] = 2 * x[i][0] + 1 + 0.1 * rnd.nextGaussian();
    }
    Path csv = new Dataset(x, y, List.of("a", "c")).writeCsv(tmp.resolve("d.csv"));
    LinearModel m = TrainingJob.run(SparkTestSession.get(), Configs.data(csv).partitions(3).build(),
        ProgressListener.NONE).model();
    double ma = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      ma += x[i][0] / n;
      my += y[i] / n;
    }
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i][0] - ma) * (y[i] - my);
      sxx += (x[i][0] - ma) * (x[i][0] - ma);
    }
    double slope = sxy / sxx;
    assertEquals(0.0, m.coefficients()[1], 0.0, "the column constant up to rounding");
    assertEquals(slope, m.coefficients()[0], 1e-9 * Math.abs(slope));
    assertEquals(my - slope * ma, m.intercept(), 1e-9);
  }
}
