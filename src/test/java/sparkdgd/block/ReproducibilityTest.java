package sparkdgd.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
