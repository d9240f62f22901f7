package sparkdgd.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparkdgd.block.Block;
import sparkdgd.block.SparseBlockBuilder;
import sparkdgd.testing.SparkTestSession;

/**
 * The coefficients reach the tasks both ways: inside the task closure (few features) and as a broadcast
 * (more than {@link DistributedLoss#CLOSURE_MAX_COEFFICIENTS}). Integer features, labels and coefficients
 * keep every product and sum an integer below 2^53, so they are exact in double in any order, and the
 * expected sums come from a plain loop in {@code long} arithmetic.
 */
@Tag("spark")
class DistributedLossTest {

  @Test
  void closureAndBroadcastPathsGiveTheExactGradientAndLoss() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    for (int d : new int[] {3, DistributedLoss.CLOSURE_MAX_COEFFICIENTS + 5}) {
      Random rnd = new Random(d);
      int n = 60;
      long[] coef = new long[d + 1];
      for (int j = 0; j <= d; j++) {
        coef[j] = rnd.nextInt(5) - 2;
      }
      long[] gradientSums = new long[d + 1]; // sum r x_j, then sum r
      long squares = 0;
      List<Block> blocks = new ArrayList<>();
      SparseBlockBuilder builder = new SparseBlockBuilder(d, 7);
      for (int i = 0; i < n; i++) {
        int[] at = {rnd.nextInt(d), rnd.nextInt(d), rnd.nextInt(d)};
        java.util.Arrays.sort(at);
        long[] value = new long[3];
        long margin = coef[d];
        for (int k = 0; k < 3; k++) {
          if (k > 0 && at[k] == at[k - 1]) {
            continue; // a repeated index: keep the first value only
          }
          value[k] = rnd.nextInt(7) - 3;
          builder.add(at[k], value[k]);
          margin += value[k] * coef[at[k]];
        }
        long y = rnd.nextInt(21) - 10;
        builder.commitRow(y);
        long r = margin - y;
        for (int k = 0; k < 3; k++) {
          gradientSums[at[k]] += r * value[k];
        }
        gradientSums[d] += r;
        squares += r * r;
        if (builder.isFull() || i == n - 1) {
          blocks.add(builder.build());
          builder = new SparseBlockBuilder(d, 7);
        }
      }
      JavaRDD<Block> rdd = jsc.parallelize(blocks, 3);
      DistributedLoss loss = new DistributedLoss(jsc, rdd, FeatureScaling.identity(d), n);
      double[] theta = new double[d + 1];
      for (int j = 0; j <= d; j++) {
        theta[j] = coef[j];
      }
      LossEvaluation eval = loss.evaluate(theta, "test");
      assertEquals((double) squares / n, eval.loss(), 0.0, "MSE, d = " + d);
      for (int j = 0; j <= d; j++) {
        // the exact integer sum times 2/n: at most one rounding apart from the pass's (2/n) * sum
        double expected = 2.0 / n * gradientSums[j];
        assertEquals(expected, eval.gradient()[j], Math.ulp(expected), "gradient " + j + ", d = " + d);
      }
    }
  }
}
