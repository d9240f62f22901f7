package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.LeastSquares;

/**
 * A feature of values too small for their squares (a user review: a column scaled by 1e-200 got a coefficient of 0
 * without a word, R^2 0.65 where least squares reaches 0.99): refused, naming it; values of 1e-150, whose squares a
 * double holds, train to least squares' answer; one tiny value in every row is a constant column.
 */
@Tag("spark")
class TinyValuesTest {
  private static final int ROWS = 300;

  @TempDir
  Path tmp;

  /** Rows a * scale, b, y = 1.5 a - 2 b + 3 + noise; with {@code constant}, a is the same in every row. */
  private Path write(String name, double scale, boolean constant, double[][] x, double[] y) throws Exception {
    Random r = new Random(5);
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (int i = 0; i < ROWS; i++) {
      double a = constant ? 1 : r.nextDouble();
      double b = r.nextDouble();
      y[i] = 1.5 * a - 2 * b + 3 + 0.1 * r.nextGaussian();
      x[i] = new double[] {a * scale, b};
      text.append(x[i][0]).append(',').append(b).append(',').append(y[i]).append('\n');
    }
    return Files.writeString(tmp.resolve(name), text);
  }

  @Test
  void aColumnWhoseSquaresUnderflowIsRefusedNamingIt() throws Exception {
    Path data = write("tiny.csv", 1e-200, false, new double[ROWS][], new double[ROWS]);
    Path output = tmp.resolve("out");
    String line = CliRun.of("--data", data.toString(), "--output", output.toString()).refusedInOneLine(output);
    assertTrue(line.startsWith("error: " + data + ": column \"a\" holds values too small for the arithmetic: they "
        + "range from "), line);
    assertTrue(line.endsWith(", and the squares of their deviations underflow in a double (below about 1.5e-154), "
        + "so the column would read as constant and get a coefficient of 0; rescale it (multiplied by 1e200, its "
        + "coefficient is divided by 1e200)"), line);
  }

  /** Tiny values of both signs in equal numbers: their mean is exactly 0, their spread read as none (a review's). */
  @Test
  void aTinyColumnWhoseMeanIsZeroIsRefusedToo() throws Exception {
    StringBuilder text = new StringBuilder("a,b,y\n");
    Random r = new Random(6);
    for (int i = 0; i < ROWS; i++) {
      double b = r.nextDouble();
      text.append(i % 2 == 0 ? "1e-200" : "-1e-200").append(',').append(b).append(',').append(2 * b + (i % 2))
          .append('\n');
    }
    Path data = Files.writeString(tmp.resolve("signs.csv"), text);
    Path output = tmp.resolve("out");
    String line = CliRun.of("--data", data.toString(), "--output", output.toString()).refusedInOneLine(output);
    assertTrue(line.startsWith("error: " + data + ": column \"a\" holds values too small for the arithmetic: they "
        + "range from -1.0E-200 to 1.0E-200, and"), line);

    // sparse rows: the rows that do not list the feature hold 0, within its range
    StringBuilder libsvm = new StringBuilder();
    for (int i = 0; i < ROWS; i++) {
      double b = r.nextDouble();
      libsvm.append(2 * b + (i % 2)).append(i % 2 == 0 ? " 1:1e-200" : "").append(" 2:").append(b).append('\n');
    }
    Path sparse = Files.writeString(tmp.resolve("sparse.libsvm"), libsvm);
    Path sparseOut = tmp.resolve("sparse-out");
    line = CliRun.of("--data", sparse.toString(), "--output", sparseOut.toString()).refusedInOneLine(sparseOut);
    assertTrue(line.startsWith("error: " + sparse + ": column \"x1\" holds values too small for the arithmetic: "
        + "they range from 0.0 to 1.0E-200, and"), line);

    // a review's false alarm: in raw coordinates no spreads are computed (all 0), and a column of 2 and -2 whose mean
    // is tiny by cancellation had been refused as "too small"
    Path raw = Files.writeString(tmp.resolve("raw.csv"), "a,y\n2,1\n-2,0\n1e-300,0.5\n4e-300,0.6\n");
    CliRun run = CliRun.of("--data", raw.toString(), "--standardize", "false", "--learning-rate", "0.01", "--epochs",
        "3", "--no-plots", "--no-spark-model", "--output", tmp.resolve("raw-out").toString());
    assertEquals(0, run.code(), run.err());
  }

  @Test
  void tinyValuesWhoseSquaresADoubleHoldsTrainAndAConstantOneIsConstant() throws Exception {
    double[][] x = new double[ROWS][];
    double[] y = new double[ROWS];
    Path data = write("small.csv", 1e-150, false, x, y);
    Path output = tmp.resolve("small");
    CliRun run = CliRun.of("--data", data.toString(), "--optimizer", "lbfgs", "--tol", "0", "--gradient-tol",
        "1e-12", "--epochs", "500", "--no-plots", "--no-spark-model", "--output", output.toString());
    assertEquals(0, run.code(), run.err());
    JsonNode model = new ObjectMapper().readTree(output.resolve("model.json").toFile());
    double[] fitted = {model.get("coefficients").get(0).asDouble(), model.get("coefficients").get(1).asDouble(),
        model.get("intercept").asDouble()};
    double[][] rescaled = new double[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      rescaled[i] = new double[] {x[i][0] * 1e150, x[i][1]};
    }
    double[] expected = LeastSquares.solveWithIntercept(rescaled, y); // a's coefficient per 1e-150 of a
    assertTrue(LeastSquares.relativeError(new double[] {fitted[0] / 1e150, fitted[1], fitted[2]}, expected) < 1e-8,
        java.util.Arrays.toString(fitted));

    Path constant = write("constant.csv", 1e-200, true, new double[ROWS][], new double[ROWS]);
    run = CliRun.of("--data", constant.toString(), "--epochs", "5", "--no-plots", "--no-spark-model", "--output",
        tmp.resolve("constant-out").toString());
    assertEquals(0, run.code(), run.err());
    assertEquals(0.0, new ObjectMapper().readTree(tmp.resolve("constant-out").resolve("model.json").toFile())
        .get("coefficients").get(0).asDouble());
  }
}
