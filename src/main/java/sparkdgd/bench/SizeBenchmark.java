package sparkdgd.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import sparkdgd.block.Block;
import sparkdgd.block.CacheStatus;
import sparkdgd.block.DenseBlock;
import sparkdgd.config.Precision;
import sparkdgd.output.Counts;
import sparkdgd.resident.ResidentTasks;

/**
 * Measures one size. The rows the ratios compare (our epochs on float64 and float32 blocks, the
 * mini-batch, the empty job, MLlib's iteration, the plain loops, our kernel, a read of the same blocks) are
 * timed in turns ({@link Timer#measureInTurns}), with our two block sets, MLlib's rows and the plain loop's
 * driver-side copy all in memory: about 4 GB at 1e7 x 10 (0.88 + 0.48 + 1.7 + 0.88 GB). The serialized
 * copies are cached and timed one at a time before, and ML's DataFrame after the others are dropped.
 */
public final class SizeBenchmark {
  /** The run length of the mini-batch rows drawn in runs ({@code --batch-run-rows}): 16 tiles of four rows. */
  private static final int BATCH_RUN_ROWS = 64;
  /** How much of its share of the blocks each thread of the in-cache kernel rows walks: a core's L2 here. */
  static final long IN_CACHE_BYTES = 1L << 20;
  /**
   * Mini-batch iterations timed one after another as one piece (divided by this), as a mini-batch training run takes
   * them: timed alone, in turns with the epochs and the plain loop, a batch finds the caches full of their rows.
   */
  static final int BATCHES_IN_A_ROW = 20;

  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final BenchmarkConfig config;
  private final Timer timer;
  private final PrintStream progress;

  public SizeBenchmark(SparkSession spark, BenchmarkConfig config, PrintStream progress) {
    this.spark = spark;
    this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.config = config;
    this.timer = new Timer(config.warmup(), config.repetitions());
    this.progress = progress;
  }

