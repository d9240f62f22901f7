package sparkdgd.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import sparkdgd.block.Block;

/**
 * A measurement, not a test (docs/BENCHMARKS.md, "Where the time goes"): the per-job floor of Spark on this
 * machine against the floor of our pass. In one local[2] process, alternating: Spark's smallest job
 * ({@code parallelize} of 4 numbers in 4 partitions, {@code count}), a count of a tiny cached RDD, a count
 * of our cached blocks, and {@link BlockPass} summing only the row counts of those blocks (our epoch's job
 * without the kernel). Run by {@code scripts/measure-job-floor.sh}.
 *
 * <p>First, from a fresh JVM (only the caching jobs before it), our pass alone, run {@code coldJobs} times:
 * medians by windows of jobs since the start, which show the JIT compiling Spark's scheduling code.
 *
 * <p>Arguments: rows of the cached blocks (10 features, 4 partitions), rounds, cold jobs (default 800).
 */
public final class JobFloor {
  private JobFloor() {}

  private static void printColdToWarm(JavaRDD<Block> blocks, int jobs) {
    double[] seconds = JobPathWarmup.timeEmptyJobs(blocks, jobs);
    System.out.printf(Locale.ROOT, "our pass (BlockPass) adding only the row counts, %d jobs from a fresh JVM%n%n",
        jobs);
    System.out.println("| jobs since the start | median ms | min | max |");
    System.out.println("|---|---:|---:|---:|");
    for (int from = 0, to = Math.min(25, jobs); from < jobs; from = to, to = Math.min(jobs, to * 2)) {
      Stats s = new Stats(java.util.Arrays.copyOfRange(seconds, from, to)).scaled(1e3);
      System.out.printf(Locale.ROOT, "| %d-%d | %.1f | %.1f | %.1f |%n", from, to, s.median(), s.min(), s.max());
    }
    System.out.println();
  }

  public static void main(String[] args) {
    long rows = Long.parseLong(args[0]);
    int rounds = Integer.parseInt(args[1]);
    int coldJobs = args.length > 2 ? Integer.parseInt(args[2]) : 800;
    SparkSession spark = SparkSession.builder().master("local[2]").appName("job-floor")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", "sparkdgd.block.BlockKryoRegistrator").getOrCreate();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    try {
      JavaRDD<Integer> tiny = jsc.parallelize(List.of(1, 2, 3, 4), 4);
      JavaRDD<Integer> tinyCached = tiny.map(x -> x + 1).persist(StorageLevel.MEMORY_ONLY());
      tinyCached.count();
      JavaRDD<Block> blocks = CachedData.blocks(jsc, new DataSpec(rows, 10, 4, 4096, 1, DataSpec.INTERCEPT,
          DataSpec.NOISE));
      printColdToWarm(blocks, coldJobs);
      Map<String, Runnable> jobs = new LinkedHashMap<>();
      jobs.put("Spark's smallest job: parallelize(4 numbers, 4 partitions).count()", tiny::count);
      jobs.put("count() of a cached RDD of 4 numbers in 4 partitions", tinyCached::count);
      jobs.put("count() of our cached blocks", blocks::count);
      jobs.put("our pass (BlockPass) adding only the blocks' row counts", () -> EmptyJob.run(blocks));
      Map<String, List<Double>> ms = new LinkedHashMap<>();
      int warmup = 10;
      for (int round = 0; round < warmup + rounds; round++) {
        for (Map.Entry<String, Runnable> job : jobs.entrySet()) {
          long start = System.nanoTime();
          job.getValue().run();
          if (round >= warmup) {
            ms.computeIfAbsent(job.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
          }
        }
      }
      System.out.printf(Locale.ROOT, "local[2], cached blocks of %,d rows x 10 in 4 partitions, %d rounds after %d "
          + "warm-up rounds (and the %d jobs above), jobs alternating%n%n", rows, rounds, warmup, coldJobs);
      System.out.println("| job | median ms | min | max |");
      System.out.println("|---|---:|---:|---:|");
      ms.forEach((job, t) -> {
        Stats s = new Stats(t.stream().mapToDouble(Double::doubleValue).toArray());
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", job, s.median(), s.min(), s.max());
      });
    } finally {
      spark.stop();
    }
  }
}
