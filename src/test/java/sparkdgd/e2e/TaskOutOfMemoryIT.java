package sparkdgd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that runs out of memory in local mode, as a user runs it: Spark's executor ended the driver's JVM for it
 * (exit code 52) after a stack trace of Spark's handler, most often before the trainer printed its line. Now the task
 * fails as any other: one line with the settings that help, exit code 1. The task here builds the first block of a
 * CSV of 32768 features, 4096 rows x 32768 features x 8 bytes = 1 GiB, in a 512 MB driver; a separate process, since
 * only a driver of its own can run out of memory so. The rows are given: without --block-rows, blocks of 32768
 * features hold 60 rows (BlockSize), 15.7 MB, and the same file trains.
 */
class TaskOutOfMemoryIT {
  @Test
  void aTaskOutOfMemoryIsOneLineAndExitCodeOne(@TempDir Path tmp) throws Exception {
    int features = 32768;
    StringBuilder csv = new StringBuilder();
    for (int j = 0; j < features; j++) {
      csv.append('x').append(j).append(',');
    }
    csv.append("y\n");
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < features; j++) {
        csv.append((i + j) % 7).append(',');
      }
      csv.append(i).append('\n');
    }
    Path data = Files.writeString(tmp.resolve("wide.csv"), csv);
    List<String> args = new ArrayList<>(List.of("--master", "local[2]", "--driver-memory", "512m", "--data",
        data.toString(), "--epochs", "2", "--block-rows", "4096", "--output", tmp.resolve("out").toString()));
    args.addAll(Submit.COEFFICIENTS_ONLY);
    Submit.Result r = Submit.run(tmp, args.toArray(new String[0]));
    assertEquals(1, r.code(), r.both());
    String err = r.err().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).reduce("",
        (a, b) -> a + b + "\n").strip();
    assertEquals("error: a task ran out of memory (Java heap space): give Spark more memory (--driver-memory in local "
        + "mode, --executor-memory on a cluster) or run fewer tasks at once (fewer cores per executor, or local[1]); "
        + "or fewer rows per block (--block-rows, now 4096): a task builds each block whole, 1.0 GiB here "
        + "(--block-rows x features x 8 bytes)", err, r.both());
    assertFalse(Files.exists(tmp.resolve("out")));
  }
}