  public SizeResult run(Size size) throws Exception {
    DataSpec spec = DataSpec.of(size, config.partitions(), config.blockRows(), config.seed());
    int d = spec.features();
    Map<Measure, Stats> t = new EnumMap<>(Measure.class);
    List<String> notes = new ArrayList<>();
    double step = StepRule.mllibStep(config.checkStep(), d);
    int threads = Runtime.getRuntime().availableProcessors();

    say("%s: caching our float64 and float32 blocks", size.label());
    JavaRDD<Block> blocks = CachedData.blocks(jsc, spec);
    JavaRDD<Block> floats = CachedData.floatBlocks(blocks, spec);
    noteCache(notes, "our float64 blocks", CacheStatus.of(blocks.rdd()));
    noteCache(notes, "our float32 blocks", CacheStatus.of(floats.rdd()));
    OurDescent ours = new OurDescent(jsc, blocks, d, spec.rows());
    OurDescent ours32 = new OurDescent(jsc, floats, d, spec.rows());
    double[] theta = new double[d + 1]; // the timed pass does the same work at any parameters
    say("%s: in turns, our epoch over serialized blocks (MEMORY_ONLY_SER), float64 and float32", size.label());
    t.putAll(serializedEpochs(blocks, floats, spec, theta, notes));

    say("%s: our time to the least-squares answer (L-BFGS)", size.label());
    TimeToAnswer.Answer[] answer = new TimeToAnswer.Answer[1];
    t.put(Measure.OURS_ANSWER, timer.measure(() -> answer[0] = TimeToAnswer.solve(jsc, blocks, d)));

    say("%s: caching MLlib's (label, vector) rows", size.label());
    JavaRDD<Tuple2<Object, Vector>> rows = CachedData.mllibRows(jsc, spec);
    noteCache(notes, "MLlib rows", CacheStatus.of(rows.rdd()));
    MllibDescent mllib = new MllibDescent(rows, d);
    int m = config.mllibIterations();
    say("%s: building the plain loop's blocks on the driver (the same generator)", size.label());
    List<DenseBlock> local = spec.localBlocks();
    try (PlainLoop all = new PlainLoop(local, d, threads); PlainLoop one = all.withThreads(1);
         KernelLoop kernel = new KernelLoop(local, d, threads); BlockRead read = new BlockRead(local, d, threads)) {
      double[] coef = new double[d + 1];
      Map<Measure, Timer.Work> inTurns = new LinkedHashMap<>();
      inTurns.put(Measure.OURS_F64, () -> ours.epoch(theta));
      inTurns.put(Measure.OURS_F32, () -> ours32.epoch(theta));
      inTurns.put(Measure.OURS_MINI_BATCH, () -> ours.miniBatch(theta, 0.01, 1));
      inTurns.put(Measure.OURS_MINI_BATCH_RUNS, () -> ours.miniBatch(theta, 0.01, BATCH_RUN_ROWS));
      inTurns.put(Measure.EMPTY_JOB, () -> EmptyJob.run(blocks));
      inTurns.put(Measure.MLLIB_ITERATION, () -> mllib.descend(step, m));
      inTurns.put(Measure.PLAIN_ONE, () -> one.pass(coef));
      inTurns.put(Measure.PLAIN_ALL, () -> all.pass(coef));
      inTurns.put(Measure.KERNEL_ALL, () -> kernel.pass(coef));
      inTurns.put(Measure.READ_F64, read::pass);
      say("%s: in turns, %s: our epoch (float64, float32), mini-batch (row by row, in runs), empty Spark "
          + "job, MLlib GradientDescent, plain Java loop on 1 and %d threads, our kernel on %d threads, a read of "
          + "the same blocks",
          size.label(), Counts.of(config.repetitions(), "round"), threads, threads);
      Map<Measure, Stats> timed = timer.measureInTurns(inTurns);
      t.putAll(timed);
      t.put(Measure.MLLIB_ITERATION, timed.get(Measure.MLLIB_ITERATION).per(m));
      t.put(Measure.READ_F32, timed.get(Measure.READ_F64)
          .scaled((double) spec.blockBytes(Float.BYTES) / spec.blockBytes(Double.BYTES)));
      try (KernelLoop cached64 = KernelLoop.inCache(local, d, threads, IN_CACHE_BYTES, Precision.FLOAT64);
           KernelLoop cached32 = KernelLoop.inCache(local, d, threads, IN_CACHE_BYTES, Precision.FLOAT32)) {
        Map<Measure, Timer.Work> onDriverThreads = new LinkedHashMap<>();
        onDriverThreads.put(Measure.PLAIN_ALL_BESIDE_RESIDENT, () -> all.pass(coef));
        onDriverThreads.put(Measure.KERNEL_F64_IN_CACHE, () -> cached64.pass(coef));
        onDriverThreads.put(Measure.KERNEL_F32_IN_CACHE, () -> cached32.pass(coef));
        t.putAll(residentPasses(blocks, floats, spec, theta, onDriverThreads, notes));
      }
    }
    floats.unpersist(true);
    local = null; // the driver's copy can go before ML's DataFrame is cached

    say("%s: correctness check, %s of ours and of MLlib", size.label(),
        Counts.of(config.checkIterations(), "iteration"));
    CoefficientCheck check = new CoefficientCheck(config.checkIterations(), step,
        ours.descend(step, config.checkIterations()), mllib.descend(step, config.checkIterations()));
    rows.unpersist(true);
    blocks.unpersist(true);

    String answerNote = String.format(Locale.ROOT, "Time to the answer: ours %.2f s median (%.0f passes, L-BFGS)",
        t.get(Measure.OURS_ANSWER).median(), answer[0].passes());
    if (config.withMl()) {
      say("%s: caching the DataFrame for ml LinearRegression", size.label());
      Dataset<Row> frame = CachedData.mlFrame(spark, spec);
      say("%s: ml LinearRegression, solver auto", size.label());
      LinearRegressionModel[] normal = new LinearRegressionModel[1];
      t.put(Measure.ML_AUTO, timer.measure(() -> normal[0] = MlFit.fit(frame, "auto")));
      double[] exact = java.util.Arrays.copyOf(normal[0].coefficients().toArray(), d + 1);
      exact[d] = normal[0].intercept();
      double gap = TimeToAnswer.relativeDifference(answer[0].coefficients(), exact);
      notes.add(answerNote + String.format(Locale.ROOT, ", max |ours - ML's normal-equation solution| / max "
          + "|ML's| = %.1e (%s 1e-6); ML's whole fit, solver auto, %.2f s median: ours / ML = %.2f",
          gap, gap <= 1e-6 ? "within" : "NOT within",
          t.get(Measure.ML_AUTO).median(), t.get(Measure.OURS_ANSWER).median() / t.get(Measure.ML_AUTO).median()));
      say("%s: ml LinearRegression, solver l-bfgs", size.label());
      t.put(Measure.ML_LBFGS, timer.measure(() -> MlFit.fit(frame, "l-bfgs")));
      frame.unpersist(true);
    } else {
      notes.add(answerNote + "; ml LinearRegression not measured (--no-ml)");
    }
    return new SizeResult(spec, t, threads, m, check, notes);
  }

