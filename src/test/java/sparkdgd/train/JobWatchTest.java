package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import sparkdgd.resident.ResidentTasks;
import sparkdgd.testing.SparkTestSession;

/** A real local Spark job held running by a latch, watched with short times. */
class JobWatchTest {
  /** Tasks of partitions other than 0 wait on it (the tasks run in this JVM). */
  private static volatile CountDownLatch release;

  @Test
  void aLongJobIsToldWithItsDescriptionAndTasksDoneUntilItEndsAndTheResidentTasksJobIsNot() throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    JavaRDD<Integer> three = jsc.parallelize(List.of(0, 1, 2), 3);
    List<JobWatch.Status> seen = Collections.synchronizedList(new ArrayList<>());
    three.count(); // a first job can take a while to start
    // the jobs' own threads: their local properties (the description, the resident tasks' mark) stay on them
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
    try (JobWatch watch = JobWatch.start(jsc.sc(), new ReadWatch.Timing(0.5, 0.3), seen::add)) {
      assertEquals(3, (long) three.count(), "a quick job");

      release = new CountDownLatch(1);
      CompletableFuture<Long> resident = CompletableFuture.supplyAsync(() -> {
        jsc.setLocalProperty(ResidentTasks.JOB_PROPERTY, "true"); // the job's thread's own properties
        jsc.setJobDescription("resident tasks for the test");
        return three.map(JobWatchTest::waitUnlessFirst).count();
      }, threads);
      Thread.sleep(1500);
      release.countDown();
      assertEquals(3, (long) resident.get(60, TimeUnit.SECONDS));
      assertEquals(List.of(), seen, "neither the quick job nor the resident tasks' job is told");

      release = new CountDownLatch(1);
      CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> {
        jsc.setLocalProperty(ResidentTasks.JOB_PROPERTY, null);
        jsc.setJobDescription("a slow pass for the test");
        return three.map(JobWatchTest::waitUnlessFirst).count();
      }, threads);
      JobWatch.Status told = null;
      for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); told == null
          && System.nanoTime() < deadline; Thread.sleep(50)) {
        synchronized (seen) {
          told = seen.stream().filter(s -> s.tasksDone() == 1).findFirst().orElse(null);
        }
      }
      assertNotNull(told, "told of the slow job once partition 0's task ended: " + seen);
      assertEquals("a slow pass for the test", told.description());
      assertEquals(3, told.tasks());
      assertTrue(told.seconds() >= 0.5, told.toString());
      Thread.sleep(800);
      assertTrue(seen.size() >= 2, "told again while it runs: " + seen);
      release.countDown();
      assertEquals(3, (long) slow.get(60, TimeUnit.SECONDS));
      for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); watch.running() > 0
          && System.nanoTime() < deadline; Thread.sleep(20)) {
        // the job's end reaches the watch through the listener bus
      }
      assertEquals(0, watch.running());
      int afterEnd = seen.size();
      Thread.sleep(900);
      assertEquals(afterEnd, seen.size(), "nothing told once the job ended: " + seen);
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * A job is timed from its start as Spark stamped it, not from the event's delivery; a job whose end never reached
   * the watch (the listener bus drops events when its queue is full) is not told once Spark's status has it ended.
   */
  @Test
  void aJobIsTimedFromItsStartAndOneWhoseEndWasDroppedIsNotTold() throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    List<JobWatch.Status> seen = Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger(-1);
    org.apache.spark.scheduler.SparkListener ends = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobEnd(org.apache.spark.scheduler.SparkListenerJobEnd end) {
        finished.set(end.jobId());
      }
    };
    jsc.sc().addSparkListener(ends);
    try {
      assertEquals(2, jsc.parallelize(List.of(1, 2), 2).count());
      for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); finished.get() < 0
          && System.nanoTime() < deadline; Thread.sleep(20)) {
        // the job's end reaches the listener through the bus
      }
    } finally {
      jsc.sc().removeSparkListener(ends); // the session is shared with the other tests
    }
    int ended = finished.get();
    assertTrue(ended >= 0, "a job ended");
    int unknown = ended + 1_000_000; // no such job in Spark's status: watched until its end is delivered
    try (JobWatch watch = JobWatch.start(jsc.sc(), new ReadWatch.Timing(0.5, 60), seen::add)) {
      long now = System.currentTimeMillis();
      watch.onJobStart(new org.apache.spark.scheduler.SparkListenerJobStart(ended, now - 5_000,
          scala.jdk.javaapi.CollectionConverters.asScala(List.<org.apache.spark.scheduler.StageInfo>of()).toSeq(),
          new java.util.Properties()));
      watch.onJobStart(new org.apache.spark.scheduler.SparkListenerJobStart(unknown, now - 5_000,
          scala.jdk.javaapi.CollectionConverters.asScala(List.<org.apache.spark.scheduler.StageInfo>of()).toSeq(),
          new java.util.Properties()));
      for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); seen.isEmpty()
          && System.nanoTime() < deadline; Thread.sleep(20)) {
        // the watch ticks on its own thread
      }
      Thread.sleep(300);
      synchronized (seen) {
        assertEquals(1, seen.size(), "only the job Spark does not have as ended: " + seen);
        assertTrue(seen.get(0).seconds() >= 5, "timed from the event's start, 5 s before: " + seen);
      }
      assertEquals(1, watch.running(), "the ended job is forgotten");
    }
  }

  private static int waitUnlessFirst(int x) throws InterruptedException {
    if (x != 0) {
      release.await(60, TimeUnit.SECONDS);
    }
    return x;
  }
}
