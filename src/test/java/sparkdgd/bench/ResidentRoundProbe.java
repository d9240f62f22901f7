package sparkdgd.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import sparkdgd.block.Block;
import sparkdgd.block.BlockPasses;
import sparkdgd.block.BlockSummer;
import sparkdgd.block.RowSampler;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.SquaredLoss;
import sparkdgd.resident.ResidentTasks;
import sparkdgd.testing.SparkTestSession;

/**
 * A measurement, not a test (docs/BENCHMARKS.md, session 20): where the time of a round of resident tasks goes.
 * In one local[2] process over cached blocks of {@code rows} x d (10 unless given) in 4 partitions, one resident
 * task per core, in turns after 20 warm-up rounds: a round whose summers only add the blocks' row counts, one that
 * touches no block, a 0.01 mini-batch in runs of 64 rows, a 0.0001 one, and an epoch. The first two are the round's
 * own floor (the request's serialization, the sockets, the driver's exact merge); the mini-batches show what their
 * rows cost on top of it. Then the 0.01 batch's pass alone right after an epoch, summed four runs at a time as the
 * trainer does (session 23) and one run after another as before. Run by {@code scripts/measure-resident-round.sh}.
 *
 * <p>Arguments: rows, rounds, and optionally features (10) and {@code float32} (the tasks also hold float32 blocks).
 */
public final class ResidentRoundProbe {
  private ResidentRoundProbe() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args[0]);
    int rounds = Integer.parseInt(args[1]);
    int d = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    SparkSession spark = SparkTestSession.get(); // local[2,2], Kryo with the block classes registered
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try {
      DataSpec spec = new DataSpec(rows, d, 4, 4096, 1, DataSpec.INTERCEPT, DataSpec.NOISE);
      JavaRDD<Block> blocks = CachedData.blocks(jsc, spec);
      double[] theta = new double[d + 1];
      // with "float32", the tasks also hold the blocks rounded to float, as the benchmark's do
      boolean floatsToo = args.length > 3 && args[3].equals("float32");
      List<JavaRDD<Block>> sets = floatsToo ? List.of(blocks, CachedData.floatBlocks(blocks, spec)) : List.of(blocks);
      System.out.println("dense kernel: " + LossKernel.denseKernel() + " (four runs at a time only on vectors)");
      try (ResidentTasks tasks = ResidentTasks.start(jsc, sets, 60, System.out::println)) {
        BlockPasses passes = tasks.passes(0);
        OurDescent resident = new OurDescent(jsc, passes, d, rows);
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("empty round (row counts)", () -> passes.run(p -> (b, acc) -> acc[0] += b.rows(), 1));
        m.put("empty round, no blocks touched", () -> passes.run(p -> (b, acc) -> { }, 1));
        m.put("0.01 in runs of 64", () -> resident.miniBatch(theta, 0.01, 64));
        m.put("0.0001 in runs of 64", () -> resident.miniBatch(theta, 0.0001, 64));
        m.put("epoch", () -> resident.epoch(theta));
        // the 0.01 batch's pass alone, each time over a sample of its own and right after an epoch (its rows and the
        // blocks' headers out of the caches): four runs at a time, as the trainer sums them, and one after another
        int[] iteration = {0};
        double[] coef = new double[d + 1];
        int width = LossKernel.width(d);
        SquaredLoss squared = new SquaredLoss();
        m.put("0.01 in runs of 64 after an epoch, the pass alone, four runs at a time", () -> {
          int it = iteration[0]++; // drawn on the driver: each task deserializes its own copy of the closure
          return passes.run(p -> LossKernel.summer(RowSampler.sample(0.01, 64, 2L, it).cursor(p), coef, squared, 1),
              width);
        });
        m.put("epoch, again", () -> resident.epoch(theta));
        m.put("0.01 in runs of 64 after an epoch, the pass alone, one run after another", () -> {
          int it = iteration[0]++;
          return passes.run(p -> {
            RowSampler.Cursor c = RowSampler.sample(0.01, 64, 2L, it).cursor(p);
            return BlockSummer.sampling(c, (b, acc) -> LossKernel.addBlock(b, c, coef, squared, 1, acc));
          }, width);
        });
        Map<String, List<Double>> ms = new LinkedHashMap<>();
        for (int r = 0; r < rounds + 20; r++) {
          for (Map.Entry<String, Supplier<Object>> e : m.entrySet()) {
            long t = System.nanoTime();
            e.getValue().get();
            if (r >= 20) {
              ms.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - t) / 1e6);
            }
          }
        }
        ms.forEach((k, v) -> {
          Stats s = new Stats(v.stream().mapToDouble(Double::doubleValue).toArray());
          System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f |%n", k, s.median(), s.min(), s.max());
        });
      }
    } finally {
      spark.stop();
    }
  }
}
