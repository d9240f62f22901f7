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
import sparkdgd.testing.LeastSquares;

/**
 * {@code --zero-based}: LIBSVM as scikit-learn's {@code dump_svmlight_file} writes it by default (zero_based=True:
 * the first feature is index 0; values in {@code %.16g}, so 2.0 is written {@code 2}; zeros left out). The same
 * rows as a dense matrix, solved by QR ({@link LeastSquares}), are the answer.
 */
@Tag("spark")
class ZeroBasedLibsvmTest {
  /** Eight rows of three features, written as dump_svmlight_file writes them (zero-based, zeros omitted). */
  private static final String SKLEARN_ROWS = """
      1.5 0:1 1:2
      2.5 0:2 2:1
      4 1:1 2:3
      0.5 0:-1 1:0.5 2:2
      3 0:3 1:1
      -0.25 0:0.5 2:-1
      6 0:2 1:2 2:2
      1 1:-1
      """;
  /** The same rows, dense: column j holds index j. */
  private static final double[][] X = {
      {1, 2, 0}, {2, 0, 1}, {0, 1, 3}, {-1, 0.5, 2}, {3, 1, 0}, {0.5, 0, -1}, {2, 2, 2}, {0, -1, 0}};
  private static final double[] Y = {1.5, 2.5, 4, 0.5, 3, -0.25, 6, 1};

  @Test
  void trainsOnScikitLearnsZeroBasedIndicesAsTheClosedForm(@TempDir Path tmp) throws Exception {
    Path data = Files.writeString(tmp.resolve("sk.libsvm"), SKLEARN_ROWS);
    Path out = tmp.resolve("m");
    // L-BFGS to a gradient norm of 1e-11 on 4 parameters: the coefficients agree with QR's to about 1e-9
    CliRun run = CliRun.of("--data", data.toString(), "--output", out.toString(), "--zero-based",
        "--optimizer", "lbfgs", "--epochs", "300", "--tol", "0", "--gradient-tol", "1e-11", "--partitions", "2",
        "--no-plots", "--no-spark-model");
    assertEquals(0, run.code(), run.out() + run.err());
    JsonNode m = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    double[] exact = LeastSquares.solveWithIntercept(X, Y);
    assertEquals(3, m.get("featureNames").size(), "index 0 is a feature, not one more: " + m.get("featureNames"));
    assertEquals("x1", m.get("featureNames").get(0).asText());
    for (int j = 0; j < 3; j++) {
      assertEquals(exact[j], m.get("coefficients").get(j).asDouble(), 1e-8, "coefficient of index " + j);
    }
    assertEquals(exact[3], m.get("intercept").asDouble(), 1e-8);
    assertTrue(m.get("zeroBased").asBoolean(), "model.json records the base");

    // evaluate takes the base from model.json: the same file, no flag, the closed form's MSE
    double sse = 0;
    for (int i = 0; i < X.length; i++) {
      double r = exact[0] * X[i][0] + exact[1] * X[i][1] + exact[2] * X[i][2] + exact[3] - Y[i];
      sse += r * r;
    }
    Path metrics = tmp.resolve("e.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", out.toString(), "--data", data.toString(), "--output",
        metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    assertEquals(sse / X.length, new ObjectMapper().readTree(metrics.toFile()).get("mse").asDouble(), 1e-9);

    // --no-zero-based overrides the model's base: index 0 is then refused, with the flag to pass
    CliRun oneBased = CliRun.of("evaluate", "--model", out.toString(), "--data", data.toString(), "--output",
        tmp.resolve("e2.json").toString(), "--no-zero-based");
    assertEquals(2, oneBased.code(), oneBased.out() + oneBased.err());
    assertTrue(oneBased.err().contains("index 0 is out of range"), oneBased.err());
  }

  @Test
  void indexZeroWithoutTheFlagSaysToPassIt(@TempDir Path tmp) throws Exception {
    Path data = Files.writeString(tmp.resolve("sk.libsvm"), SKLEARN_ROWS);
    // one partition: the first bad line in the input is the one named (with several, the first of the split that
    // fails first)
    CliRun run = CliRun.of("--data", data.toString(), "--output", tmp.resolve("m").toString(), "--epochs", "1",
        "--partitions", "1");
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(run.err().contains(data.toUri().getPath() + ":1:5: index 0 is out of range; LIBSVM indices start at "
        + "1: if this file's indices start at 0, pass --zero-based (scikit-learn's dump_svmlight_file writes "
        + "zero-based indices unless zero_based=False)"), run.err());
    assertFalse(Files.exists(tmp.resolve("m")));
  }

  @Test
  void predictReadsOneBasedDataWithAZeroBasedModelWhenTold(@TempDir Path tmp) throws Exception {
    // a hand-written model trained zero-based: y = 2 x1 - x3 + 0.5
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"x1\", \"x2\", \"x3\"], "
        + "\"coefficients\": [2.0, 0.0, -1.0], \"intercept\": 0.5, \"labelName\": \"label\", \"format\": "
        + "\"libsvm\", \"zeroBased\": true}");
    Path oneBased = Files.writeString(tmp.resolve("d.libsvm"), "-1 1:1 3:4\n");
    CliRun asModel = CliRun.of("predict", "--model", model.toString(), "--data", oneBased.toString(), "--output",
        tmp.resolve("p1").toString());
    assertEquals(2, asModel.code(), asModel.out() + asModel.err());
    assertTrue(asModel.err().contains(":1:8: feature index 3 is beyond the model's 3 features (zero-based: indices "
        + "0 to 2)"), asModel.err());
    assertTrue(asModel.err().contains("if this data's indices start at 1, pass --no-zero-based"), asModel.err());
    Path metrics = tmp.resolve("e.json");
    CliRun told = CliRun.of("evaluate", "--model", model.toString(), "--data", oneBased.toString(), "--output",
        metrics.toString(), "--no-zero-based");
    assertEquals(0, told.code(), told.out() + told.err());
    // 2*1 - 4 + 0.5 = -1.5 against the label -1: squared error 0.25
    assertEquals(0.25, new ObjectMapper().readTree(metrics.toFile()).get("mse").asDouble(), 0.0);
  }

