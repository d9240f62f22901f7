package sparkdgd.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Vector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Tuple2;
import sparkdgd.block.Block;
import sparkdgd.block.CacheStatus;
import sparkdgd.block.DenseBlock;
import sparkdgd.cli.Main;
import sparkdgd.loss.LossEvaluation;
import sparkdgd.loss.PointLoss;
import sparkdgd.testing.SparkTestSession;

/**
 * The benchmark's pieces on a tiny size: ours against MLlib, the plain loop against the distributed pass,
 * the empty job's count, and the command's report. 3,001 rows in 3 partitions of 100-row blocks, so the
 * first partition ends in a one-row block.
 */
@Tag("spark")
class BenchmarkPiecesTest {
  private static final DataSpec SPEC = new DataSpec(3001, 4, 3, 100, 7, DataSpec.INTERCEPT, DataSpec.NOISE);
  private static JavaSparkContext jsc;
  private static JavaRDD<Block> blocks;

  @TempDir
  Path tmp;

  @BeforeAll
  static void cache() {
    jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    blocks = CachedData.blocks(jsc, SPEC);
  }

  @AfterAll
  static void drop() {
    blocks.unpersist(true);
  }

  @Test
  void ourGradientDescentTakesMllibsStepsWithItsStepRule() {
    JavaRDD<Tuple2<Object, Vector>> rows = CachedData.mllibRows(jsc, SPEC);
    try {
      double s = StepRule.mllibStep(0, SPEC.features());
      OurDescent ours = new OurDescent(jsc, blocks, SPEC.features(), SPEC.rows());
      MllibDescent mllib = new MllibDescent(rows, SPEC.features());
      int k = 5;
      double[] mllibW = mllib.descend(s, k);
      CoefficientCheck check = new CoefficientCheck(k, s, ours.descend(s, k), mllibW);
      // Both add the same products per row in a different order (and ours merges partitions exactly): after
      // 5 steps only rounding separates them, ~1e-15 relative; 1e-9 leaves room and still catches a wrong step.
      assertTrue(check.relativeDifference() <= 1e-9, "relative difference " + check.relativeDifference());
      assertTrue(check.agrees());
      // The check is not trivially met: the coefficients moved far from zero ...
      double largest = 0;
      for (double w : mllibW) {
        largest = Math.max(largest, Math.abs(w));
      }
      assertTrue(largest > 0.1, "MLlib's coefficients barely moved: " + largest);
      // ... and forgetting the factor 2 between MLlib's gradient and the MSE gradient is caught.
      CoefficientCheck wrong = new CoefficientCheck(k, s, ours.descend(2 * s, k), mllibW);
      assertTrue(wrong.relativeDifference() > 1e-3, "a doubled step went unnoticed: " + wrong.relativeDifference());
      assertTrue(!wrong.agrees());
    } finally {
      rows.unpersist(true);
    }
  }

  /** A driver-side loop's sums on {@code threads} threads at raw coefficients {@code theta}. */
  @FunctionalInterface
  private interface LoopPass {
    double[] sums(int threads, double[] theta) throws Exception;
  }

  /**
   * The loop's gradient and MSE equal the distributed pass's on the same rows, for 1, 2 and 3 threads. Same
   * products, summed per block in the same order; only the merge (exact in Spark, plain double here, over
   * thread runs instead of partitions) rounds differently: a few ulps, so 1e-12 relative per component.
   */
  private static void assertMatchesTheDistributedPass(LoopPass loop, int lossSlot, long seed) throws Exception {
    int d = SPEC.features();
    double[] theta = new double[d + 1];
    Random rnd = new Random(seed);
    for (int j = 0; j <= d; j++) {
      theta[j] = rnd.nextGaussian();
    }
    LossEvaluation spark = new OurDescent(jsc, blocks, d, SPEC.rows()).epoch(theta);
    long n = SPEC.rows();
    for (int threads : new int[] {1, 2, 3}) {
      double[] sums = loop.sums(threads, theta);
      for (int j = 0; j <= d; j++) {
        double expected = spark.gradient()[j];
        double actual = 2.0 / n * sums[j];
        assertEquals(expected, actual, 1e-12 * Math.abs(expected), "gradient " + j + ", " + threads + " threads");
      }
      assertEquals(spark.loss(), sums[d + lossSlot] / n, 1e-12 * spark.loss(), "MSE, " + threads + " threads");
    }
  }

