package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.SparkTestSession;

/**
 * A job whose first task fails at once while the second sleeps 1.5 s: the job fails before the second task
 * ends (Spark does not wait for it), and {@link RunningTasks#awaitNone} returns only after it has.
 */
@Tag("spark")
class RunningTasksTest {

  @Test
  void waitsForTheTaskAFailedJobLeftRunning(@TempDir Path tmp) throws Exception {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    String done = tmp.resolve("slow-task-ended").toString();
    assertThrows(Exception.class, () -> jsc.parallelize(List.of(0, 1), 2).foreach(i -> {
      if (i == 0) {
        throw new IllegalStateException("fails at once");
      }
      Thread.sleep(1500);
      Files.writeString(Path.of(done), "ended");
    }));
    assertTrue(RunningTasks.running(jsc.sc()) > 0, "the slow task still runs when the job has failed");
    assertTrue(RunningTasks.awaitNone(jsc.sc(), 10_000));
    assertEquals("ended", Files.readString(Path.of(done)), "the slow task ended before awaitNone returned");
    assertEquals(0, RunningTasks.running(jsc.sc()));
  }
}
