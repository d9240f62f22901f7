package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Dataset;

/**
 * {@code --fit-intercept false} from the command line: the tutorial's y = 2x + noise fitted as y = w x, against
 * {@code w = sum x y / sum x^2}, and what the outputs and checkpoints say about it.
 */
@Tag("spark")
class FitInterceptFlagTest {
  private static final String DATA = "sample-data/tutorial.csv";

  @Test
  void theModelGoesThroughTheOriginAndSaysSoInItsOutputs(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.readCsv(Path.of(DATA));
    double xy = 0;
    double xx = 0;
    for (int i = 0; i < d.rows(); i++) {
      xy += d.x()[i][0] * d.y()[i];
      xx += d.x()[i][0] * d.x()[i][0];
    }
    Path out = tmp.resolve("out");
    CliRun run = CliRun.of("--data", DATA, "--output", out.toString(), "--fit-intercept", "false", "--optimizer",
        "lbfgs", "--gradient-tol", "1e-12", "--tol", "0", "--no-plots");
    assertEquals(0, run.code(), run.err());
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertFalse(model.get("fitIntercept").asBoolean(true));
    assertEquals(0.0, model.get("intercept").asDouble(), 0.0);
    assertEquals(xy / xx, model.get("coefficients").get(0).asDouble(), 1e-10 * xy / xx);
    LinearRegressionModel spark = LinearRegressionModel.load(out.resolve("spark-model").toString());
    assertEquals(0.0, spark.intercept(), 0.0);
    assertFalse(spark.getFitIntercept(), "Spark's metadata says fitIntercept=false");
    assertEquals(xy / xx, spark.coefficients().apply(0), 1e-10 * xy / xx);
  }

  @Test
  void aCheckpointOfAModelThroughTheOriginDoesNotResumeOneWithAnIntercept(@TempDir Path tmp) throws Exception {
    String checkpoints = tmp.resolve("ckpt").toString();
    // a step of 0.1, not the automatic 1/2 that solves this one-feature problem in one epoch: 4 epochs, 2 checkpoints
    CliRun first = CliRun.of("--data", DATA, "--output", tmp.resolve("a").toString(), "--fit-intercept", "false",
        "--epochs", "4", "--tol", "0", "--learning-rate", "0.1", "--checkpoint-dir", checkpoints, "--checkpoint-every", "2", "--no-plots",
        "--no-spark-model");
    assertEquals(0, first.code(), first.err());
    CliRun resumed = CliRun.of("--data", DATA, "--output", tmp.resolve("b").toString(), "--epochs", "8",
        "--checkpoint-dir", checkpoints, "--resume", "--no-plots", "--no-spark-model");
    assertEquals(2, resumed.code(), resumed.out() + resumed.err());
    assertTrue(resumed.err().contains("(--fit-intercept: checkpoint false, now true, --learning-rate: checkpoint 0.1, "
        + "now auto)"), resumed.err());
  }
}
