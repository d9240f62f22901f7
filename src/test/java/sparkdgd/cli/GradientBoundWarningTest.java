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
}
