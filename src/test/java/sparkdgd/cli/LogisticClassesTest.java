package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --classes}: a logistic model learns from classes labelled otherwise than 0 and 1 (-1 and +1 as in LIBSVM's
 * binary data sets, 1 and 2), trains the model the rows recoded as 0 and 1 train, and predicts and is evaluated in
 * the labels it was trained on.
 */
@Tag("spark")
class LogisticClassesTest {
  @TempDir
  Path tmp;

  /** 400 rows of two features, each row's class drawn from the logistic model {@code 1.5 a - b + 0.3}. */
  private static double[][] rows() {
    Random rnd = new Random(17);
    double[][] rows = new double[400][3];
    for (int i = 0; i < rows.length; i++) {
      double a = rnd.nextGaussian();
      double b = rnd.nextGaussian();
      double margin = 1.5 * a - b + 0.3;
      rows[i] = new double[] {a, b, rnd.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1 : 0};
    }
    return rows;
  }

  /** The rows as LIBSVM lines, class 0 and 1 labelled {@code negative} and {@code positive} as written. */
  private Path libsvm(double[][] rows, String negative, String positive, String name) throws Exception {
    StringBuilder text = new StringBuilder();
    for (double[] r : rows) {
      text.append(r[2] == 1 ? positive : negative).append(" 1:").append(r[0]).append(" 2:").append(r[1]).append('\n');
    }
    return Files.writeString(tmp.resolve(name), text.toString(), StandardCharsets.UTF_8);
  }

  private static JsonNode model(Path dir) throws Exception {
    return new ObjectMapper().readTree(dir.resolve("model.json").toFile());
  }

  /**
   * Labels -1 and +1 with --classes -1,1 train the model the same rows labelled 0 and 1 train, to the bit; model.json
   * records the classes; predict writes -1 or 1 and the probability of the positive class (checked against the
   * logistic function of w.x + b computed here); evaluate gives the log-loss of the 0/1 data and model.
   */
  @Test
  void minusOneAndPlusOneTrainPredictAndEvaluateAsZeroAndOne() throws Exception {
    double[][] rows = rows();
    Path zeroOne = libsvm(rows, "0", "1", "zero-one.libsvm");
    Path plusMinus = libsvm(rows, "-1", "+1", "plus-minus.libsvm");
    Path plain = tmp.resolve("plain");
    Path coded = tmp.resolve("coded");
    String[] common = {"--loss", "logistic", "--epochs", "60", "--tol", "0", "--partitions", "2", "--no-plots"};
    CliRun a = CliRun.of(concat(common, "--data", zeroOne.toString(), "--output", plain.toString()));
    assertEquals(0, a.code(), a.err());
    CliRun b = CliRun.of(concat(common, "--data", plusMinus.toString(), "--output", coded.toString(), "--classes",
        "-1,1"));
    assertEquals(0, b.code(), b.err());
    assertEquals(model(plain).get("coefficients"), model(coded).get("coefficients"));
    assertEquals(model(plain).get("intercept"), model(coded).get("intercept"));
    assertEquals("[-1.0,1.0]", model(coded).get("classes").toString());
    assertEquals("[0.0,1.0]", model(plain).get("classes").toString());

    double w1 = model(coded).get("coefficients").get(0).asDouble();
    double w2 = model(coded).get("coefficients").get(1).asDouble();
    double intercept = model(coded).get("intercept").asDouble();
    Path scored = tmp.resolve("scored.csv");
    CliRun predict = CliRun.of("predict", "--model", coded.toString(), "--data", plusMinus.toString(), "--output",
        scored.toString());
    assertEquals(0, predict.code(), predict.err());
    List<String> lines = predicted(scored, "label,prediction,probability");
    assertEquals(rows.length, lines.size());
    int positives = 0;
    for (int i = 0; i < rows.length; i++) {
      String[] f = lines.get(i).split(",");
      double p = 1 / (1 + Math.exp(-(w1 * rows[i][0] + w2 * rows[i][1] + intercept)));
      assertEquals(rows[i][2] == 1 ? 1.0 : -1.0, Double.parseDouble(f[0]), "row " + i);
      assertEquals(p > 0.5 ? 1.0 : -1.0, Double.parseDouble(f[1]), "row " + i);
      assertEquals(p, Double.parseDouble(f[2]), 1e-12, "row " + i);
      positives += Double.parseDouble(f[1]) == 1 ? 1 : 0;
    }
    assertTrue(positives > 50 && positives < 350, positives + " rows predicted positive");

    Path codedMetrics = tmp.resolve("coded.json");
    Path plainMetrics = tmp.resolve("plain.json");
    assertEquals(0, CliRun.of("evaluate", "--model", coded.toString(), "--data", plusMinus.toString(), "--output",
        codedMetrics.toString()).code());
    assertEquals(0, CliRun.of("evaluate", "--model", plain.toString(), "--data", zeroOne.toString(), "--output",
        plainMetrics.toString()).code());
    JsonNode c = new ObjectMapper().readTree(codedMetrics.toFile());
    JsonNode p = new ObjectMapper().readTree(plainMetrics.toFile());
    for (String metric : new String[] {"logloss", "accuracy"}) {
      assertEquals(p.get(metric).asDouble(), c.get(metric).asDouble(), 0.0, metric);
    }
    // Spark's BinaryClassificationMetrics sums over ranges its sort samples: the last bits may differ run to run
    assertEquals(p.get("auc").asDouble(), c.get("auc").asDouble(), 1e-14, "auc");
    // the 0/1 file is not this model's labels: named by its row, with the classes it was trained on
    CliRun wrongLabels = CliRun.of("evaluate", "--model", coded.toString(), "--data", zeroOne.toString(), "--output",
        tmp.resolve("wrong.json").toString());
    assertEquals(2, wrongLabels.code(), wrongLabels.err());
    assertTrue(wrongLabels.err().contains(": a logistic model is evaluated on labels -1 and 1 (as it was trained, "
        + "--classes -1,1); map the classes to -1 and 1, or fix or delete the row"), wrongLabels.err());
  }

