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
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --class-weight}: a logistic model whose rows count their class's weight is the model of a weight column
 * holding those weights (times the rows' own {@code --weight-col} weights), the weight column's objective being
 * checked against Spark ML's weightCol in WeightedRowsTest. {@code balanced}'s weights are worked out here from the
 * rows, {@code n / (2 n_c)}; the metrics after training are the plain ones, computed here from the model.
 */
@Tag("spark")
class ClassWeightTest {
  @TempDir
  Path tmp;

  private static final int ROWS = 800;
  /** The rows' features a and b, sample weight w and class y: about one row in six of class 1. */
  private final double[][] rows = new double[ROWS][];

  /**
   * The rows as CSV with columns a, b, w, y and, for each row, {@code cw} times w where {@code cw} is its class's
   * weight: class 0's {@code negative}, class 1's {@code positive}.
   */
  private Path csv(String name, double negative, double positive) throws Exception {
    StringBuilder text = new StringBuilder("a,b,w,y,product\n");
    for (double[] r : rows) {
      double product = r[2] * (r[3] > 0.5 ? positive : negative);
      text.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append(',').append(r[3]).append(',')
          .append(product).append('\n');
    }
    return Files.writeString(tmp.resolve(name), text.toString(), StandardCharsets.UTF_8);
  }

  private void draw() {
    Random rnd = new Random(17);
    for (int i = 0; i < ROWS; i++) {
      double a = rnd.nextGaussian();
      double b = rnd.nextGaussian();
      double w = 0.5 + rnd.nextInt(4) / 2.0;
      double y = rnd.nextDouble() < 1 / (1 + Math.exp(-(1.3 * a - 0.7 * b - 2.2))) ? 1 : 0;
      rows[i] = new double[] {a, b, w, y};
    }
  }

  private CliRun train(Path data, String name, String... more) {
    String[] args = {"--data", data.toString(), "--output", tmp.resolve(name).toString(), "--loss", "logistic",
        "--features", "a,b", "--label-col", "y", "--tol", "0", "--partitions", "2", "--no-plots", "--no-spark-model"};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    CliRun run = CliRun.of(all);
    assertEquals(0, run.code(), run.out() + run.err());
    return run;
  }

  /** {@link #train} to the optimum: L-BFGS until the gradient's norm is below 1e-10. */
  private CliRun trainToOptimum(Path data, String name, String... more) {
    return train(data, name, concat(new String[] {"--optimizer", "lbfgs", "--epochs", "200", "--gradient-tol", "1e-10"},
        more));
  }

  private JsonNode json(String dir, String file) throws Exception {
    return new ObjectMapper().readTree(tmp.resolve(dir).resolve(file).toFile());
  }

  private static double[] coefficients(JsonNode m) {
    return new double[] {m.get("coefficients").get(0).asDouble(), m.get("coefficients").get(1).asDouble(),
        m.get("intercept").asDouble()};
  }

  /**
   * balanced, with and without the rows' own weights, trains the model of a weight column of balanced's weights (times
   * the rows' weights). (Not to the last bit: the features are standardized by the rows' own weights, as scikit-learn's
   * StandardScaler takes sample_weight and not class_weight, where the column's run standardizes by the products.)
   */
  @Test
  void balancedTrainsAsAWeightColumnOfItsWeights() throws Exception {
    draw();
    long positives = 0;
    for (double[] r : rows) {
      positives += r[3] > 0.5 ? 1 : 0;
    }
    long negatives = ROWS - positives;
    assertTrue(positives > 80 && positives < 250, positives + " rows of class 1");
    double n = ROWS;
    double negative = n / (2.0 * negatives);
    double positive = n / (2.0 * positives);
    Path data = csv("balanced.csv", negative, positive);

    CliRun balanced = trainToOptimum(data, "balanced", "--class-weight", "balanced", "--weight-col", "w");
    assertTrue(balanced.out().contains(String.format(java.util.Locale.ROOT, "Class weights: %.6g for class 0 (%,d "
        + "rows), %.6g for class 1 (%,d rows) (--class-weight balanced: n / (2 n_c)): ", negative, negatives, positive,
        positives)), balanced.out());
    assertTrue(balanced.out().contains(" 800 rows weighted by \"w\" and by --class-weight balanced, "), balanced.out());
    trainToOptimum(data, "column", "--weight-col", "product");
    JsonNode byClass = json("balanced", "model.json");
    JsonNode byColumn = json("column", "model.json");
    assertArrayEquals(coefficients(byColumn), coefficients(byClass), 1e-8);
    assertEquals("balanced", byClass.get("classWeight").asText());
    assertEquals(negative, byClass.get("classWeights").get(0).asDouble(), 0.0);
    assertEquals(positive, byClass.get("classWeights").get(1).asDouble(), 0.0);

    // without sample weights: balanced's weights alone, against a column of them (w = 1 in every row)
    for (double[] r : rows) {
      r[2] = 1;
    }
    Path plain = csv("plain.csv", negative, positive);
    trainToOptimum(plain, "plain-balanced", "--class-weight", "balanced");
    trainToOptimum(plain, "plain-column", "--weight-col", "product");
    assertArrayEquals(coefficients(json("plain-column", "model.json")),
        coefficients(json("plain-balanced", "model.json")), 1e-8);
  }

  /**
   * Given weights W0,W1 weigh the classes as a column of them does; the model moves towards the class weighed up, and
   * the metrics after training are the plain log-loss and accuracy of that model over the rows (each row once).
   */
  @Test
  void givenWeightsTrainAsAColumnAndTheMetricsAfterTrainingAreThePlainOnes() throws Exception {
    draw();
    for (double[] r : rows) {
      r[2] = 1;
    }
    Path data = csv("given.csv", 0.5, 3);
    trainToOptimum(data, "given", "--class-weight", "0.5,3");
    trainToOptimum(data, "column", "--weight-col", "product");
    trainToOptimum(data, "none");
    double[] given = coefficients(json("given", "model.json"));
    double[] column = coefficients(json("column", "model.json"));
    double[] none = coefficients(json("none", "model.json"));
    for (int j = 0; j < 3; j++) {
      assertEquals(column[j], given[j], 1e-8, "coefficient " + j);
    }
    // class 1 weighed up 6 times against class 0: the intercept rises by about log 6 from the unweighted one
    assertEquals(Math.log(6), given[2] - none[2], 0.5);

    double loss = 0;
    double right = 0;
    for (double[] r : rows) {
      double m = given[0] * r[0] + given[1] * r[1] + given[2];
      loss += Math.log1p(Math.exp(m)) - r[3] * m;
      right += (m > 0) == (r[3] == 1) ? 1 : 0;
    }
    // weights far beyond a double's squares are taken over the larger: 1e305,1e305 trains as no class weights
    trainToOptimum(data, "huge", "--class-weight", "1e305,1e305");
    assertArrayEquals(none, coefficients(json("huge", "model.json")), 1e-8);
    JsonNode metrics = json("given", "metrics.json");
    assertEquals(loss / ROWS, metrics.get("logloss").asDouble(), 1e-12);
    assertEquals(right / ROWS, metrics.get("accuracy").asDouble(), 1e-12);
  }

  /**
   * Mini-batches' automatic step counts the rows as their effective number under the class weights, (sum c w)^2 /
   * sum (c w)^2 (worked out here): balanced weights on about one row in six of class 1 make the 800 rows worth about
   * 580 draws.
   */
  @Test
  void miniBatchesTakeTheStepOfTheClassWeightedRowsEffectiveNumber() throws Exception {
    draw();
    double[] weight = new double[2];
    double[] squares = new double[2];
    long positives = 0;
    for (double[] r : rows) {
      int c = r[3] > 0.5 ? 1 : 0;
      weight[c] += r[2];
      squares[c] += r[2] * r[2];
      positives += c;
    }
    double[] classes = {ROWS / (2.0 * (ROWS - positives)), ROWS / (2.0 * positives)};
    double total = classes[0] * weight[0] + classes[1] * weight[1];
    double effective = total * total / (classes[0] * classes[0] * squares[0] + classes[1] * classes[1] * squares[1]);
    assertTrue(effective < 0.9 * ROWS, effective + " of " + ROWS);
    CliRun run = train(csv("batches.csv", 1, 1), "batches", "--class-weight", "balanced", "--weight-col", "w",
        "--batch-fraction", "0.1", "--epochs", "40");
    assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "the curvature batches of about %,.0f rows can "
        + "have", 0.1 * effective)), run.out());
    assertFalse(run.err().contains("are worth"), run.err());
    // batches of 1% hold fewer than 10 rows' worth of weight: a warning says so
    CliRun small = train(csv("small.csv", 1, 1), "small", "--class-weight", "balanced", "--weight-col", "w",
        "--batch-fraction", "0.01", "--epochs", "2");
    CliRun validated = train(csv("validated.csv", 1, 1), "validated", "--class-weight", "balanced", "--epochs", "3",
        "--validation-fraction", "0.2");
    assertTrue(validated.out().matches("(?s).*\nOn the [0-9]+ validation rows \\(weighted by --class-weight, as the "
        + "epochs' lines\\): log-loss = .*"), validated.out());
    assertTrue(small.err().contains(String.format(java.util.Locale.ROOT, "warning: the rows weighed by their classes "
        + "(--class-weight balanced, times --weight-col \"w\") are worth %.3g rows of weight 1 ((sum c w)^2 / sum (c "
        + "w)^2 of 800 rows), so a batch of --batch-fraction 0.01 holds about %.2g of them: ", effective,
        0.01 * effective)), small.err());
  }

  @Test
  void classWeightsOutsideALogisticModelOrNotAboveZeroAreRefused() throws Exception {
    draw();
    Path data = csv("refused.csv", 1, 1);
    String[] base = {"--data", data.toString(), "--output", tmp.resolve("never").toString(), "--label-col", "y"};
    CliRun squared = CliRun.of(concat(base, "--class-weight", "balanced"));
    assertEquals(2, squared.code());
    assertEquals("error: --class-weight weighs the two classes of --loss logistic; --loss squared has no classes "
        + "(--weight-col weighs any rows) (see --help)", squared.err().strip());
    CliRun zero = CliRun.of(concat(base, "--loss", "logistic", "--class-weight", "0,1"));
    assertEquals(2, zero.code());
    assertEquals("error: --class-weight's weights must be finite and > 0 (a class of weight 0 would leave one class to "
        + "learn), got \"0,1\" (see --help)", zero.err().strip());
    CliRun word = CliRun.of(concat(base, "--loss", "logistic", "--class-weight", "balance"));
    assertEquals(2, word.code());
    assertEquals("error: --class-weight must be balanced or two weights W0,W1 (class 0's and class 1's, e.g. 1,5), got "
        + "\"balance\" (see --help)", word.err().strip());
  }

  private static String[] concat(String[] a, String... b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
