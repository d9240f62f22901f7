package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.LeastSquares;

/**
 * The warning from the gradient's floor under the distance to the optimum (sparkdgd.train.GradientBound), against
 * the optimum solved apart (QR): a mini-batch run at its noise floor, which neither rule on how the objective moved
 * warned of, is told how far above the minimum it is at least, and that floor is below the true distance; a run
 * that reached the optimum is not told.
 */
class GradientBoundWarningTest {
  private static final Pattern FLOOR = Pattern.compile("warning: the model is not at the optimum: its objective "
      + "\\S+ is at least (\\S+)% above the minimum \\(from the gradient norm at the end, \\S+, a bound that holds "
      + "for any data\\); raise --epochs, or use a larger --batch-fraction");

  @TempDir
  Path tmp;

  private static double mse(Dataset d, Path out) throws Exception {
    JsonNode m = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    double[] c = new double[d.dims() + 1];
    for (int j = 0; j < d.dims(); j++) {
      c[j] = m.get("coefficients").get(j).asDouble();
    }
    c[d.dims()] = m.get("intercept").asDouble();
    return d.mse(c);
  }

  @Test
  void aMiniBatchRunAtItsNoiseFloorIsToldAFloorBelowItsTrueDistance() throws Exception {
    Dataset d = Dataset.correlated(500, new double[] {2, -1, 0, 0.5, 0}, 3, 0.9, 1.0, 7);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double best = d.mse(LeastSquares.solveWithIntercept(d.x(), d.y()));

    Path out = tmp.resolve("mini-batch");
    CliRun run = CliRun.of("--data", csv.toString(), "--batch-fraction", "0.1", "--no-plots", "--no-spark-model",
        "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    double reached = mse(d, out);
    double gap = (reached - best) / reached;
    Matcher warned = FLOOR.matcher(run.err());
    assertTrue(warned.find(), "a run " + gap + " above the minimum:\n" + run.err());
    double floor = Double.parseDouble(warned.group(1)) / 100;
    assertTrue(floor >= 1e-3 && floor <= gap, "floor " + floor + ", true distance " + gap);
    assertFalse(run.err().contains("may be far from the optimum"), "the trend rule did not speak:\n" + run.err());

    Path lbfgs = tmp.resolve("lbfgs");
    CliRun converged = CliRun.of("--data", csv.toString(), "--optimizer", "lbfgs", "--no-plots", "--no-spark-model",
        "--output", lbfgs.toString());
    assertEquals(0, converged.code(), converged.err());
    assertEquals(0, (mse(d, lbfgs) - best) / best, 1e-9, "L-BFGS reached the optimum");
    assertFalse(converged.err().contains("not at the optimum"), converged.err());
  }

  /**
   * A mini-batch run that --tol stopped above its minimum, where the Hessian's trace (2 (d + 1)) puts the floor below
   * a thousandth (a review's run: 0.43% above, a floor of 0.08%): the data's own curvature, from one more pass, tells
   * it, with a floor still below the true distance.
   */
  @Test
  void aRunTheTracesFloorMissesIsToldByTheDatasOwnCurvature() throws Exception {
    Dataset d = Dataset.correlated(5000, new double[] {2, -1, 0, 0.5, 0}, 3, 0.0, 1.5, 11);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double best = d.mse(LeastSquares.solveWithIntercept(d.x(), d.y()));
    Path out = tmp.resolve("stopped-by-tol");
    CliRun run = CliRun.of("--data", csv.toString(), "--batch-fraction", "0.1", "--tol", "1e-3", "--epochs", "1000",
        "--no-plots", "--no-spark-model", "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    double reached = mse(d, out);
    double gap = (reached - best) / reached;
    Matcher warned = Pattern.compile("warning: the model is not at the optimum: its objective \\S+ is at least "
        + "(\\S+)% above the minimum \\(from the gradient norm at the end, (\\S+), a bound that holds for any "
        + "data\\); lower --tol").matcher(run.err());
    assertTrue(warned.find(), "a run " + gap + " above the minimum:\n" + run.err());
    double floor = Double.parseDouble(warned.group(1)) / 100;
    assertTrue(floor >= 1e-3 && floor <= gap, "floor " + floor + ", true distance " + gap);
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    double g = model.get("finalGradientNorm").asDouble();
    double byTrace = g * g / (2 * 2 * (d.dims() + 1)) / model.get("finalObjective").asDouble();
    assertTrue(byTrace < 1e-3, "the trace's floor, " + byTrace + ", would have said nothing");

    // without an intercept the coordinates divide by each column's root mean square and centre nothing: the floor
    // there is measured against the line through the origin
    double bestThroughOrigin = d.mse(LeastSquares.solveThroughOrigin(d.x(), d.y()));
    Path origin = tmp.resolve("through-origin");
    CliRun noIntercept = CliRun.of("--data", csv.toString(), "--batch-fraction", "0.1", "--tol", "1e-3", "--epochs",
        "1000", "--fit-intercept", "false", "--no-plots", "--no-spark-model", "--output", origin.toString());
    assertEquals(0, noIntercept.code(), noIntercept.err());
    double reachedThroughOrigin = mse(d, origin);
    double gapThroughOrigin = (reachedThroughOrigin - bestThroughOrigin) / reachedThroughOrigin;
    Matcher told = Pattern.compile("at least (\\S+)% above the minimum").matcher(noIntercept.err());
    assertTrue(told.find(), "a run " + gapThroughOrigin + " above the minimum:\n" + noIntercept.err());
    double floorThroughOrigin = Double.parseDouble(told.group(1)) / 100;
    assertTrue(floorThroughOrigin <= gapThroughOrigin, "floor " + floorThroughOrigin + ", true distance "
        + gapThroughOrigin);
  }

  /**
   * With an L1 penalty the floor comes from the proximal gradient mapping (a mini-batch run with one had stopped 1.2%
   * above its minimum with no word); the minimum is Spark ML's (OWL-QN) on the same data and penalty, and the
   * distance is measured with the objective Spark ML minimizes, written out here: half the mean squared error plus
   * lambda x the sum of |w_j| x feature j's sample standard deviation.
   */
  @Test
  void aMiniBatchRunWithAnL1PenaltyIsToldAFloorBelowItsTrueDistance() throws Exception {
    Dataset d = Dataset.correlated(500, new double[] {2, -1, 0, 0.5, 0}, 3, 0.9, 1.0, 7);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double lambda = 0.1;
    java.util.List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      rows.add(org.apache.spark.sql.RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(d.x()[i]), d.y()[i]));
    }
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("features", new org.apache.spark.ml.linalg.VectorUDT()).add("y", "double");
    org.apache.spark.ml.regression.LinearRegressionModel spark = new org.apache.spark.ml.regression.LinearRegression()
        .setLabelCol("y").setRegParam(lambda).setElasticNetParam(1).setStandardization(true).setMaxIter(2000)
        .setTol(1e-12).fit(sparkdgd.testing.SparkTestSession.get().createDataFrame(rows, schema));
    double[] optimum = java.util.Arrays.copyOf(spark.coefficients().toArray(), d.dims() + 1);
    optimum[d.dims()] = spark.intercept();

    Path out = tmp.resolve("mini-batch-l1");
    CliRun run = CliRun.of("--data", csv.toString(), "--batch-fraction", "0.1", "--reg-param", "0.1", "--elastic-net",
        "1", "--no-plots", "--no-spark-model", "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    double reached = lassoObjective(d, model(d, out), lambda);
    double best = lassoObjective(d, optimum, lambda);
    double gap = (reached - best) / reached;
    Matcher warned = FLOOR.matcher(run.err());
    assertTrue(warned.find(), "a run " + gap + " above the minimum:\n" + run.err());
    double floor = Double.parseDouble(warned.group(1)) / 100;
    assertTrue(floor >= 1e-3 && floor <= gap, "floor " + floor + ", true distance " + gap);

    Path full = tmp.resolve("full-l1");
    CliRun converged = CliRun.of("--data", csv.toString(), "--optimizer", "nesterov", "--reg-param", "0.1",
        "--elastic-net", "1", "--epochs", "2000", "--no-plots", "--no-spark-model", "--output", full.toString());
    assertEquals(0, converged.code(), converged.err());
    double fullObjective = lassoObjective(d, model(d, full), lambda);
    assertTrue(fullObjective <= best * (1 + 1e-9), "Nesterov reached Spark ML's minimum (or below: OWL-QN stops "
        + "a little above it, 1.3e-7 of it here): " + fullObjective + " against " + best);
    assertFalse(converged.err().contains("not at the optimum"), converged.err());
  }

  /** The coefficients and intercept in {@code out}'s model.json. */
  private static double[] model(Dataset d, Path out) throws Exception {
    JsonNode m = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    double[] c = new double[d.dims() + 1];
    for (int j = 0; j < d.dims(); j++) {
      c[j] = m.get("coefficients").get(j).asDouble();
    }
    c[d.dims()] = m.get("intercept").asDouble();
    return c;
  }

  /** Spark ML's objective with an L1 penalty alone, in the data's units (the intercept last in {@code c}). */
  private static double lassoObjective(Dataset d, double[] c, double lambda) {
    int n = d.rows();
    double penalty = 0;
    for (int j = 0; j < d.dims(); j++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = d.x()[i][j];
      }
      penalty += Math.abs(c[j]) * sampleStd(column);
    }
    return d.mse(c) / 2 + lambda * penalty;
  }

  private static double sampleStd(double[] v) {
    double mean = java.util.Arrays.stream(v).average().orElseThrow();
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return Math.sqrt(s / (v.length - 1));
  }
}
