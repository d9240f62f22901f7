package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.SparkTestSession;

/**
 * A logistic model end to end through the command line: train, load {@code spark-model/} as Spark ML's
 * {@code LogisticRegressionModel} (same probabilities), then {@code predict} and {@code evaluate}, whose
 * log-loss, accuracy and AUC are checked against a plain loop and a rank-sum AUC computed here.
 */
@Tag("spark")
class LogisticModelTest {

  @Test
  void trainLoadInSparkMlPredictAndEvaluate(@TempDir Path tmp) throws Exception {
    Dataset margins = Dataset.correlated(1500, new double[] {0.8, -0.5}, -1, 0.3, 0.0, 21);
    Random rnd = new Random(2);
    double[] labels = new double[margins.rows()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-margins.y()[i])) ? 1 : 0;
    }
    Dataset d = new Dataset(margins.x(), labels, margins.featureNames());
    Path csv = d.writeCsv(tmp.resolve("binary.csv"));
    Path out = tmp.resolve("model");
    CliRun train = CliRun.of("--data", csv.toString(), "--loss", "logistic", "--optimizer", "lbfgs",
        "--epochs", "200", "--gradient-tol", "1e-9", "--no-plots", "--output", out.toString());
    assertEquals(0, train.code(), train.err());
    assertTrue(train.out().contains("log-loss"), train.out());
    // the progress lines' AUC is from probability bins, so named; the final line's is exact
    assertTrue(train.out().matches("(?s).*\nEpoch 1: .*, binned AUC 0\\.\\d+, .*"), train.out());
    assertTrue(train.out().matches("(?s).*\nOn the training data: log-loss = \\S+, accuracy = \\S+, AUC = .*"),
        train.out());
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertEquals("logistic-regression", model.get("modelType").asText());
    double[] w = {model.get("coefficients").get(0).asDouble(), model.get("coefficients").get(1).asDouble()};
    double b = model.get("intercept").asDouble();

    // Spark ML loads the saved model and gives the same probabilities
    LogisticRegressionModel ml = LogisticRegressionModel.load(out.resolve("spark-model").toString());
    for (int i = 0; i < 20; i++) {
      Vector x = Vectors.dense(d.x()[i]);
      double ours = 1 / (1 + Math.exp(-(w[0] * d.x()[i][0] + w[1] * d.x()[i][1] + b)));
      assertEquals(ours, ml.predictProbability(x).apply(1), 1e-12);
    }

    // independent metrics: a plain loop, and the AUC as the Mann-Whitney rank statistic
    double logLoss = 0;
    int correct = 0;
    double[] p = new double[d.rows()];
    for (int i = 0; i < d.rows(); i++) {
      p[i] = 1 / (1 + Math.exp(-(w[0] * d.x()[i][0] + w[1] * d.x()[i][1] + b)));
      logLoss -= labels[i] == 1 ? Math.log(p[i]) : Math.log(1 - p[i]);
      correct += (p[i] > 0.5) == (labels[i] == 1) ? 1 : 0;
    }
    logLoss /= d.rows();
    Integer[] order = new Integer[d.rows()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, c) -> Double.compare(p[a], p[c]));
    double rankSum = 0;
    long positives = 0;
    for (int r = 0; r < order.length; r++) {
      if (labels[order[r]] == 1) {
        rankSum += r + 1;
        positives++;
      }
    }
    long negatives = d.rows() - positives;
    double auc = (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);

    Path metrics = tmp.resolve("metrics.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", out.toString(), "--data", csv.toString(), "--output",
        metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    JsonNode m = new ObjectMapper().readTree(metrics.toFile());
    assertEquals(logLoss, m.get("logloss").asDouble(), 1e-12);
    for (String key : new String[] {"logloss", "accuracy", "auc"}) {
      assertTrue(model.get("trainMetrics").has(key), "model.json and metrics.json name it alike: " + key);
    }
    assertEquals((double) correct / d.rows(), m.get("accuracy").asDouble(), 0.0);
    assertEquals(auc, m.get("auc").asDouble(), 1e-12);
    assertEquals(auc, model.get("trainMetrics").get("auc").asDouble(), 1e-12, "model.json has the training AUC");
    List<String> history = java.nio.file.Files.readAllLines(out.resolve("history.csv"));
    assertTrue(history.get(0).endsWith(",train_logloss,train_accuracy,train_auc"), history.get(0));
    String[] last = history.get(history.size() - 1).split(",");
    assertEquals(auc, Double.parseDouble(last[last.length - 1]), 2e-3, "the binned AUC of the last epoch");

    Path scored = tmp.resolve("scored");
    CliRun predict = CliRun.of("predict", "--model", out.toString(), "--data", csv.toString(), "--output",
        scored.toString(), "--output-format", "parquet");
    assertEquals(0, predict.code(), predict.err());
    List<Row> rows = SparkTestSession.get().read().parquet(scored.toString()).select("x1", "prediction",
        "probability").collectAsList();
    assertEquals(d.rows(), rows.size());
    for (Row r : rows) {
      double prob = r.getDouble(2);
      assertEquals(prob > 0.5 ? 1.0 : 0.0, r.getDouble(1), 0.0);
      assertTrue(prob > 0 && prob < 1);
    }
  }

  /**
   * Labels all 1, then all 0: with no pair of a positive and a negative row to rank, the AUC is undefined, as R^2
   * is for constant labels. It is null in model.json and metrics.json and empty in history.csv (per-epoch binned
   * AUC), printed as NaN with the reason, and train and evaluate warn. (Spark's BinaryClassificationMetrics says 1.0
   * for all 1 and 0.0 for all 0.) The log-loss is still defined, checked against a plain loop.
   */
  @Test
  void oneClassLeavesTheAucUndefinedAndWarns(@TempDir Path tmp) throws Exception {
    double[][] x = {{1, 2}, {0.5, 3}};
    for (int label : new int[] {1, 0}) {
      Path csv = Files.writeString(tmp.resolve("one-class-" + label + ".csv"),
          "u,v,label\n1,2," + label + "\n0.5,3," + label + "\n");
      Path out = tmp.resolve("model-" + label);
      CliRun train = CliRun.of("--data", csv.toString(), "--loss", "logistic", "--epochs", "20", "--no-plots",
          "--no-spark-model", "--output", out.toString());
      assertEquals(0, train.code(), train.err());
      assertEquals(List.of("warning: the training data has only one class: every label is " + label
          + " (2 rows), so the AUC is undefined, and the model can only learn to predict that class; check "
          + "--label-col, or train on rows of both classes 0 and 1"),
          train.err().lines().filter(l -> l.contains("only one class")).toList(), "once, before training");
      // and no other: every row is right as the intercept grows, which is neither separation nor a run too short
      assertFalse(train.err().contains("separate the classes"), train.err());
      assertFalse(train.err().contains("optimum"), train.err());
      assertTrue(train.out().contains(", AUC = NaN (only one class)\n"), train.out());
      JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
      assertTrue(model.get("trainMetrics").get("auc").isNull(), model.toString());
      JsonNode trainMetrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
      assertTrue(trainMetrics.get("auc").isNull(), trainMetrics.toString());
      List<String> history = Files.readAllLines(out.resolve("history.csv"));
      assertTrue(history.get(0).endsWith(",train_auc"), history.get(0));
      assertTrue(history.get(history.size() - 1).endsWith(","), "no binned AUC: " + history);

      double w0 = model.get("coefficients").get(0).asDouble();
      double w1 = model.get("coefficients").get(1).asDouble();
      double b = model.get("intercept").asDouble();
      double logLoss = 0;
      for (double[] row : x) {
        double p = 1 / (1 + Math.exp(-(w0 * row[0] + w1 * row[1] + b)));
        logLoss -= (label == 1 ? Math.log(p) : Math.log(1 - p)) / x.length;
      }
      // 1e-12 relative: the same two terms, summed per partition
      assertEquals(logLoss, trainMetrics.get("logloss").asDouble(), 1e-12 * logLoss);

      Path metrics = tmp.resolve("metrics-" + label + ".json");
      CliRun evaluate = CliRun.of("evaluate", "--model", out.toString(), "--data", csv.toString(), "--output",
          metrics.toString());
      assertEquals(0, evaluate.code(), evaluate.err());
      assertEquals("warning: the data has only one class: every label is " + label + " (2 rows), so the AUC is "
          + "undefined", evaluate.err().strip());
      assertTrue(evaluate.out().contains(", AUC = NaN (only one class) on 2 rows;"), evaluate.out());
      JsonNode m = new ObjectMapper().readTree(metrics.toFile());
      assertTrue(m.get("auc").isNull(), m.toString());
      assertEquals(evaluate.err().strip(), "warning: " + m.get("warnings").get(0).asText());
      assertEquals(logLoss, m.get("logloss").asDouble(), 1e-12 * logLoss);
    }
  }
}
