package sparkdgd.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scala.Product;
import scala.Tuple2;
import scala.Tuple3;
import sparkdgd.testing.SparkTestSession;

/**
 * The exact AUC by ranges of scores against Spark's {@code BinaryClassificationMetrics} with 0 bins (every score its
 * own threshold, the trapezoids of its curve) on the same rows: scores with many ties, with weights or without, over
 * several partitions, a skew of equal scores, and partitions left empty.
 */
@Tag("spark")
class ExactAucTest {

  @ParameterizedTest(name = "{0} rows, {1} distinct scores, weighted {2}, {3} partitions")
  @CsvSource({"5000, 40, false, 4", "5000, 40, true, 4", "20000, 1000000, false, 7", "20000, 1000000, true, 3",
      "3000, 1, false, 4", "3000, 3, true, 1", "50, 1000, false, 16"})
  void equalsSparksAreaUnderTheRocCurve(int rows, int distinct, boolean weighted, int partitions) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    Random r = new Random(rows + distinct);
    List<Product> scored = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      double label = r.nextInt(3) == 0 ? 1 : 0;
      // scores drawn from a few values (ties) or from many, positives a little higher; some rows on one score
      double score = i % 10 == 0 ? 0.5 : Math.floor((r.nextGaussian() + label) * distinct / 6) / distinct;
      scored.add(weighted ? new Tuple3<Object, Object, Object>(score, label, 0.25 + r.nextInt(8) / 2.0)
          : new Tuple2<Object, Object>(score, label));
    }
    JavaRDD<Product> data = jsc.parallelize(scored, partitions);
    double expected = new BinaryClassificationMetrics(data.rdd(), 0).areaUnderROC();
    assertTrue(expected > 0.5 && expected < 1 || distinct == 1, "a ranking between chance and perfect: " + expected);
    assertEquals(expected, ExactAuc.of(data), 1e-12);
  }

  /**
   * Infinite margins (a feature near the largest double), -0.0 beside 0.0 (a tie), rows of weight 0 (nothing), more
   * partitions than rows: against the pairs counted here, ties half; a class of no weight has no AUC.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "infinities; -Infinity 0 1, -Infinity 1 1, 0 0 1, 0 1 2, Infinity 1 1, Infinity 0 0.5, 3 1 1",
      "signed zeros; -0.0 0 1, 0.0 1 1, 1 1 1, -1 0 1",
      "zero weights; 1 1 0, 0 0 1, 2 1 1, 5 0 0, 3 0 2",
      "one class of weight; 1 1 1, 2 1 1, 0 0 0, 3 0 0"})
  void pairsCountedAsTheyRank(String name, String rows) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    List<double[]> r = java.util.Arrays.stream(rows.split(",")).map(String::trim)
        .map(t -> java.util.Arrays.stream(t.split(" ")).mapToDouble(Double::parseDouble).toArray()).toList();
    double wins = 0;
    double pairs = 0;
    for (double[] pos : r) {
      for (double[] neg : r) {
        if (pos[1] == 1 && neg[1] == 0) {
          double tie = pos[0] == neg[0] ? 0.5 : 0; // -0.0 == 0.0
          wins += pos[2] * neg[2] * (pos[0] > neg[0] ? 1 : tie);
          pairs += pos[2] * neg[2];
        }
      }
    }
    List<Product> scored = r.stream().map(t -> (Product) new Tuple3<Object, Object, Object>(t[0], t[1], t[2]))
        .toList();
    double auc = ExactAuc.of(jsc.parallelize(scored, 9));
    if (pairs == 0) {
      assertTrue(Double.isNaN(auc), name + ": " + auc);
    } else {
      assertEquals(wins / pairs, auc, 1e-15, name);
    }
  }
}
