package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sparkdgd.block.ValidationSplit;
import sparkdgd.config.RegParamGrid;
import sparkdgd.testing.LeastSquares;

/**
 * {@code --reg-param} with several values: each value's model is the ridge solution on the training rows, solved here
 * in closed form (Spark's regParam with standardization off: scikit-learn's {@code Ridge(alpha = n lambda / sd(y))},
 * sd(y) the training labels' deviation with n - 1), the value chosen is the one whose closed-form model has the
 * lowest MSE on the held-out rows, and {@code --refit true} trains it on all the rows. Which rows are held out is the
 * split's rule ({@link ValidationSplit#heldOut}) over the rows of the one partition, in the file's order.
 */
@Tag("spark")
class RegParamSearchTest {
  @TempDir
  Path tmp;

  private static final int ROWS = 120;
  private static final int FEATURES = 12;
  private static final long SEED = 42; // --seed's default
  private static final double[] GRID = {3, 1, 0.3, 0.1, 0.03, 0};

  private final double[][] x = new double[ROWS][FEATURES];
  private final double[] y = new double[ROWS];

  /** Few rows, many features, much noise: a penalty between the grid's ends predicts the held-out rows best. */
  private Path data() throws Exception {
    Random rnd = new Random(5);
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < FEATURES; j++) {
      text.append("x").append(j + 1).append(',');
    }
    text.append("y\n");
    for (int i = 0; i < ROWS; i++) {
      double common = rnd.nextGaussian();
      for (int j = 0; j < FEATURES; j++) {
        x[i][j] = 0.6 * common + rnd.nextGaussian() + 0.1 * j;
        text.append(x[i][j]).append(',');
      }
      y[i] = 2 * x[i][0] - x[i][1] + 0.5 * x[i][2] + 4 * rnd.nextGaussian() + 3;
      text.append(y[i]).append('\n');
    }
    return Files.writeString(tmp.resolve("d.csv"), text.toString(), StandardCharsets.UTF_8);
  }

  /** The rows of {@code [0, ROWS)} held out ({@code held}) or kept for training of a split of {@code fraction}. */
  private static List<Integer> rows(double fraction, boolean held) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      if (ValidationSplit.heldOut(SEED, 0, i, fraction) == held) {
        rows.add(i);
      }
    }
    return rows;
  }

  /**
   * {@code [w, b]} minimising {@code sum over rows (x.w + b - y)^2 + n lambda / sd(y) |w|^2}, as a least-squares
   * problem over the rows and one row {@code sqrt(n lambda / sd(y)) e_j} (label 0, no intercept) for each feature.
   */
  private double[] ridge(List<Integer> rows, double lambda) {
    int n = rows.size();
    double mean = rows.stream().mapToDouble(i -> y[i]).average().orElseThrow();
    double sd = Math.sqrt(rows.stream().mapToDouble(i -> (y[i] - mean) * (y[i] - mean)).sum() / (n - 1));
    double root = Math.sqrt(n * lambda / sd);
    double[][] a = new double[n + FEATURES][FEATURES + 1];
    double[] b = new double[n + FEATURES];
    for (int r = 0; r < n; r++) {
      System.arraycopy(x[rows.get(r)], 0, a[r], 0, FEATURES);
      a[r][FEATURES] = 1;
      b[r] = y[rows.get(r)];
    }
    for (int j = 0; j < FEATURES; j++) {
      a[n + j][j] = root;
    }
    return java.util.Arrays.copyOf(LeastSquares.solveThroughOrigin(a, b), FEATURES + 1);
  }

  private double mse(double[] model, List<Integer> rows) {
    double sum = 0;
    for (int i : rows) {
      double r = model[FEATURES] - y[i];
      for (int j = 0; j < FEATURES; j++) {
        r += model[j] * x[i][j];
      }
      sum += r * r;
    }
    return sum / rows.size();
  }

  private CliRun train(Path data, String name, String... more) {
    String[] args = {"--data", data.toString(), "--output", tmp.resolve(name).toString(), "--label-col", "y",
        "--partitions", "1", "--standardize", "false", "--optimizer", "lbfgs", "--epochs", "1000", "--tol", "0",
        "--gradient-tol", "1e-10", "--reg-param", "3,1,0.3,0.1,0.03,0", "--no-plots", "--no-spark-model"};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    CliRun run = CliRun.of(all);
    assertEquals(0, run.code(), run.out() + run.err());
    return run;
  }

  private JsonNode modelJson(String dir) throws Exception {
    return new ObjectMapper().readTree(tmp.resolve(dir).resolve("model.json").toFile());
  }

  private static double[] coefficients(JsonNode m) {
    double[] c = new double[FEATURES + 1];
    for (int j = 0; j < FEATURES; j++) {
      c[j] = m.get("coefficients").get(j).asDouble();
    }
    c[FEATURES] = m.get("intercept").asDouble();
    return c;
  }

  /** The index in GRID of the lowest held-out MSE of the closed-form models trained on the other rows. */
  private int best(double fraction) {
    List<Integer> training = rows(fraction, false);
    List<Integer> held = rows(fraction, true);
    int best = 0;
    for (int k = 1; k < GRID.length; k++) {
      if (mse(ridge(training, GRID[k]), held) < mse(ridge(training, GRID[best]), held)) {
        best = k;
      }
    }
    return best;
  }

  @Test
  void eachValuesModelIsTheRidgeSolutionOnTheTrainingRowsAndTheLowestValidationMseIsChosen() throws Exception {
    Path data = data();
    CliRun run = train(data, "search", "--validation-fraction", "0.3", "--refit", "false");
    List<Integer> training = rows(0.3, false);
    List<Integer> held = rows(0.3, true);
    JsonNode m = modelJson("search");
    JsonNode search = m.get("regParamSearch");
    assertEquals(held.size(), search.get("validationRows").asLong(), "the split's held-out rows");
    assertEquals(training.size(), search.get("trainingRows").asLong());
    int best = best(0.3);
    // the data are such that neither end of the grid is best: the choice is the comparison's, not an end's
    assertTrue(best > 0 && best < GRID.length - 1, "the closed form's best is --reg-param " + GRID[best]);
    for (int k = 0; k < GRID.length; k++) {
      JsonNode model = search.get("models").get(k);
      assertEquals(GRID[k], model.get("regParam").asDouble());
      double[] expected = ridge(training, GRID[k]);
      // to the gradient's tolerance: the held-out MSE moves with the parameters' error to the first order, the
      // training MSE (near its own minimum for small penalties) more slowly
      assertEquals(mse(expected, held), model.get("validationMetrics").get("mse").asDouble(),
          1e-8 * mse(expected, held), "the held-out MSE of --reg-param " + GRID[k]);
      assertEquals(mse(expected, training), model.get("trainMetrics").get("mse").asDouble(),
          1e-9 * mse(expected, training), "the training MSE of --reg-param " + GRID[k]);
      // at the optimum: by --gradient-tol, or where the line search finds no lower objective in double precision
      assertTrue(List.of("GRADIENT_CONVERGED", "NO_PROGRESS").contains(model.get("stopReason").asText()),
          model.toString());
    }
    assertEquals(GRID[best], search.get("chosen").asDouble());
    assertEquals(GRID[best], m.get("regParam").asDouble(), "model.json's regParam is the value chosen");
    assertArrayEquals(ridge(training, GRID[best]), coefficients(m), 1e-7, "the search's model of the value chosen");
    assertEquals(held.size(), m.get("validationRows").asLong());
    assertTrue(run.out().contains("--reg-param search: validation MSE on " + held.size() + " held-out rows, of models "
        + "trained on " + training.size() + ":"), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.trim().startsWith(RegParamGrid.plain(GRID[best]) + " ")
        && l.endsWith("<- chosen")), run.out());
  }

  @Test
  void refitTrainsTheValueChosenOnAllTheRows() throws Exception {
    Path data = data();
    CliRun run = train(data, "refit");
    int best = best(0.25); // without --validation-fraction a search holds out a quarter
    List<Integer> all = rows(2, true); // every row: each hash is below 2
    assertEquals(ROWS, all.size());
    JsonNode m = modelJson("refit");
    assertEquals(GRID[best], m.get("regParamSearch").get("chosen").asDouble());
    assertEquals(rows(0.25, true).size(), m.get("regParamSearch").get("validationRows").asLong());
    assertTrue(m.get("regParamSearch").get("refitOnAllRows").asBoolean());
    assertEquals(GRID[best], m.get("regParam").asDouble());
    assertEquals(ROWS, m.get("rows").asLong());
    assertEquals(0, m.get("validationRows").asLong());
    assertArrayEquals(ridge(all, GRID[best]), coefficients(m), 1e-7, "the value chosen, trained on all the rows");
    // README's word: the model written is the one of the value chosen alone, without --validation-fraction
    String[] alone = {"--data", data.toString(), "--output", tmp.resolve("alone").toString(), "--label-col", "y",
        "--partitions", "1", "--standardize", "false", "--optimizer", "lbfgs", "--epochs", "1000", "--tol", "0",
        "--gradient-tol", "1e-10", "--reg-param", RegParamGrid.plain(GRID[best]), "--no-plots", "--no-spark-model"};
    assertEquals(0, CliRun.of(alone).code());
    assertArrayEquals(coefficients(modelJson("alone")), coefficients(m), 0.0);
    assertTrue(run.out().contains("Training --reg-param " + RegParamGrid.plain(GRID[best]) + ", the value chosen, on "
        + "all the rows (--refit true; the search took "), run.out());
    assertTrue(run.out().contains(" s): reading " + data + " again"), run.out());
    assertTrue(run.out().contains(ROWS + " rows, --reg-param "
        + RegParamGrid.plain(GRID[best]) + " chosen of 6, learning rate "), run.out());
  }

  /**
   * Each model of a search is the one its value trains alone on the same split (README's word), where the optimizer's
   * coordinates, step or start could have been another value's: logistic with balanced class weights, elastic net
   * with nesterov on raw features at the automatic rate (coordinates that depend on the penalty), weighted
   * mini-batches. The second value's model, trained after the first's, is the one whose coordinates, step or start
   * could have been left from another (with the first value's coordinates for both, the elastic net's case fails).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "--loss logistic --label-col c --class-weight balanced --epochs 30",
      "--label-col y --elastic-net 0.5 --optimizer nesterov --standardize false --epochs 40",
      "--label-col y --weight-col w --batch-fraction 0.2 --epochs 20 --log-every 5"})
  void eachModelOfASearchIsTheOneItsValueTrainsAlone(String settings) throws Exception {
    Random rnd = new Random(9);
    StringBuilder text = new StringBuilder("a,b,d,w,y,c\n");
    for (int i = 0; i < 400; i++) {
      double a = rnd.nextGaussian();
      double b = 3 * rnd.nextGaussian() + 1;
      double d = a + 0.3 * rnd.nextGaussian();
      double y = a - 0.5 * b + 2 * d + rnd.nextGaussian();
      double c = rnd.nextDouble() < 1 / (1 + Math.exp(-(a + 0.4 * b - 1))) ? 1 : 0;
      text.append(a).append(',').append(b).append(',').append(d).append(',').append(0.5 + rnd.nextInt(3))
          .append(',').append(y).append(',').append(c).append('\n');
    }
    Path data = Files.writeString(tmp.resolve("alone.csv"), text.toString(), StandardCharsets.UTF_8);
    List<String> common = new ArrayList<>(List.of("--data", data.toString(), "--features", "a,b,d", "--partitions",
        "2", "--tol", "0", "--validation-fraction", "0.3", "--no-plots", "--no-spark-model"));
    common.addAll(List.of(settings.split(" ")));
    double[] values = {0.5, 0.02};
    List<String> search = new ArrayList<>(common);
    search.addAll(List.of("--reg-param", "0.5,0.02", "--refit", "false", "--output", tmp.resolve("s").toString()));
    CliRun searched = CliRun.of(search.toArray(String[]::new));
    assertEquals(0, searched.code(), searched.out() + searched.err());
    JsonNode models = modelJson("s").get("regParamSearch").get("models");
    for (int k = 1; k < values.length; k++) { // the second: the first has no other value's settings to take
      List<String> alone = new ArrayList<>(common);
      alone.addAll(List.of("--reg-param", RegParamGrid.plain(values[k]), "--output", tmp.resolve("a" + k).toString()));
      CliRun run = CliRun.of(alone.toArray(String[]::new));
      assertEquals(0, run.code(), run.out() + run.err());
      JsonNode m = modelJson("a" + k);
      JsonNode model = models.get(k);
      assertEquals(values[k], model.get("regParam").asDouble());
      assertEquals(m.get("epochs").asInt(), model.get("epochs").asInt());
      assertEquals(m.get("finalObjective").asDouble(), model.get("objective").asDouble(),
          1e-12 * Math.abs(m.get("finalObjective").asDouble()), settings + ": the objective of " + values[k]);
      for (String metrics : new String[] {"trainMetrics", "validationMetrics"}) {
        for (java.util.Iterator<String> keys = m.get(metrics).fieldNames(); keys.hasNext(); ) {
          String key = keys.next();
          if (!key.equals("auc")) { // the exact AUC is computed after training, for the model written
            double expected = m.get(metrics).get(key).asDouble();
            assertEquals(expected, model.get(metrics).get(key).asDouble(), 1e-12 * Math.abs(expected),
                settings + ": " + metrics + "." + key + " of " + values[k]);
          }
        }
      }
    }
  }

  /**
   * A value whose training diverges (a larger penalty, trained first, at a learning rate given) is left out of the
   * choice, not the end of the search; when every value's diverges, the run ends with the last one's error.
   */
  @Test
  void aValueThatDivergesIsLeftOutOfTheChoice() throws Exception {
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--learning-rate", "0.9", "--reg-param", "5,0.01,0",
        "--refit", "false", "--no-plots", "--no-spark-model", "--output", tmp.resolve("diverged").toString());
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.err().contains("warning: --reg-param 5: training diverged, and its model is left out of the "
        + "choice: the objective grew from "), run.err());
    assertTrue(run.out().lines().anyMatch(l -> l.matches(" +5 +- +- +- +diverged")), run.out());
    JsonNode search = modelJson("diverged").get("regParamSearch");
    assertTrue(search.get("models").get(0).get("diverged").asText().contains("a millionfold"), search.toString());
    assertTrue(search.get("chosen").asDouble() < 5, search.toString());
    CliRun all = CliRun.of("--data", "sample-data/tutorial.csv", "--learning-rate", "0.9", "--reg-param", "8,5",
        "--no-plots", "--no-spark-model", "--output", tmp.resolve("all-diverged").toString());
    assertEquals(1, all.code(), all.out() + all.err());
    assertTrue(all.err().contains("error: training diverged: --reg-param 5 (of 8,5): the objective grew from "),
        all.err());
    assertFalse(Files.exists(tmp.resolve("all-diverged").resolve("model.json")));
  }

  /**
   * The checks before training that depend on the penalty (here: collinear features, which an L2 penalty splits) are
   * the search's smallest value's, and their warnings are the model's only where they hold for the value chosen:
   * model.json's warnings and --fail-on-warning are about the model written.
   */
  @Test
  void aWarningForTheSmallestValueIsNotTheChosenModelsWhereItDoesNotHold() throws Exception {
    Random rnd = new Random(3);
    StringBuilder text = new StringBuilder("a,a2,n1,n2,n3,n4,n5,n6,n7,n8,y\n");
    for (int i = 0; i < 60; i++) {
      double a = rnd.nextGaussian();
      text.append(a).append(',').append(2 * a);
      for (int j = 0; j < 8; j++) {
        text.append(',').append(rnd.nextGaussian());
      }
      // labels of noise alone: on 30 training rows of 10 features the strongest penalty predicts held-out rows best
      text.append(',').append(rnd.nextGaussian()).append('\n');
    }
    Path data = Files.writeString(tmp.resolve("collinear.csv"), text.toString(), StandardCharsets.UTF_8);
    String collinear = "a2 = 2 a";
    CliRun search = CliRun.of("--data", data.toString(), "--reg-param", "30,0", "--refit", "false",
        "--validation-fraction", "0.5", "--optimizer",
        "lbfgs", "--fail-on-warning", "--no-plots", "--no-spark-model", "--output", tmp.resolve("c").toString());
    assertEquals(0, search.code(), search.out() + search.err());
    JsonNode m = modelJson("c");
    assertEquals(30, m.get("regParam").asDouble(), "the strongest penalty is chosen on labels of noise");
    assertFalse(m.get("warnings").toString().contains(collinear), m.get("warnings").toString());
    CliRun unpenalized = CliRun.of("--data", data.toString(), "--reg-param", "0", "--optimizer", "lbfgs",
        "--no-plots", "--no-spark-model", "--output", tmp.resolve("c0").toString());
    assertEquals(0, unpenalized.code(), unpenalized.out() + unpenalized.err());
    assertTrue(modelJson("c0").get("warnings").toString().contains(collinear), "the check's warning, where it holds: "
        + modelJson("c0").get("warnings"));
  }

  /**
   * Models stopped by --epochs make the choice doubtful (fewer epochs act as a penalty): a warning about the model
   * written, which --fail-on-warning stops at before the refit; a choice at an end of the values tried gets a notice.
   */
  @Test
  void modelsStoppedByTheEpochLimitMakeTheChoiceDoubtful() throws Exception {
    String[] args = {"--data", "sample-data/correlated.csv", "--reg-param", "10,1,0.1", "--epochs", "20", "--no-plots",
        "--no-spark-model", "--output", tmp.resolve("unfinished").toString()};
    CliRun run = CliRun.of(args);
    assertEquals(0, run.code(), run.out() + run.err());
    String doubt = "the --reg-param search's models of 10, 1, 0.1 stopped at --epochs 20 before --tol or "
        + "--gradient-tol ended them";
    assertTrue(run.err().contains("warning: " + doubt), run.err());
    assertTrue(run.err().contains("warning: --reg-param 0.1, the value chosen, is the smallest tried"), run.err());
    assertTrue(modelJson("unfinished").get("warnings").toString().contains(doubt), "the refit's model's warning");
    CliRun refused = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.stream.Stream.of("--fail-on-warning", "--overwrite")).toArray(String[]::new));
    assertEquals(3, refused.code(), refused.out() + refused.err());
    assertFalse(refused.out().contains("the value chosen, on all the rows"), "stopped before the refit: "
        + refused.out());
  }

  @Test
  void settingsThatCannotGoWithASearchAreRefused() {
    String[][] cases = {
        {"--reg-param", "0.1,0.1", "--reg-param names 0.1 twice"},
        {"--reg-param", "0.1,-1", "--reg-param must be a finite number >= 0, got -1 "},
        {"--reg-param", "0.1,x", "--reg-param must be a number >= 0, or several separated by commas"},
        {"--patience", "3", "--patience stops each model of the --reg-param search on the held-out rows"},
        {"--checkpoint-dir", "ckpt", "--checkpoint-dir saves the epochs of one model"},
        {"--validation-fraction", "0", "--reg-param 1,0.1 chooses by the loss on held-out rows"},
        // L-BFGS takes no L1 penalty: nor a search whose values above 0 would have one, whatever its smallest
        {"--optimizer", "lbfgs --elastic-net 0.5 --reg-param 1,0", "--optimizer lbfgs needs a smooth objective"},
    };
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of("--data", "d.csv"));
      if (!(c[0] + " " + c[1]).contains("--reg-param")) {
        args.addAll(List.of("--reg-param", "1,0.1"));
      }
      args.add(c[0]);
      args.addAll(List.of(c[1].split(" ")));
      CliRun run = CliRun.withoutSpark(args.toArray(String[]::new));
      assertEquals(2, run.code(), String.join(" ", c) + ": " + run.err());
      assertTrue(run.err().contains(c[2]), String.join(" ", c) + ": " + run.err());
    }
  }
}
