package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.SquaredLoss;
import sparkdgd.testing.SparkTestSession;

/** A pass's totals are bit-identical across runs and task retries. */
@Tag("spark")
class ReproducibilityTest {
  /** Tasks run in this JVM in local mode, so a static counter sees them. */
  static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();

  private static JavaRDD<Block> blocks(JavaSparkContext jsc) {
    Random rnd = new Random(9);
    List<Block> blocks = new ArrayList<>();
    for (int b = 0; b < 24; b++) {
      int rows = 50 + b;
      double[] x = new double[rows * 3];
      double[] y = new double[rows];
      for (int i = 0; i < x.length; i++) {
        x[i] = rnd.nextGaussian() * 1e3;
      }
      for (int i = 0; i < rows; i++) {
        y[i] = rnd.nextGaussian() * 1e-3;
      }
      blocks.add(new DenseBlock(rows, 3, x, y));
    }
    return jsc.parallelize(blocks, 6);
  }

  @Test
  void totalsAreBitIdenticalAcrossRunsAndWhenATaskFailsAndIsRetried() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    JavaRDD<Block> data = blocks(jsc);
    double[] coef = {0.3, -1.7, 2.9, 0.01};
    BlockSummer kernel = (b, acc) -> LossKernel.addBlock(b, coef, new SquaredLoss(), 1.0, acc);
    BlockPass.Totals first = BlockPass.run(data, kernel, LossKernel.width(3));
    BlockPass.Totals second = BlockPass.run(data, kernel, LossKernel.width(3));
    assertArrayEquals(first.sums(), second.sums(), 0.0, "two runs");

    INJECTED_FAILURES.set(0);
    BlockSummer failsOnce = (b, acc) -> {
      TaskContext task = TaskContext.get();
      if (task.partitionId() == 3 && task.attemptNumber() == 0) {
        INJECTED_FAILURES.incrementAndGet();
        throw new IllegalStateException("injected task failure");
      }
      LossKernel.addBlock(b, coef, new SquaredLoss(), 1.0, acc);
    };
    BlockPass.Totals retried = BlockPass.run(data, failsOnce, LossKernel.width(3));
    assertEquals(1, INJECTED_FAILURES.get(), "the first attempt of partition 3 failed once");
    assertArrayEquals(first.sums(), retried.sums(), 0.0, "after a task retry");
    assertEquals(first.rows(), retried.rows());
  }

  @Test
  void driverMergeAndTreeMergeGiveTheSameExactTotals() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    // 40 partitions. Slot 0: +1e16, -1e16 alternately in the even ones, 1 + k/2^20 in the odd ones; a double
    // sum in index order loses most of the small values against 1e16. Slot 1: the k-th powers of 3/4.
    List<PartitionSums> parts = new ArrayList<>();
    java.math.BigDecimal slot0 = java.math.BigDecimal.ZERO;
    java.math.BigDecimal slot1 = java.math.BigDecimal.ZERO;
    double plain0 = 0;
    for (int k = 0; k < 40; k++) {
      double v0 = k % 2 == 1 ? 1 + k / 1048576.0 : (k / 2) % 2 == 0 ? 1e16 : -1e16;
      double v1 = Math.pow(0.75, k);
      parts.add(new PartitionSums(new double[] {v0, v1}, k));
      slot0 = slot0.add(new java.math.BigDecimal(v0));
      slot1 = slot1.add(new java.math.BigDecimal(v1));
      plain0 += v0;
    }
    JavaRDD<PartitionSums> rdd = jsc.parallelize(parts, 40);
    BlockPass.Totals driver = BlockPass.merge(rdd, 2, 1);
    for (int depth : new int[] {2, 3}) {
      BlockPass.Totals tree = BlockPass.merge(rdd, 2, depth);
      assertArrayEquals(driver.sums(), tree.sums(), 0.0, "depth " + depth);
      assertEquals(driver.rows(), tree.rows());
    }
    assertEquals(slot0.doubleValue(), driver.sums()[0], 0.0);
    assertEquals(slot1.doubleValue(), driver.sums()[1], 0.0);
    assertEquals(40 * 39 / 2, driver.rows());
    assertTrue(plain0 != driver.sums()[0], "a plain double sum would have differed: " + plain0);
  }
}
