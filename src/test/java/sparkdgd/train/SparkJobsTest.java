package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerUnpersistRDD;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.OptimizerSettings;
import sparkdgd.config.ScheduleKind;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/** What the Spark UI shows: one job per epoch, described "epoch k/N". */
@Tag("spark")
class SparkJobsTest {

  @Test
  void eachEpochIsOneJobNamedInTheSparkUi() throws Exception {
    SparkSession spark = SparkTestSession.get();
    List<String> descriptions = Collections.synchronizedList(new ArrayList<>());
    SparkListener listener = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart start) {
        descriptions.add(String.valueOf(start.properties().getProperty("spark.job.description")));
      }
    };
    spark.sparkContext().addSparkListener(listener);
    try {
      TrainingJob.run(spark, Configs.data(Path.of("sample-data/tutorial.csv")).epochs(4).tol(0)
          .learningRate(0.1).partitions(2).build(), ProgressListener.NONE);
      // listener events are delivered asynchronously
      long deadline = System.currentTimeMillis() + 10_000;
      while (!descriptions.contains("epoch 4/4") && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
    for (int k = 1; k <= 4; k++) {
      assertEquals(1, Collections.frequency(descriptions, "epoch " + k + "/4"), descriptions.toString());
    }
    assertTrue(descriptions.contains("initial loss (epoch 0/4)"), descriptions.toString());
  }

  @Test
  void eachCachedDataSetIsDroppedOnceAfterTraining() throws Exception {
    SparkSession spark = SparkTestSession.get();
    List<Integer> dropped = Collections.synchronizedList(new ArrayList<>());
    SparkListener listener = new SparkListener() {
      @Override
      public void onUnpersistRDD(SparkListenerUnpersistRDD event) {
        dropped.add(event.rddId());
      }
    };
    // Spark's ContextCleaner unpersists an RDD again, with an event of its own, once a GC finds the RDD unreachable
    // (a clean-clone CI saw [1988, 1970, 1988, ...] so): those are not the run's, and are taken out below
    List<Integer> cleaned = Collections.synchronizedList(new ArrayList<>());
    spark.sparkContext().cleaner().get().attachListener(new org.apache.spark.CleanerListener() {
      @Override
      public void rddCleaned(int rddId) {
        cleaned.add(rddId);
      }

      @Override
      public void shuffleCleaned(int shuffleId) {}

      @Override
      public void broadcastCleaned(long broadcastId) {}

      @Override
      public void accumCleaned(long accId) {}

      @Override
      public void checkpointCleaned(long rddId) {}
    });
    spark.sparkContext().addSparkListener(listener);
    try {
      for (double validation : new double[] {0, 0.3}) {
        dropped.clear();
        cleaned.clear();
        OptimizerSettings o = new OptimizerSettings(OptimizerKind.GD, 1, 1, ScheduleKind.CONSTANT, 100, 3, 0,
            validation, 0);
        TrainingJob.run(spark, Configs.data(Path.of("sample-data/tutorial.csv")).epochs(2).tol(0)
            .learningRate(0.1).partitions(2).optimization(o).build(), ProgressListener.NONE);
        spark.sparkContext().listenerBus().waitUntilEmpty();
        List<Integer> byTheRun = new ArrayList<>(dropped);
        synchronized (cleaned) {
          cleaned.forEach(id -> byTheRun.remove(Integer.valueOf(id))); // one event per cleaning
        }
        assertTrue(!byTheRun.isEmpty(), "validation " + validation + ": nothing dropped");
        assertEquals(byTheRun.size(), new java.util.HashSet<>(byTheRun).size(),
            "validation " + validation + ": an RDD dropped twice: " + dropped + ", the cleaner's " + cleaned);
      }
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }
}