  /** CSV labels 1 and 2 with --classes 1,2: a label 0 is refused naming its line; the predictions are 1 or 2. */
  @Test
  void otherLabelsAreRefusedNamingTheirLineAndTheClasses() throws Exception {
    double[][] rows = rows();
    StringBuilder text = new StringBuilder("a,b,y\n");
    for (double[] r : rows) {
      text.append(r[0]).append(',').append(r[1]).append(',').append(r[2] == 1 ? "2" : "1").append('\n');
    }
    Path csv = Files.writeString(tmp.resolve("one-two.csv"), text.toString());
    Path out = tmp.resolve("one-two");
    CliRun run = CliRun.of("--data", csv.toString(), "--loss", "logistic", "--classes", "1,2", "--epochs", "20",
        "--no-plots", "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    Path scored = tmp.resolve("scored.csv");
    assertEquals(0, CliRun.of("predict", "--model", out.toString(), "--data", csv.toString(), "--output",
        scored.toString()).code());
    JsonNode m = model(out);
    double wa = m.get("coefficients").get(0).asDouble();
    double wb = m.get("coefficients").get(1).asDouble();
    double b0 = m.get("intercept").asDouble();
    List<String> lines = predicted(scored, "a,b,y,prediction,probability");
    assertEquals(rows.length, lines.size());
    int twos = 0;
    for (String line : lines) {
      String[] f = line.split(",");
      double p = 1 / (1 + Math.exp(-(wa * Double.parseDouble(f[0]) + wb * Double.parseDouble(f[1]) + b0)));
      assertEquals(p > 0.5 ? 2.0 : 1.0, Double.parseDouble(f[3]), line); // class 1 is the positive label, 2
      twos += f[3].equals("2.0") ? 1 : 0;
    }
    assertTrue(twos > 50 && twos < 350, twos + " rows predicted 2");

    Path withZero = Files.writeString(tmp.resolve("with-zero.csv"), text.toString().replaceFirst("\n([^\n]*),1\n",
        "\n$1,0\n"));
    CliRun refused = CliRun.of("--data", withZero.toString(), "--loss", "logistic", "--classes", "1,2",
        "--partitions", "1", "--output", tmp.resolve("refused").toString());
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().matches("(?s).*with-zero\\.csv:\\d+:\\d+: label column \"y\" holds 0, but --classes 1,2 "
        + "names the labels 1 or 2: check --classes or --label-col.*"), refused.err());

    CliRun squared = CliRun.of("--data", csv.toString(), "--classes", "1,2", "--output",
        tmp.resolve("squared").toString());
    assertEquals(2, squared.code(), squared.err());
    assertTrue(squared.err().contains("--classes names the two classes of --loss logistic; --loss squared learns from "
        + "any number"), squared.err());
    CliRun same = CliRun.of("--data", csv.toString(), "--loss", "logistic", "--classes", "1,1", "--output",
        tmp.resolve("same").toString());
    assertEquals(2, same.code(), same.err());
    assertTrue(same.err().contains("--classes must name two different labels, got 1 twice"), same.err());
    // -0 is 0: --classes -0,1 is the default, not a pair of other labels (predictions of -0.0, "--classes 0,1" named)
    assertEquals(sparkdgd.config.LabelClasses.ZERO_ONE, sparkdgd.config.LabelClasses.parse("-0,1"));
    CliRun minusZero = CliRun.of("--data", csv.toString(), "--classes", "-0,1", "--epochs", "1", "--no-plots",
        "--output", tmp.resolve("minus-zero").toString());
    assertEquals(0, minusZero.code(), minusZero.err());
  }

  /** The rows predict wrote into the CSV part files of {@code dir}, in their order, each part's header checked. */
  private static List<String> predicted(Path dir, String header) throws Exception {
    List<Path> parts;
    try (var files = Files.list(dir)) {
      parts = files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    List<String> rows = new java.util.ArrayList<>();
    for (Path part : parts) {
      List<String> lines = Files.readAllLines(part);
      assertEquals(header, lines.get(0), part.toString());
      rows.addAll(lines.subList(1, lines.size()));
    }
    return rows;
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