  @Test
  void plainLoopGivesTheDistributedPassesGradientOnTheSameRows() throws Exception {
    assertMatchesTheDistributedPass((threads, theta) -> {
      // the copies made for one thread, reused on `threads` (as the benchmark's 1- and 2-thread loops share them)
      try (PlainLoop one = new PlainLoop(SPEC.localBlocks(), SPEC.features(), 1);
           PlainLoop loop = one.withThreads(threads)) {
        return loop.pass(theta);
      }
    }, 1, 3);
  }

  @Test
  void kernelLoopGivesTheDistributedPassesGradientOnTheSameRows() throws Exception {
    int d = SPEC.features();
    assertMatchesTheDistributedPass((threads, theta) -> {
      try (KernelLoop loop = new KernelLoop(SPEC.localBlocks(), d, threads)) {
        double[] sums = loop.pass(theta);
        assertEquals(SPEC.rows(), sums[d + PointLoss.ROWS], 0.0, "rows, " + threads + " threads");
        return sums;
      }
    }, PointLoss.LOSS, 4);
  }

  @Test
  void serializedBlocksAreKeptAsBytesAndGiveTheSamePass() {
    JavaRDD<Block> serialized = CachedData.serialized(blocks, "test: serialized blocks");
    try {
      assertEquals(org.apache.spark.storage.StorageLevel.MEMORY_ONLY_SER(), serialized.getStorageLevel());
      assertEquals(SPEC.partitions(), CacheStatus.of(serialized.rdd()).cachedPartitions());
      double[] theta = {0.5, -1, 2, 0.25, 0.1};
      double[] expected = new OurDescent(jsc, blocks, SPEC.features(), SPEC.rows()).epoch(theta).gradient();
      double[] actual = new OurDescent(jsc, serialized, SPEC.features(), SPEC.rows()).epoch(theta).gradient();
      // the same blocks in the same partitions, partition sums merged exactly: the same bits
      assertArrayEquals(expected, actual, 0.0);
    } finally {
      serialized.unpersist(true);
    }
  }

  @Test
  void emptyJobSeesEveryRowAndAllBlocksAreCached() {
    assertEquals(SPEC.rows(), EmptyJob.run(blocks));
    assertEquals(SPEC.partitions(), CacheStatus.of(blocks.rdd()).cachedPartitions());
    // 3,001 rows over 3 partitions: 1,001 + 1,000 + 1,000 (the first gets the remainder); in blocks of 100
    // that is 11 + 10 + 10 blocks, the first partition's last one a single row
    assertEquals(31, blocks.count());
  }

