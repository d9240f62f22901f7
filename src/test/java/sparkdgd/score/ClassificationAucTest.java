package sparkdgd.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import scala.Tuple2;
import sparkdgd.testing.SparkTestSession;

/**
 * The AUC ranks rows by their margins: a confident model, whose probabilities round to 1.0 for every margin above
 * about 37, keeps its ranking's AUC (a Mann-Whitney count over the margins, ties as halves, written here).
 */
@Tag("spark")
class ClassificationAucTest {

  /** The probability that a positive outranks a negative, ties counting half: every pair counted. */
  private static double mannWhitney(double[] margins, double[] labels) {
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < margins.length; i++) {
      for (int j = 0; j < margins.length; j++) {
        if (labels[i] == 1 && labels[j] == 0) {
          wins += margins[i] > margins[j] ? 1 : margins[i] == margins[j] ? 0.5 : 0;
          pairs++;
        }
      }
    }
    return wins / pairs;
  }

  @Test
  void confidentMarginsKeepTheirRankingsArea() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    Random r = new Random(7);
    int n = 400;
    double[] margins = new double[n];
    double[] labels = new double[n];
    List<Tuple2<Object, Object>> scored = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(3) == 0 ? 0 : 1;
      // a model scaled up: margins 40-140 for most rows (probability 1.0 in double), a few negative ones
      margins[i] = (labels[i] == 1 ? 90 : 70) + 50 * r.nextGaussian();
      scored.add(new Tuple2<>(margins[i], labels[i]));
    }
    ClassificationMetrics m = ClassificationMetrics.of(jsc.parallelize(scored, 3));
    double expected = mannWhitney(margins, labels);
    assertEquals(expected, m.auc(), 1e-12, "the margins' ranking");
    double[] probabilities = new double[n];
    for (int i = 0; i < n; i++) {
      probabilities[i] = sparkdgd.loss.LogisticLoss.probability(margins[i]);
    }
    assertTrue(Math.abs(mannWhitney(probabilities, labels) - expected) > 0.01,
        "the probabilities tie where they round to 1: " + mannWhitney(probabilities, labels) + " against " + expected);
  }
}
