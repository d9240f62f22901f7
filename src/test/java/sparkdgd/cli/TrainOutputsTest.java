package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Dataset;

/** The trainer's metrics.json against a plain loop, --quiet's single line, and what --no-spark-model leaves out. */
@Tag("spark")
class TrainOutputsTest {

  @Test
  void quietPrintsOneLineAndTrainingMetricsMatchAPlainLoop(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("--data", "sample-data/correlated.csv", "--output", out.toString(), "--epochs", "20",
        "--tol", "0", "--quiet", "--no-plots", "--log-every", "1");
    assertEquals(0, run.code(), run.err());
    assertEquals("", run.err());
    assertEquals(1, run.out().lines().count(), run.out());
    assertTrue(run.out().startsWith("Final MSE = "), run.out());

    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    double[] coef = new double[9];
    for (int j = 0; j < 8; j++) {
      coef[j] = model.get("coefficients").get(j).asDouble();
    }
    coef[8] = model.get("intercept").asDouble();
    double loadSeconds = model.get("loadSeconds").asDouble();
    assertTrue(loadSeconds > 0 && loadSeconds < model.get("seconds").asDouble(), model.toString());
    Dataset d = Dataset.readCsv(Path.of("sample-data/correlated.csv"));
    double sse = 0;
    double sae = 0;
    double mean = 0;
    for (double y : d.y()) {
      mean += y / d.rows();
    }
    double sst = 0;
    for (int i = 0; i < d.rows(); i++) {
      double r = coef[8] - d.y()[i];
      for (int j = 0; j < 8; j++) {
        r += coef[j] * d.x()[i][j];
      }
      sse += r * r;
      sae += Math.abs(r);
      sst += (d.y()[i] - mean) * (d.y()[i] - mean);
    }
    JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals(d.rows(), m.get("rows").asLong());
    assertFalse(m.has("huber"), "a least-squares model has no Huber loss: " + m);
    // 1e-10 relative: the same sums in another order (per block, per partition); the MSE is also the
    // trainer's exact final MSE
    assertEquals(sse / d.rows(), m.get("mse").asDouble(), 1e-10 * sse / d.rows());
    assertEquals(model.get("finalMse").asDouble(), m.get("mse").asDouble(), 1e-10 * sse / d.rows());
    assertEquals(sae / d.rows(), m.get("mae").asDouble(), 1e-10 * sae / d.rows());
    assertEquals(1 - sse / sst, m.get("r2").asDouble(), 1e-10);
    assertTrue(1 - sse / sst < 0.9999, "20 epochs leave a visible error: R^2 " + (1 - sse / sst));
  }

  @Test
  void noSparkModelWritesEverythingElseAndSaysSo(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--output", out.toString(), "--epochs", "3",
        "--no-spark-model");
    assertEquals(0, run.code(), run.err());
    for (String file : new String[] {"model.json", "history.csv", "metrics.json", "loss.png", "fit.png"}) {
      assertTrue(Files.isRegularFile(out.resolve(file)), file + " written");
    }
    assertFalse(Files.exists(out.resolve("spark-model")), "no spark-model/");
    assertTrue(run.out().contains("model.json, history.csv, metrics.json, loss.png, fit.png\n"), run.out());
  }

  /**
   * Mini-batches of 0.05: the trainer's running sum of fractions is 0.49999999999999994 after 10 and
   * 1.0000000000000002 after 20, but model.json, history.csv and the summary line give k / 20 passes after k
   * epochs (the evaluations of the full loss, made only for reporting, do not count).
   */
  @Test
  void miniBatchPassesAreWrittenAsTheirDecimalSum(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--output", out.toString(), "--epochs", "20",
        "--tol", "0", "--batch-fraction", "0.05", "--log-every", "1", "--no-plots", "--no-spark-model");
    assertEquals(0, run.code(), run.err());
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertEquals(20, model.get("epochs").asInt());
    assertEquals(1.0, model.get("passes").asDouble(), 0.0, model.get("passes").toString());
    java.util.List<String> history = Files.readAllLines(out.resolve("history.csv"));
    assertEquals(21, history.size(), "a header and a line per epoch");
    for (int k = 1; k <= 20; k++) {
      String[] fields = history.get(k).split(",");
      assertEquals(String.valueOf(k), fields[0]);
      // exact: k / 20.0 is the double nearest the decimal k x 0.05, and it prints as that decimal
      assertEquals(k / 20.0, Double.parseDouble(fields[1]), 0.0, history.get(k));
      assertEquals(Double.toString(k / 20.0), fields[1], history.get(k));
    }
    assertTrue(run.out().contains(" after 20 epochs (1 pass), "), run.out());
  }
  /**
   * A Huber run names its own loss: the final line, metrics.json and evaluate's output give the mean Huber loss at
   * --huber-delta (beside the MSE), each equal to a plain loop over model.json's coefficients.
   */
  @Test
  void huberRunReportsItsLossAgainstAPlainLoop(@TempDir Path tmp) throws Exception {
    double delta = 5;
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("--data", "sample-data/correlated.csv", "--output", out.toString(), "--epochs", "30",
        "--tol", "0", "--loss", "huber", "--huber-delta", String.valueOf(delta), "--quiet", "--no-plots",
        "--no-spark-model");
    assertEquals(0, run.code(), run.err());
    java.util.regex.Matcher line = java.util.regex.Pattern.compile("Final Huber loss = (\\S+) after 30 epochs .*\n")
        .matcher(run.out());
    assertTrue(line.matches(), run.out());

    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    Dataset d = Dataset.readCsv(Path.of("sample-data/correlated.csv"));
    double huber = 0;
    double sse = 0;
    int beyond = 0;
    for (int i = 0; i < d.rows(); i++) {
      double r = model.get("intercept").asDouble() - d.y()[i];
      for (int j = 0; j < 8; j++) {
        r += model.get("coefficients").get(j).asDouble() * d.x()[i][j];
      }
      double a = Math.abs(r);
      huber += a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
      beyond += a > delta ? 1 : 0;
      sse += r * r;
    }
    huber /= d.rows();
    assertTrue(beyond > 0 && beyond < d.rows(), beyond + " rows beyond the delta: both pieces of the loss are used");
    assertEquals(huber, Double.parseDouble(line.group(1)), 1e-7 * huber, "the final line (8 digits)");
    JsonNode trainMetrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    // 1e-10 relative: the same sums in another order (per block, per partition)
    assertEquals(huber, trainMetrics.get("huber").asDouble(), 1e-10 * huber, trainMetrics.toString());
    assertEquals(huber, model.get("trainMetrics").get("huber").asDouble(), 1e-10 * huber);
    assertEquals(sse / d.rows(), trainMetrics.get("mse").asDouble(), 1e-10 * sse / d.rows());

    Path scored = tmp.resolve("evaluated.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", out.toString(), "--data", "sample-data/correlated.csv",
        "--output", scored.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    assertTrue(evaluate.out().startsWith("spark-dgd evaluate: Huber model "), evaluate.out());
    assertTrue(evaluate.out().contains(String.format(java.util.Locale.ROOT, "Huber loss = %.8g, MSE = ", huber)),
        evaluate.out());
    assertEquals(huber, new ObjectMapper().readTree(scored.toFile()).get("huber").asDouble(), 1e-10 * huber);
  }
}
