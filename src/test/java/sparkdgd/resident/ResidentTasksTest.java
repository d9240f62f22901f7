package sparkdgd.resident;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparkdgd.block.Block;
import sparkdgd.block.BlockBuilder;
import sparkdgd.block.BlockPass;
import sparkdgd.block.RowSampler;
import sparkdgd.loss.DistributedLoss;
import sparkdgd.loss.FeatureScaling;
import sparkdgd.loss.LossEvaluation;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.PointLoss;
import sparkdgd.loss.SquaredLoss;
import sparkdgd.testing.SparkTestSession;

/**
 * Resident tasks against the independent answer for a pass: the same pass run as a Spark job, which the
 * other tests check against exact sums. Every pass, full or sampled, must give the job's bits, and every
 * way the tasks can fail must leave the job's answer and a warning.
 */
@Tag("spark")
class ResidentTasksTest {
  private static final int D = 5;
  private static final int ROWS = 3_001;
  /** Seven blocks in eight partitions (one empty) on two cores: each task holds several, as on a laptop. */
  private static final int BLOCKS = 7;
  private static final int PARTITIONS = 8;
  /** Set to make the next summer run in a task throw (tasks share this JVM in local mode). */
  static final AtomicBoolean FAIL_NEXT = new AtomicBoolean();
  /** Counted down by the task that keeps one core busy, once it runs. */
  static final CountDownLatch BUSY = new CountDownLatch(1);

  private static JavaSparkContext jsc;
  private static JavaRDD<Block> blocks;

  @BeforeAll
  static void cacheBlocks() {
    jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    Random rnd = new Random(7);
    List<Block> list = new ArrayList<>();
    BlockBuilder b = new BlockBuilder(D, 500);
    for (int i = 0; i < ROWS; i++) {
      double[] slot = b.featureSlot();
      int at = b.slotOffset();
      double y = 0.5;
      for (int j = 0; j < D; j++) {
        slot[at + j] = rnd.nextGaussian();
        y += (j + 1) * slot[at + j];
      }
      b.commitRow(y + rnd.nextGaussian());
      if (b.isFull()) {
        list.add(b.build());
        b = new BlockBuilder(D, 500);
      }
    }
    list.add(b.build());
    assertEquals(BLOCKS, list.size(), "six full blocks and the rest");
    blocks = jsc.parallelize(list, PARTITIONS).persist(StorageLevel.MEMORY_ONLY());
    assertEquals(ROWS, blocks.map(Block::rows).reduce(Integer::sum));
  }

  private static DistributedLoss lossOn(sparkdgd.block.BlockPasses passes) {
    return new DistributedLoss(jsc, passes, FeatureScaling.identity(D), ROWS, new SquaredLoss());
  }

