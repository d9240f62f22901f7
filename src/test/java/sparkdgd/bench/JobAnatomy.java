package sparkdgd.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import sparkdgd.block.Block;
import sparkdgd.loss.LossKernel;
import sparkdgd.loss.SquaredLoss;

/**
 * A measurement, not a test (docs/BENCHMARKS.md, "Where an epoch's time goes"): where the wall time of one
 * kernel job over cached blocks goes, from Spark's own task events. Each task also times the kernel
 * inside it. Run by {@code scripts/measure-job-anatomy.sh}.
 *
 * <p>Arguments: rows, features, partitions, repetitions, and optionally {@code float32}: then the same blocks
 * rounded to float ({@link CachedData#floatBlocks}) are cached too and each repetition times a job over the
 * float64 blocks and one over the float32 blocks, in turns.
 */
public final class JobAnatomy {
  private record Task(long launch, long finish, long deserialize, long run) {}

  private JobAnatomy() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args[0]);
    int d = Integer.parseInt(args[1]);
    int partitions = Integer.parseInt(args[2]);
    int repetitions = Integer.parseInt(args[3]);
    boolean float32 = args.length > 4 && args[4].equals("float32");
    SparkSession spark = SparkSession.builder().master("local[2]").appName("job-anatomy")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Long> jobStarts = Collections.synchronizedList(new ArrayList<>());
    List<Task> tasks = Collections.synchronizedList(new ArrayList<>());
    jsc.sc().addSparkListener(new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart e) {
        jobStarts.add(e.time());
      }

      @Override
      public void onTaskEnd(SparkListenerTaskEnd e) {
        tasks.add(new Task(e.taskInfo().launchTime(), e.taskInfo().finishTime(),
            e.taskMetrics().executorDeserializeTime(), e.taskMetrics().executorRunTime()));
      }
    });
    DataSpec spec = new DataSpec(rows, d, partitions, 4096, 1, DataSpec.INTERCEPT, DataSpec.NOISE);
    JavaRDD<Block> blocks = CachedData.blocks(jsc, spec);
    blocks.count();
    List<JavaRDD<Block>> sets = new ArrayList<>(List.of(blocks));
    if (float32) {
      JavaRDD<Block> floats = CachedData.floatBlocks(blocks, spec);
      floats.count();
      sets.add(floats);
    }
    double[] coef = new double[d + 1];
    FlatMapFunction<java.util.Iterator<Block>, Long> kernel = it -> {
      double[] acc = new double[LossKernel.width(d)];
      long start = System.nanoTime();
      while (it.hasNext()) {
        LossKernel.addBlock(it.next(), coef, new SquaredLoss(), 1.0, acc);
      }
      return List.of(System.nanoTime() - start).iterator();
    };
    for (int i = 0; i < 150; i++) { // warm-up: the JIT, and Spark's job path (a cold one adds 5-10 ms a job)
      for (JavaRDD<Block> set : sets) {
        set.mapPartitions(kernel).collect();
      }
    }
    System.out.printf(Locale.ROOT, "%,d rows x %d features, %d partitions, local[2]%n%n", rows, d, partitions);
    System.out.println("| job | blocks | wall ms | call to job start | job start to first launch | task deserialize (sum) "
        + "| task run (sum) | kernel inside tasks (sum) | last task finish to return |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for (int k = 0; k < repetitions * sets.size(); k++) {
      int i = k / sets.size();
      JavaRDD<Block> set = sets.get(k % sets.size());
      Thread.sleep(300); // let the listener bus drain
      jobStarts.clear();
      tasks.clear();
      long call = System.currentTimeMillis();
      List<Long> inner = set.mapPartitions(kernel).collect();
      long back = System.currentTimeMillis();
      Thread.sleep(300);
      long firstLaunch = tasks.stream().mapToLong(Task::launch).min().orElse(0);
      long lastFinish = tasks.stream().mapToLong(Task::finish).max().orElse(0);
      System.out.printf(Locale.ROOT, "| %d | %s | %d | %d | %d | %d | %d | %d | %d |%n", i + 1,
          k % sets.size() == 0 ? "float64" : "float32", back - call,
          jobStarts.get(0) - call, firstLaunch - jobStarts.get(0), tasks.stream().mapToLong(Task::deserialize).sum(),
          tasks.stream().mapToLong(Task::run).sum(), inner.stream().mapToLong(Long::longValue).sum() / 1_000_000,
          back - lastFinish);
    }
    spark.stop();
  }
}