  /**
   * Times our epoch (over the float64 and the float32 blocks) and mini-batch iteration as rounds of resident tasks,
   * in turns with each other and with {@code onDriverThreads} (the plain loop on all threads, our kernel in cache),
   * which run on the driver's threads, not in a job: while the tasks are up they hold every core, so no Spark job can
   * run beside them. Nothing is kept when
   * the tasks did not start or stopped during the timing (the rounds would have run as jobs); a note says why.
   */
  private Map<Measure, Stats> residentPasses(JavaRDD<Block> blocks, JavaRDD<Block> floats, DataSpec spec,
      double[] theta, Map<Measure, Timer.Work> onDriverThreads, List<String> notes) throws Exception {
    say("%s: in turns, %s: our epoch (float64, float32) and mini-batch iterations (0.01, row by row, in "
        + "runs and in runs of a block, each also %d in a row) on resident tasks"
        + ", the plain loop, our kernel in cache (float64, float32)",
        new Size(spec.rows(), spec.features()).label(), Counts.of(config.repetitions(), "round"), BATCHES_IN_A_ROW);
    List<String> warnings = new ArrayList<>();
    Map<Measure, Stats> timed = Map.of();
    try (ResidentTasks tasks = ResidentTasks.start(jsc, List.of(blocks, floats), 60, warnings::add)) {
      if (tasks.resident()) {
        OurDescent resident = new OurDescent(jsc, tasks.passes(0), spec.features(), spec.rows());
        OurDescent resident32 = new OurDescent(jsc, tasks.passes(1), spec.features(), spec.rows());
        Map<Measure, Timer.Work> inTurns = new LinkedHashMap<>();
        inTurns.put(Measure.OURS_RESIDENT_F64, () -> resident.epoch(theta));
        inTurns.put(Measure.OURS_RESIDENT_F32, () -> resident32.epoch(theta));
        inTurns.put(Measure.OURS_RESIDENT_MINI_BATCH, () -> resident.miniBatch(theta, 0.01, 1));
        inTurns.put(Measure.OURS_RESIDENT_MINI_BATCH_RUNS, () -> resident.miniBatch(theta, 0.01, BATCH_RUN_ROWS));
        inTurns.put(Measure.OURS_RESIDENT_MINI_BATCH_RUNS_IN_A_ROW, inARow(resident, theta, BATCH_RUN_ROWS));
        inTurns.put(Measure.OURS_RESIDENT_MINI_BATCH_BLOCKS, () -> resident.miniBatch(theta, 0.01, spec.blockRows()));
        inTurns.put(Measure.OURS_RESIDENT_MINI_BATCH_BLOCKS_IN_A_ROW, inARow(resident, theta, spec.blockRows()));
        inTurns.putAll(onDriverThreads);
        timed = new LinkedHashMap<>(timer.measureInTurns(inTurns));
        for (Measure inARow : List.of(Measure.OURS_RESIDENT_MINI_BATCH_RUNS_IN_A_ROW,
            Measure.OURS_RESIDENT_MINI_BATCH_BLOCKS_IN_A_ROW)) {
          timed.put(inARow, timed.get(inARow).per(BATCHES_IN_A_ROW));
        }
      }
      if (!tasks.resident()) { // they stopped during the timing: some rounds ran as jobs
        timed = Map.of();
      }
    }
    for (String w : warnings) {
      notes.add("Resident tasks not measured: " + w);
    }
    return timed;
  }

  /** {@link #BATCHES_IN_A_ROW} resident 0.01 batches in runs of {@code runRows}, one after another. */
  private static Timer.Work inARow(OurDescent resident, double[] theta, int runRows) {
    return () -> {
      for (int k = 0; k < BATCHES_IN_A_ROW; k++) {
        resident.miniBatch(theta, 0.01, runRows);
      }
    };
  }

  /**
   * Times our epoch over serialized copies of the float64 and float32 blocks, cached only while they are
   * timed, in turns: timed one after the other, the float32 epoch had run after the float64 one's garbage
   * (each epoch turns its bytes into new arrays), and came out no faster in two runs of four.
   */
  private Map<Measure, Stats> serializedEpochs(JavaRDD<Block> doubles, JavaRDD<Block> floats, DataSpec spec,
      double[] theta, List<String> notes) throws Exception {
    JavaRDD<Block> ser64 = CachedData.serialized(doubles, "benchmark blocks float64, serialized");
    JavaRDD<Block> ser32 = CachedData.serialized(floats, "benchmark blocks float32, serialized");
    try {
      noteCache(notes, "our float64 blocks, serialized", CacheStatus.of(ser64.rdd()));
      noteCache(notes, "our float32 blocks, serialized", CacheStatus.of(ser32.rdd()));
      OurDescent ours64 = new OurDescent(jsc, ser64, spec.features(), spec.rows());
      OurDescent ours32 = new OurDescent(jsc, ser32, spec.features(), spec.rows());
      Map<Measure, Timer.Work> inTurns = new LinkedHashMap<>();
      inTurns.put(Measure.OURS_SER_F64, () -> ours64.epoch(theta));
      inTurns.put(Measure.OURS_SER_F32, () -> ours32.epoch(theta));
      return timer.measureInTurns(inTurns);
    } finally {
      ser64.unpersist(true);
      ser32.unpersist(true);
    }
  }

  private static void noteCache(List<String> notes, String what, CacheStatus c) {
    notes.add(String.format(Locale.ROOT, "Cache, %s: %d of %d partitions, %s in memory (Spark's storage info).",
        what, c.cachedPartitions(), c.partitions(), BenchmarkReport.bytes(c.memoryBytes())));
    if (!c.complete()) {
      notes.add(String.format(Locale.ROOT, "WARNING: only %d of %d partitions of %s were cached; the missing ones "
          + "were recomputed in every pass, so these timings include making the data (give the driver more "
          + "memory: --driver-memory)", c.cachedPartitions(), c.partitions(), what));
    }
  }

  private void say(String format, Object... args) {
    progress.printf(Locale.ROOT, "benchmark: " + format + "%n", args);
  }
}