  /** Six passes at random parameters, the odd ones sampled ({@link #sample}). */
  private static List<double[]> thetas() {
    Random rnd = new Random(11);
    List<double[]> list = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      list.add(rnd.doubles(D + 1, -2, 2).toArray());
    }
    return list;
  }

  /**
   * Every other pass over all rows; passes 1 and 5 a sample of 0.05 row by row, pass 3 of 0.5 in runs of 32 rows
   * (summed four runs at a time where the JVM has the Vector API).
   */
  private static RowSampler sample(int pass) {
    if (pass % 2 == 0) {
      return RowSampler.ALL;
    }
    return pass % 4 == 3 ? RowSampler.sample(0.5, 32, 3L, pass) : RowSampler.sample(0.05, 1, 3L, pass);
  }

  /** The passes as Spark jobs; run before any resident task holds the cores. */
  private static List<LossEvaluation> byJobs() {
    DistributedLoss loss = lossOn(BlockPass.jobs(blocks));
    List<LossEvaluation> out = new ArrayList<>();
    List<double[]> thetas = thetas();
    for (int i = 0; i < thetas.size(); i++) {
      out.add(loss.evaluate(thetas.get(i), sample(i + 1), "test: as a job"));
    }
    return out;
  }

  private static void assertSameBits(LossEvaluation expected, LossEvaluation got, int pass) {
    assertEquals(expected.rows(), got.rows(), "rows of pass " + pass);
    assertEquals(expected.loss(), got.loss(), 0.0, "loss of pass " + pass);
    assertArrayEquals(expected.gradient(), got.gradient(), 0.0, "gradient of pass " + pass);
  }

  @Test
  void fullAndSampledPassesGiveTheJobsBits() {
    List<LossEvaluation> expected = byJobs();
    assertTrue(expected.get(0).rows() < ROWS / 10 && expected.get(0).rows() > 0, "pass 1 is a sample");
    List<String> warnings = new ArrayList<>();
    try (ResidentTasks tasks = ResidentTasks.start(jsc, blocks, 60, warnings::add)) {
      assertTrue(tasks.resident(), "the tasks started: " + warnings);
      DistributedLoss resident = lossOn(tasks.passes(0));
      List<double[]> thetas = thetas();
      for (int i = 0; i < thetas.size(); i++) {
        assertSameBits(expected.get(i), resident.evaluate(thetas.get(i), sample(i + 1), "test: resident"), i + 1);
      }
      assertTrue(tasks.resident(), "still resident after six passes: " + warnings);
      assertEquals(List.of(), warnings);
    }
    assertEquals(BLOCKS, blocks.count(), "the cores are free again for a job: the tasks ended when closed");
  }

  @Test
  void aBatchInRunsHeldAcrossManyBlocksGivesTheJobsBits() {
    // 24 blocks of 200 rows in 2 partitions: runs of 32 (the last of each block 8 rows) at 0.1 are held back across
    // blocks, four at a time where their lengths agree, and about half of the blocks have no chosen run
    Random rnd = new Random(17);
    List<Block> list = new ArrayList<>();
    for (int k = 0; k < 24; k++) {
      BlockBuilder b = new BlockBuilder(D, 200);
      while (!b.isFull()) {
        double[] slot = b.featureSlot();
        int at = b.slotOffset();
        for (int j = 0; j < D; j++) {
          slot[at + j] = rnd.nextGaussian();
        }
        b.commitRow(rnd.nextGaussian());
      }
      list.add(b.build());
    }
    JavaRDD<Block> many = jsc.parallelize(list, 2).persist(StorageLevel.MEMORY_ONLY());
    try {
      DistributedLoss byJobs = new DistributedLoss(jsc, BlockPass.jobs(many), FeatureScaling.identity(D), 24 * 200,
          new SquaredLoss());
      List<double[]> thetas = thetas();
      List<LossEvaluation> expected = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        expected.add(byJobs.evaluate(thetas.get(i), RowSampler.sample(0.1, 32, 5L, i), "test: runs as a job"));
      }
      List<String> warnings = new ArrayList<>();
      try (ResidentTasks tasks = ResidentTasks.start(jsc, many, 60, warnings::add)) {
        assertTrue(tasks.resident(), "the tasks started: " + warnings);
        DistributedLoss resident = new DistributedLoss(jsc, tasks.passes(0), FeatureScaling.identity(D), 24 * 200,
            new SquaredLoss());
        for (int i = 0; i < 3; i++) {
          assertTrue(expected.get(i).rows() > 0, "pass " + i + " is a sample");
          assertSameBits(expected.get(i),
              resident.evaluate(thetas.get(i), RowSampler.sample(0.1, 32, 5L, i), "test: runs, resident"), i);
        }
        assertEquals(List.of(), warnings);
      }
    } finally {
      many.unpersist(true);
    }
  }

  @Test
  void theSameTasksServeASecondSetOfBlocks() {
    JavaRDD<Block> second = jsc.parallelize(blocks.collect().subList(0, 3), 3).persist(StorageLevel.MEMORY_ONLY());
    long secondRows = second.map(Block::rows).reduce(Integer::sum);
    double[] theta = thetas().get(0);
    LossEvaluation expectedFirst = lossOn(BlockPass.jobs(blocks)).evaluate(theta, sample(1), "test: first");
    LossEvaluation expectedSecond = new DistributedLoss(jsc, BlockPass.jobs(second), FeatureScaling.identity(D),
        secondRows, new SquaredLoss()).evaluate(theta, RowSampler.ALL, "test: second");
    List<String> warnings = new ArrayList<>();
    try (ResidentTasks tasks = ResidentTasks.start(jsc, List.of(blocks, second), 60, warnings::add)) {
      assertTrue(tasks.resident(), "the tasks started: " + warnings);
      assertEquals(2, tasks.tasks(), "one per core, holding 8 + 3 partitions");
      LossEvaluation gotSecond = new DistributedLoss(jsc, tasks.passes(1), FeatureScaling.identity(D), secondRows,
          new SquaredLoss()).evaluate(theta, RowSampler.ALL, "test: second, resident");
      assertSameBits(expectedSecond, gotSecond, 1);
      assertSameBits(expectedFirst, lossOn(tasks.passes(0)).evaluate(theta, sample(1), "test: first, resident"), 1);
      assertEquals(List.of(), warnings);
    } finally {
      second.unpersist(true);
    }
  }

  @Test
  void aPassThatFailsInATaskRunsAgainAsAJobWithAWarning() {
    List<LossEvaluation> expected = byJobs();
    List<String> warnings = new ArrayList<>();
    try (ResidentTasks tasks = ResidentTasks.start(jsc, blocks, 60, warnings::add)) {
      assertTrue(tasks.resident(), "the tasks started: " + warnings);
      List<double[]> thetas = thetas();
      double[] theta = thetas.get(1);
      FAIL_NEXT.set(true);
      BlockPass.Totals got = tasks.passes(0).run(partition -> (block, acc) -> {
        if (FAIL_NEXT.getAndSet(false)) {
          throw new IllegalStateException("injected failure");
        }
        LossKernel.addBlock(block, theta, new SquaredLoss(), 1.0, acc);
      }, LossKernel.width(D, new SquaredLoss()));
      assertFalse(tasks.resident(), "the tasks stopped");
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("injected failure") && warnings.get(0).contains("Spark job"),
          warnings.get(0));
      assertEquals(ROWS, got.rows(), "the pass ran again as a job, over every row");
      assertEquals(expected.get(1).loss() * ROWS, got.sums()[D + PointLoss.LOSS],
          1e-9 * expected.get(1).loss() * ROWS, "the job's loss sum");
      DistributedLoss after = lossOn(tasks.passes(0));
      assertSameBits(expected.get(2), after.evaluate(thetas.get(2), sample(3), "test: after"), 3);
    }
  }

  @Test
  void tasksThatCannotAllStartLeaveThePassesToJobs() throws Exception {
    List<LossEvaluation> expected = byJobs();
    // one core busy for a few seconds: only one of the two tasks can start
    JavaFutureAction<Void> busy = jsc.parallelize(List.of(1), 1).foreachAsync(x -> {
      BUSY.countDown();
      Thread.sleep(4_000);
    });
    assertTrue(BUSY.await(30, TimeUnit.SECONDS), "the busy task started");
    List<String> warnings = new ArrayList<>();
    try (ResidentTasks tasks = ResidentTasks.start(jsc, blocks, 1, warnings::add)) {
      assertFalse(tasks.resident());
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("of 2 tasks connected"), warnings.get(0));
      busy.get(30, TimeUnit.SECONDS);
      DistributedLoss loss = lossOn(tasks.passes(0));
      assertSameBits(expected.get(0), loss.evaluate(thetas().get(0), sample(1), "test: fell back"), 1);
    }
  }
}
