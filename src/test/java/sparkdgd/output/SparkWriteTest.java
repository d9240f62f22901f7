package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.SparkTestSession;

class SparkWriteTest {
  private static final long STRAGGLER_MILLIS = 1500;

  /**
   * One partition fails at once (twice: the session retries a task once), the other is still writing into
   * the staging directory when the job fails. The commit must give up only after that task has ended, so
   * that what it wrote is deleted with the staging directory instead of appearing after it.
   */
  @Test
  void aFailedWriteReturnsOnlyAfterItsOtherTasksEnded(@TempDir Path tmp) throws Exception {
    SparkContext sc = SparkTestSession.get().sparkContext();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    Path out = tmp.resolve("out");
    Path ended = Files.createDirectories(tmp.resolve("ended"));
    String endedDir = ended.toString();
    OutputDirectory target = OutputDirectory.prepare(new Configuration(), out.toString(), false);

    SparkException e = assertThrows(SparkException.class, () -> target.commit(Map.of(), List.of(
        (fs, staging) -> SparkWrite.run(sc, () -> {
          String stagingDir = staging.toUri().getPath();
          jsc.parallelize(List.of(0, 1), 2).foreachPartition(p -> {
            int partition = p.next();
            if (partition == 0) {
              throw new IllegalStateException("a bad row in partition 0");
            }
            // a task that does not stop at once when Spark asks it to (Spark interrupts it here)
            long until = System.nanoTime() + STRAGGLER_MILLIS * 1_000_000;
            while (System.nanoTime() < until) {
              Thread.onSpinWait();
            }
            Thread.interrupted();
            Files.writeString(Path.of(stagingDir, "part-00001"), "late rows");
            Files.writeString(Path.of(endedDir, "partition-1"), "ended");
          });
        }))));
    assertTrue(e.getMessage().contains("a bad row in partition 0"), e.getMessage());
    assertTrue(Files.exists(ended.resolve("partition-1")), "the commit gave up before the other task ended");
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of("ended"), s.map(f -> f.getFileName().toString()).toList(), "a staging directory is left");
    }
  }

  @Test
  void aWriteThatSucceedsReturnsAtOnce(@TempDir Path tmp) throws Exception {
    SparkContext sc = SparkTestSession.get().sparkContext();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
    String dir = tmp.toString();
    SparkWrite.run(sc, () -> jsc.parallelize(List.of(0, 1), 2)
        .foreachPartition(p -> Files.writeString(Path.of(dir, "part-" + p.next()), "rows")));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(2, s.count());
    }
  }
}