  @Test
  void warmupRunsItsJobsAndTimesTheFirstAndLastWindows() throws Exception {
    int[] ended = new int[1];
    org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobEnd(org.apache.spark.scheduler.SparkListenerJobEnd end) {
        ended[0]++;
      }
    };
    jsc.sc().addSparkListener(counter);
    // listenerBus() is private[spark] in Scala, public in the bytecode: it lets the count wait for every event
    JobPathWarmup.Result r;
    try {
      jsc.sc().listenerBus().waitUntilEmpty();
      int before = ended[0];
      r = JobPathWarmup.run(jsc, 2, 30);
      jsc.sc().listenerBus().waitUntilEmpty();
      // 30 empty passes, plus the count that caches the tiny blocks
      assertEquals(31, ended[0] - before);
    } finally {
      jsc.sc().removeSparkListener(counter);
    }
    assertEquals(30, r.jobs());
    assertEquals(15, r.first().seconds().length, "30 jobs: two windows of 15 that do not overlap");
    assertEquals(15, r.last().seconds().length);
    double windowsSum = java.util.Arrays.stream(r.first().seconds()).sum()
        + java.util.Arrays.stream(r.last().seconds()).sum();
    // the two windows hold all 30 jobs, so their times add up to the total
    assertTrue(r.first().min() > 0 && Math.abs(r.seconds() - windowsSum) < 1e-9, r.line());
    assertTrue(r.line().startsWith("Spark's job path warmed before the sizes were measured by 30 empty jobs ("),
        r.line());
    assertTrue(r.line().contains("(median of the first 15)") && r.line().endsWith("(median of the last 15)"),
        r.line());
    assertEquals("Spark's job path not warmed before the sizes were measured (--warmup-jobs 0)",
        JobPathWarmup.run(jsc, 2, 0).line());
  }

  @Test
  void commandWritesTheTableWithEveryRowAndTheMiniBatchGap() throws Exception {
    Path out = tmp.resolve("bench.md");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code;
    try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
         PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      code = Main.run(new String[] {"benchmark", "--sizes", "2000x3", "--partitions", "2", "--warmup-jobs", "3",
          "--warmup", "0", "--repetitions", "1", "--bandwidth-mib", "4", "--no-ml", "--mllib-iterations", "1",
          "--check-iterations", "2", "--output", out.toString()}, po, pe);
    }
    String err = e.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, o.toString(StandardCharsets.UTF_8) + err);
    assertTrue(err.isEmpty(), err);
    String md = Files.readString(out);
    for (Measure m : List.of(Measure.OURS_F64, Measure.OURS_F32, Measure.OURS_SER_F64, Measure.OURS_SER_F32,
        Measure.OURS_MINI_BATCH, Measure.MLLIB_ITERATION, Measure.PLAIN_ONE, Measure.EMPTY_JOB, Measure.READ_F64,
        Measure.READ_F32, Measure.OURS_RESIDENT_F64, Measure.OURS_RESIDENT_F32)) {
      assertTrue(md.contains("| " + m.label() + " | "), m.label() + " missing from\n" + md);
    }
    for (String label : List.of(Measure.PLAIN_ALL.label(), Measure.KERNEL_ALL.label())) {
      String row = "| " + String.format(Locale.ROOT, label, Runtime.getRuntime().availableProcessors()) + " | ";
      assertTrue(md.contains(row), row + " missing from\n" + md);
    }
    // the kernel's compute alone, timed in the resident turns
    for (String label : List.of(Measure.KERNEL_F64_IN_CACHE.label(), Measure.KERNEL_F32_IN_CACHE.label())) {
      String row = String.format(Locale.ROOT, label, Runtime.getRuntime().availableProcessors());
      assertTrue(md.matches("(?s).*\\| " + Pattern.quote(row) + " \\| \\d[^|]* \\| .*"), "timed: " + row + "\n" + md);
    }
    assertTrue(md.matches("(?s).*\\| our epoch on resident tasks, float64 / our float32 kernel in cache: about the "
        + "most float32 blocks could save here [^|]* \\| \\d+\\.\\d\\d \\| .*"), md);
    assertTrue(md.matches("(?s).*\\| our float64 kernel in cache / our float32 kernel in cache[^|]* "
        + "\\| \\d+\\.\\d\\d \\| .*"), md);
    assertTrue(md.contains("| our block kernel, " + Runtime.getRuntime().availableProcessors()
        + " threads / read bound (float64) | "), md);
    assertTrue(md.contains("| our epoch / mini-batch iteration (fraction 0.01) | "), md);
    assertTrue(md.matches("(?s).*\\| our epoch on resident tasks, float32 \\| \\d[^|]* \\| .*"),
        "timed, not left out:\n" + md);
    assertTrue(md.contains("| our epoch on resident tasks, float64 / float32: without a job's floor | "), md);
    assertTrue(md.matches("(?s).*\\| " + Pattern.quote(Measure.OURS_RESIDENT_MINI_BATCH_RUNS_IN_A_ROW.label())
        + " \\| \\d[^|]* \\| .*"), "timed, not left out:\n" + md);
    assertTrue(md.contains("| our epoch on resident tasks / mini-batch iteration in runs of 64 rows on resident tasks, "
        + "in a row of 20 | "), md);
    for (Measure blocks : List.of(Measure.OURS_RESIDENT_MINI_BATCH_BLOCKS,
        Measure.OURS_RESIDENT_MINI_BATCH_BLOCKS_IN_A_ROW)) {
      assertTrue(md.matches("(?s).*\\| " + Pattern.quote(blocks.label()) + " \\| \\d[^|]* \\| .*"),
          "timed, not left out:\n" + md);
    }
    assertTrue(md.contains("| our epoch on resident tasks / mini-batch iteration in runs of a block on resident tasks, "
        + "in a row of 20 | "), md);
    assertTrue(md.contains("| ml LinearRegression fit, solver l-bfgs | not measured |"), md);
    assertTrue(md.contains(": agree (tolerance 1e-09)"), md);
    assertTrue(md.contains("- Command: `./submit.sh benchmark --sizes 2000x3 "), md);
    assertTrue(md.contains("- Spark's job path warmed before the sizes were measured by 3 empty jobs ("), md);
    assertTrue(md.contains("(median of the first 1) and "), md);
    assertTrue(md.contains("rows per block, no warm-up, repetitions 1, "), md);
    // a row's stolen share is unknown when its short runs saw no clock tick (10 ms per CPU)
    assertTrue(md.matches("(?s).*\\| our epoch, float64 blocks \\| [^|]+ \\| [^|]+ \\| [^|]+ \\| (\\d+\\.\\d%|unknown) \\| .*"),
        md);
    assertTrue(md.matches("(?s).*- CPU stolen by the hypervisor over the whole run: \\d+\\.\\d% of the machine's.*"),
        md);
  }

  @Test
  void timeToAnswerReachesTheLeastSquaresSolution() {
    int d = SPEC.features();
    List<double[]> xs = new java.util.ArrayList<>();
    List<Double> ys = new java.util.ArrayList<>();
    for (DenseBlock b : SPEC.localBlocks()) {
      double[] rows = sparkdgd.testing.RowMajor.of(b);
      for (int i = 0; i < b.rows(); i++) {
        xs.add(java.util.Arrays.copyOfRange(rows, i * d, (i + 1) * d));
        ys.add(b.labels()[i]);
      }
    }
    double[] exact = sparkdgd.testing.LeastSquares.solveWithIntercept(xs.toArray(new double[0][]),
        ys.stream().mapToDouble(Double::doubleValue).toArray());
    TimeToAnswer.Answer answer = TimeToAnswer.solve(jsc, blocks, d);
    double gap = TimeToAnswer.relativeDifference(answer.coefficients(), exact);
    assertTrue(gap < 1e-6, "ours " + java.util.Arrays.toString(answer.coefficients()) + " against QR "
        + java.util.Arrays.toString(exact) + ": " + gap);
    assertTrue(answer.passes() > 2 && answer.passes() < TimeToAnswer.MAX_PASSES, "passes " + answer.passes());
  }

  @Test
  void badFlagsAreUsageErrors() {
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code;
    try (PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      code = Main.run(new String[] {"benchmark", "--sizes", "1e7"}, System.out, pe);
    }
    assertEquals(2, code);
    assertTrue(e.toString(StandardCharsets.UTF_8).contains("expected ROWSxFEATURES such as 1e7x10, got \"1e7\""),
        e.toString(StandardCharsets.UTF_8));
  }
}