  @Test
  void onCsvTheFlagIsIdleAndSaysSo(@TempDir Path tmp) throws Exception {
    Path csv = Files.writeString(tmp.resolve("d.csv"), "x1,y\n1,2\n2,4\n3,6.5\n");
    CliRun run = CliRun.of("--data", csv.toString(), "--output", tmp.resolve("m").toString(), "--zero-based",
        "--epochs", "1", "--no-plots", "--no-spark-model");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.err().contains("warning: --zero-based has no effect on csv input (LIBSVM only)"), run.err());
    assertFalse(new ObjectMapper().readTree(tmp.resolve("m/model.json").toFile()).has("zeroBased"),
        "only LIBSVM training data has a base");
  }

  @Test
  void aResumeIsRefusedForAnotherBaseOnLibsvmAndNotForAnIdleFlagOnCsv(@TempDir Path tmp) throws Exception {
    Path data = Files.writeString(tmp.resolve("sk.libsvm"), SKLEARN_ROWS);
    String libsvmCk = tmp.resolve("ck1").toString();
    CliRun zero = CliRun.of("--data", data.toString(), "--output", tmp.resolve("a").toString(), "--zero-based",
        "--epochs", "2", "--tol", "0", "--checkpoint-every", "1", "--checkpoint-dir", libsvmCk, "--no-plots",
        "--no-spark-model");
    assertEquals(0, zero.code(), zero.out() + zero.err());
    // the same file read one-based is other features (index 0 refused, or shifted): the base is part of the data
    CliRun oneBased = CliRun.of("--data", data.toString(), "--output", tmp.resolve("b").toString(), "--epochs", "4",
        "--on-bad-record", "skip", "--checkpoint-dir", libsvmCk, "--resume", "--no-plots", "--no-spark-model");
    assertEquals(2, oneBased.code(), oneBased.out() + oneBased.err());
    assertTrue(oneBased.err().contains("--zero-based: checkpoint true, now false"), oneBased.err());

    Path csv = Files.writeString(tmp.resolve("d.csv"), "x1,y\n1,2\n2,4\n3,6.5\n");
    String csvCk = tmp.resolve("ck2").toString();
    // a small step, so that --epochs ends the run (at the automatic one its gradient is exactly zero at epoch 2, a
    // stop whose epoch is not checkpointed)
    CliRun plain = CliRun.of("--data", csv.toString(), "--output", tmp.resolve("c").toString(), "--epochs", "2",
        "--tol", "0", "--learning-rate", "0.1", "--checkpoint-every", "1", "--checkpoint-dir", csvCk, "--no-plots",
        "--no-spark-model");
    assertEquals(0, plain.code(), plain.out() + plain.err());
    CliRun idle = CliRun.of("--data", csv.toString(), "--output", tmp.resolve("d").toString(), "--epochs", "4",
        "--learning-rate", "0.1", "--zero-based", "--checkpoint-dir", csvCk, "--resume", "--no-plots", "--no-spark-model");
    assertEquals(0, idle.code(), idle.out() + idle.err());
    assertTrue(idle.out().contains("resumed after epoch 2"), idle.out());
    assertTrue(idle.err().contains("warning: --zero-based has no effect on csv input (LIBSVM only)"), idle.err());
  }
}
