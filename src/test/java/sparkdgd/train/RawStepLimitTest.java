package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

/**
 * A run with {@code --standardize false} and a rate given by hand that diverges is told which column rules the rate
 * out, or below which rate its columns converge; the figures are checked against mean squares computed here from the
 * rows, and the rates they name against training runs: just above the one column's limit diverges, just below the
 * trace's limit trains to the end. Columns a and b are large and nearly equal (so the Hessian's largest eigenvalue is
 * about twice either's mean square: rates between its limit and one column's diverge too), c is small.
 */
@Tag("spark")
class RawStepLimitTest {
  @TempDir
  static Path dir;
  private static Path data;
  private static double[] meanSquares;
  private static double largestB;

  @BeforeAll
  static void writeData() throws IOException {
    Random rnd = new Random(5);
    int n = 3000;
    double[][] x = new double[n][3];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double a = 100 * rnd.nextGaussian() + 40;
      x[i][0] = a;
      x[i][1] = 1.2 * a + rnd.nextGaussian();
      x[i][2] = rnd.nextGaussian();
      y[i] = 0.01 * x[i][0] + 0.02 * x[i][1] + 2 * x[i][2] + 1 + 0.1 * rnd.nextGaussian();
    }
    data = new Dataset(x, y, List.of("a", "b", "c")).writeCsv(dir.resolve("large.csv"));
    meanSquares = new double[3];
    for (double[] row : x) {
      for (int j = 0; j < 3; j++) {
        meanSquares[j] += row[j] * row[j] / n;
      }
      largestB = Math.max(largestB, Math.abs(row[1]));
    }
  }

  private static TrainingSummary train(double rate, boolean standardize) {
    return TrainingJob.run(SparkTestSession.get(), Configs.data(data).standardize(standardize).learningRate(rate)
        .epochs(60).tol(0).partitions(2).build(), ProgressListener.NONE);
  }

  private static double named(String message, String before) {
    Matcher m = Pattern.compile(Pattern.quote(before) + " ([-+.e0-9]+)").matcher(message);
    assertTrue(m.find(), message);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aRateAboveOneColumnsLimitNamesThatColumn() {
    double alone = 1 / meanSquares[1]; // 2 / (2 mean(b^2)): the squared loss's curvature along b
    String message = assertThrows(TrainingDivergedException.class, () -> train(1.05 * alone, false)).getMessage();
    assertTrue(message.contains("; with --standardize false the rate steps the raw weights, and column \"b\" alone"),
        message);
    assertEquals(largestB, named(message, "its values up to"), 1e-5 * largestB);
    assertEquals(meanSquares[1], named(message, "their mean square"), 1e-5 * meanSquares[1]);
    assertEquals(alone, named(message, "makes any rate above"), 1e-5 * alone);
  }

  @Test
  void belowItTheTracesLimitIsGivenAndTrainsToTheEnd() {
    double alone = 1 / meanSquares[1];
    String message = assertThrows(TrainingDivergedException.class, () -> train(0.8 * alone, false)).getMessage();
    double trace = 2 * (meanSquares[0] + meanSquares[1] + meanSquares[2] + 1);
    assertTrue(message.contains("with these columns (the largest mean square "), message);
    assertTrue(message.contains(", column \"b\") any rate below "), message);
    double safe = named(message, "any rate below");
    assertEquals(1 / trace, safe, 1e-5 / trace);
    TrainingSummary s = train(0.99 * safe, false);
    assertEquals(StopReason.MAX_EPOCHS, s.stopReason());
    assertTrue(Double.isFinite(s.finalRecord().mse()), "trains to the end");
  }

  /** Columns of small mean squares and a rate above 1: the intercept's column of ones is what rules it out. */
  @Test
  void aRateAboveTheInterceptsLimitNamesTheIntercept() throws IOException {
    Random rnd = new Random(8);
    double[][] x = new double[400][2];
    double[] y = new double[400];
    for (int i = 0; i < 400; i++) {
      x[i] = new double[] {0.1 * rnd.nextGaussian(), 0.1 * rnd.nextGaussian()};
      y[i] = 3 + x[i][0] + 0.01 * rnd.nextGaussian();
    }
    Path small = new Dataset(x, y, List.of("p", "q")).writeCsv(dir.resolve("small.csv"));
    String message = assertThrows(TrainingDivergedException.class, () -> TrainingJob.run(SparkTestSession.get(),
        Configs.data(small).standardize(false).learningRate(1.2).epochs(60).tol(0).partitions(2).build(),
        ProgressListener.NONE)).getMessage();
    assertTrue(message.endsWith("; with --standardize false the rate steps the raw weights, and the intercept alone "
        + "(a column of ones) makes any rate above 1 diverge"), message);
  }

  @Test
  void aStandardizedRunIsNotToldAboutRawWeights() {
    String message = assertThrows(TrainingDivergedException.class, () -> train(5, true)).getMessage();
    assertFalse(message.contains("--standardize false"), message);
  }
}
