package sparkdgd.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkdgd.block.Block;
import sparkdgd.block.DenseFloatBlock;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.SquaredLoss;

/**
 * A measurement, not a test (docs/BENCHMARKS.md, "Where the time goes"): is the block kernel slower inside
 * Spark tasks than on plain threads? One local[2] process times the kernel over the same 1M-row partitions
 * three ways, per million rows: inside tasks (each task runs it three times over its cached blocks), on two
 * driver threads over the very same cached block objects (local mode shares the heap), and on two driver
 * threads over blocks built on the driver. Run by {@code scripts/measure-kernel-placement.sh}.
 *
 * <p>Arguments: rows, features, rounds, and optionally {@code float32} for blocks rounded to float.
 */
public final class KernelPlacement {
  /** The cached blocks each task saw, by partition: the same objects, for the driver threads. */
  private static final Map<Integer, List<Block>> SEEN = new ConcurrentHashMap<>();

  private KernelPlacement() {}

  private static double millis(List<? extends Block> blocks, double[] coef, int d) {
    double[] acc = new double[LossKernel.width(d)];
    SquaredLoss loss = new SquaredLoss();
    long start = System.nanoTime();
    for (Block b : blocks) {
      LossKernel.addBlock(b, coef, loss, 1.0, acc);
    }
    return (System.nanoTime() - start) / 1e6;
  }

  /** Two driver threads: the first takes partitions 0 and 2, the second 1 and 3, as two task slots would. */
  private static double[] onTwoThreads(ExecutorService pool, List<List<? extends Block>> parts, double[] coef, int d)
      throws Exception {
    Future<Double> a = pool.submit(() -> millis(parts.get(0), coef, d) + millis(parts.get(2), coef, d));
    Future<Double> b = pool.submit(() -> millis(parts.get(1), coef, d) + millis(parts.get(3), coef, d));
    return new double[] {a.get() / 2, b.get() / 2};
  }

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args[0]);
    int d = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    boolean float32 = args.length > 3 && args[3].equals("float32");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("kernel-placement")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", "sparkdgd.block.BlockKryoRegistrator").getOrCreate();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    DataSpec spec = new DataSpec(rows, d, 4, 4096, 1, DataSpec.INTERCEPT, DataSpec.NOISE);
    JavaRDD<Block> float64 = CachedData.blocks(jsc, spec);
    JavaRDD<Block> blocks = float32 ? CachedData.floatBlocks(float64, spec) : float64;
    List<? extends Block> local = float32
        ? spec.localBlocks().stream().map(DenseFloatBlock::of).toList() : spec.localBlocks();
    List<List<? extends Block>> localParts = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      localParts.add(local.subList(p * local.size() / 4, (p + 1) * local.size() / 4));
    }
    double[] coef = new double[d + 1];
    double perMillion = 1e6 / (rows / 4.0);
    List<Double> inTasks = new ArrayList<>();
    List<Double> cachedOnDriver = new ArrayList<>();
    List<Double> builtOnDriver = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round <= rounds; round++) { // round 0 warms up
        List<double[]> tasks = blocks.mapPartitionsWithIndex((p, it) -> {
          List<Block> mine = new ArrayList<>();
          it.forEachRemaining(mine::add);
          SEEN.put(p, mine);
          return List.of(new double[] {millis(mine, coef, d), millis(mine, coef, d), millis(mine, coef, d)})
              .iterator();
        }, true).collect();
        List<List<? extends Block>> cachedParts = List.of(SEEN.get(0), SEEN.get(1), SEEN.get(2), SEEN.get(3));
        double[] cached = onTwoThreads(pool, cachedParts, coef, d);
        double[] built = onTwoThreads(pool, localParts, coef, d);
        if (round > 0) {
          tasks.forEach(t -> Arrays.stream(t).forEach(ms -> inTasks.add(ms * perMillion)));
          Arrays.stream(cached).forEach(ms -> cachedOnDriver.add(ms * perMillion));
          Arrays.stream(built).forEach(ms -> builtOnDriver.add(ms * perMillion));
        }
      }
    } finally {
      pool.shutdown();
      spark.stop();
    }
    System.out.printf(Locale.ROOT, "%,d rows x %d features, %s blocks, 4 partitions, local[2], %d rounds after one "
        + "warm-up%n%n", rows, d, float32 ? "float32" : "float64", rounds);
    System.out.println("| where the kernel ran | timings | ms per million rows: median | min | max |");
    System.out.println("|---|---:|---:|---:|---:|");
    row("inside Spark tasks (3 passes per task)", inTasks);
    row("2 driver threads, the same cached blocks", cachedOnDriver);
    row("2 driver threads, blocks built on the driver", builtOnDriver);
  }

  private static void row(String where, List<Double> ms) {
    Stats s = new Stats(ms.stream().mapToDouble(Double::doubleValue).toArray());
    System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |%n", where, ms.size(), s.median(), s.min(),
        s.max());
  }
}
