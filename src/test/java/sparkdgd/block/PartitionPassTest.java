package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import sparkdgd.testing.SparkTestSession;

/** The pass's own job against the same sums made with {@code mapPartitionsWithIndex} and {@code collect}. */
class PartitionPassTest {
  @Test
  void oneJobGivesTheSumsOfMapPartitionsAndCollectAndEachPartitionItsIndex() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    Random rnd = new Random(3);
    List<Block> blocks = new ArrayList<>();
    for (int k = 0; k < 23; k++) {
      int n = 1 + rnd.nextInt(50);
      double[] x = new double[n * 2];
      double[] y = new double[n];
      for (int i = 0; i < x.length; i++) {
        x[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(12));
      }
      blocks.add(new DenseBlock(n, 2, x, y));
    }
    JavaRDD<Block> rdd = jsc.parallelize(blocks, 7);
    // slot 0, 1: the feature sums; slot 2: the partition index once per block (is each partition told its own?)
    PartitionSummers summers = partition -> (b, acc) -> {
      for (int i = 0; i < b.rows(); i++) {
        acc[0] += b.value(i, 0);
        acc[1] += b.value(i, 1);
      }
      acc[2] += partition;
    };
    BlockPass.Totals oneJob = BlockPass.run(rdd, summers, 3);
    JavaRDD<PartitionSums> perPartition = rdd.mapPartitionsWithIndex(
        (index, it) -> List.of(PartitionPass.sum(it, summers.forPartition(index), 3)).iterator(), true);
    BlockPass.Totals twoSteps = BlockPass.merge(perPartition, 3, 1);
    assertArrayEquals(twoSteps.sums(), oneJob.sums(), 0.0);
    assertEquals(blocks.stream().mapToLong(Block::rows).sum(), oneJob.rows());
    assertEquals(twoSteps.rows(), oneJob.rows());
    double expectedIndexes = 0;
    List<List<Block>> parts = rdd.glom().collect();
    for (int p = 0; p < parts.size(); p++) {
      expectedIndexes += (double) p * parts.get(p).size();
    }
    assertEquals(expectedIndexes, oneJob.sums()[2], 0.0);
  }
}
