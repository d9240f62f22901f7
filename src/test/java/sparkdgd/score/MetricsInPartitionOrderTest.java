package sparkdgd.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparkdgd.block.Block;
import sparkdgd.block.DenseBlock;
import sparkdgd.output.LinearModel;
import sparkdgd.testing.SparkTestSession;

/**
 * The metrics of the same model on the same blocks are the same bits on every run: the partitions' sums are added in
 * the partitions' order, not in the order their tasks end. Three partitions whose squared errors are 1e16, 1 and 1:
 * added in order, 1e16 + 1 rounds to 1e16 (the doubles there are 2 apart) and so does the next 1, a total of 1e16;
 * had the first partition's task ended last, as its delay here makes it, the order of ending would give 1 + 1 + 1e16,
 * which is 1e16 + 2 (the old aggregate's answer).
 */
@Tag("spark")
class MetricsInPartitionOrderTest {

  @Test
  void sumsAreAddedInPartitionOrderWhateverTaskEndsLast() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    List<Block> blocks = List.of(
        new DenseBlock(1, 1, new double[] {0}, new double[] {1e8}),
        new DenseBlock(1, 1, new double[] {0}, new double[] {1}),
        new DenseBlock(1, 1, new double[] {0}, new double[] {1}));
    JavaRDD<Block> slowFirst = jsc.parallelize(blocks, 3).mapPartitionsWithIndex((index, it) -> {
      if (index == 0) {
        Thread.sleep(1500); // the first partition's task ends last
      }
      return it;
    }, true);
    LinearModel zero = new LinearModel(List.of("x1"), new double[] {0}, 0, "y");
    for (int run = 0; run < 2; run++) {
      RegressionMetrics m = BlockMetrics.of(slowFirst, zero);
      assertEquals(1e16 / 3, m.mse(), 0.0, "squared errors 1e16, 1, 1 added in partition order");
    }
  }
}
