package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log-loss of a confident wrong prediction counts in full wherever it is scored: a row with label 0 and margin
 * {@code m} costs {@code log(1 + e^m)}, about {@code m} for large {@code m}, not the {@code -log(1e-16) = 36.8}
 * that a probability rounded to 1 and clamped would give. {@code evaluate}, the training summary line,
 * {@code metrics.json}, {@code model.json} and {@code history.csv} all agree with the loss computed here.
 */
@Tag("spark")
class LogLossFromMarginTest {

  /**
   * {@code log(1 + e^t)}, the loss of a row whose margin points {@code t} the wrong way ({@code t = m} for label 0,
   * {@code -m} for label 1). Far out, the series: {@code t + log(1 + e^-t) = t + e^-t - ...} for {@code t > 35}
   * (the next term, {@code e^-2t / 2}, is below 1e-30) and {@code e^t} for {@code t < -35} (relative error
   * {@code e^t / 2 < 1e-15}); in between, the formula as written (1 + e^t is rounded at 1e-16 of a number >= 1,
   * so the log is off by at most about 1e-16).
   */
  static double wrongWayLoss(double t) {
    if (t > 35) {
      return t + Math.exp(-t);
    }
    if (t < -35) {
      return Math.exp(t);
    }
    return Math.log(1 + Math.exp(t));
  }

  static double rowLoss(double margin, double label) {
    return wrongWayLoss(label == 1 ? -margin : margin);
  }

  @Test
  void evaluateCountsConfidentWrongRowsInFull(@TempDir Path tmp) throws Exception {
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(model.resolve("model.json"), "{\"modelType\": \"logistic-regression\", \"loss\": \"logistic\","
        + " \"featureNames\": [\"x\"], \"coefficients\": [1.0], \"intercept\": 0.0, \"labelName\": \"label\"}");
    // margin = x: far wrong both ways (800: e^800 overflows a double), past the rounding of the probability (40),
    // right and confident, and ordinary rows
    double[][] rows = {{365.15, 0}, {800, 0}, {-800, 1}, {40, 0}, {-40, 1}, {50, 1}, {-60, 0}, {2, 1}, {-0.5, 0},
        {0, 1}};
    StringBuilder csv = new StringBuilder("x,label\n");
    double expected = 0;
    for (double[] r : rows) {
      csv.append(r[0]).append(',').append((int) r[1]).append('\n');
      expected += rowLoss(r[0], r[1]) / rows.length;
    }
    // by hand: 365.15 + 800 + 800 + 40 + 40 (each plus less than 1e-17), two rows of about e^-50 and e^-60, and
    // log(1 + e^-2) + log(1 + e^-0.5) + log 2 = 0.126928 + 0.474077 + 0.693147
    assertEquals((2045.15 + 0.126928 + 0.474077 + 0.693147) / 10, expected, 1e-6);
    Path data = Files.writeString(tmp.resolve("extreme.csv"), csv);

    Path metrics = tmp.resolve("metrics.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    // 1e-14 relative: ten terms summed in another order
    assertEquals(expected, new ObjectMapper().readTree(metrics.toFile()).get("logloss").asDouble(), 1e-14 * expected);
    assertTrue(evaluate.out().contains(String.format(Locale.ROOT, "log-loss = %.8g,", expected)), evaluate.out());
  }

  /**
   * Training data with one row far on the wrong side of the fitted line (x = 60, label 0, while the labels follow
   * P(1) = sigma(2x)): its margin stays near 60 times the slope, well past 37. The log-loss of the final model is
   * the same in the training summary line, model.json, history.csv, the training run's metrics.json and
   * {@code evaluate} on the same file, and equals the mean computed here from model.json's coefficients.
   */
  @Test
  void trainingAndEvaluateAgreeWithAnOutlier(@TempDir Path tmp) throws Exception {
    Random rnd = new Random(7);
    int n = 2000;
    StringBuilder csv = new StringBuilder("x,label\n");
    double[] x = new double[n + 1];
    double[] y = new double[n + 1];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian();
      y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-2 * x[i])) ? 1 : 0;
    }
    x[n] = 60;
    y[n] = 0;
    for (int i = 0; i <= n; i++) {
      csv.append(x[i]).append(',').append((int) y[i]).append('\n');
    }
    Path data = Files.writeString(tmp.resolve("outlier.csv"), csv);
    Path out = tmp.resolve("model");
    CliRun train = CliRun.of("--data", data.toString(), "--loss", "logistic", "--optimizer", "lbfgs", "--epochs",
        "50", "--no-plots", "--no-spark-model", "--output", out.toString());
    assertEquals(0, train.code(), train.err());

    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    double w = model.get("coefficients").get(0).asDouble();
    double b = model.get("intercept").asDouble();
    assertTrue(w * 60 + b > 40, "the outlier's margin is past the probability's rounding: " + (w * 60 + b));
    double expected = 0;
    for (int i = 0; i <= n; i++) {
      expected += rowLoss(w * x[i] + b, y[i]);
    }
    expected /= n + 1;

    // 1e-12 relative: the same terms summed per block and partition, on standardized features in training (their
    // margins differ from w x + b in the last bits, times margins up to ~100)
    double tolerance = 1e-12 * expected;
    double trainMetric = model.get("trainMetrics").get("logloss").asDouble();
    assertEquals(expected, trainMetric, tolerance, "model.json trainMetrics");
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    List<String> header = List.of(history.get(0).split(","));
    double historyLoss = Double.parseDouble(history.get(history.size() - 1).split(",")[header.indexOf("train_logloss")]);
    assertEquals(expected, historyLoss, tolerance, "history.csv's last train_logloss");
    double trainJson = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("logloss").asDouble();
    assertEquals(expected, trainJson, tolerance, "the training run's metrics.json");
    Matcher line = Pattern.compile("On the training data: log-loss = (\\S+),").matcher(train.out());
    assertTrue(line.find(), train.out());
    assertEquals(expected, Double.parseDouble(line.group(1)), 1e-5 * expected, "the summary line, 6 digits");

    Path metrics = tmp.resolve("metrics.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", out.toString(), "--data", data.toString(), "--output",
        metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    double evaluated = new ObjectMapper().readTree(metrics.toFile()).get("logloss").asDouble();
    assertEquals(expected, evaluated, tolerance, "evaluate");
    assertEquals(historyLoss, evaluated, tolerance, "evaluate and the training history, same model and data");
  }
}
