package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Outputs and checkpoints on a real full disk: a 64 KiB tmpfs mounted for the test (these machines run the build as
 * root; elsewhere the test is skipped, saying why). A review's full disk gave a 39-line trace of Hadoop's FSError (an
 * Error, which the commands did not catch) and left an empty checkpoint lock that refused every retry for 3 minutes.
 */
class DiskFullTest {
  private static Path full;

  @BeforeAll
  static void mountATinyDisk() throws Exception {
    full = Files.createTempDirectory("sparkdgd-full-");
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full.toString())
        .redirectErrorStream(true).start();
    String said = new String(mount.getInputStream().readAllBytes());
    boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
    if (!mounted) {
      Files.delete(full);
      full = null;
    }
    Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (not root?): " + said);
  }

  @AfterAll
  static void unmount() throws Exception {
    if (full != null) {
      // lazily: a file a failed write left open (a Spark task's writer, closed later) keeps the disk busy a while
      new ProcessBuilder("umount", "-l", full.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
      Files.delete(full);
    }
  }

  /** Fills what is left of the disk with one file, so that the next write finds no space at all. */
  private static void fill() throws IOException {
    try (var out = Files.newOutputStream(full.resolve("filler"))) {
      byte[] block = new byte[4096];
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
        throw e;
      }
    }
  }

  private static void assertOneLine(CliRun run, int code) {
    assertEquals(code, run.code(), "stdout:\n" + run.out() + "\nstderr:\n" + run.err());
    List<String> lines = run.err().strip().lines().filter(l -> !l.startsWith("warning: ")).toList();
    assertEquals(1, lines.size(), run.err());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void outputsOnAFullDiskAreOneLineAndLeaveNothing() throws Exception {
    String sample = Path.of("sample-data", "tutorial.csv").toString();
    Path out = full.resolve("model");
    CliRun train = CliRun.of("--data", sample, "--epochs", "3", "--output", out.toString());
    assertOneLine(train, 1);
    assertTrue(train.err().startsWith("error: no space left on the device while writing ("), train.err());
    assertTrue(train.err().strip().endsWith("); free space on the file system of --output (or of --checkpoint-dir, "
        + "or Spark's local directories, spark.local.dir), or write there elsewhere"), train.err());
    assertFalse(Files.exists(out));
    try (var left = Files.list(full)) {
      assertEquals(List.of(), left.toList(), "no staging directory left behind");
    }
    // predict's part files are written by Spark's tasks, whose failure (TASK_WRITE_FAILED) named only the file
    Path model = Files.createTempDirectory("sparkdgd-model-").resolve("m");
    assertEquals(0, CliRun.of("--data", sample, "--epochs", "3", "--no-plots", "--output", model.toString()).code());
    fill();
    try {
      CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", sample, "--output",
          full.resolve("p").toString());
      assertOneLine(predict, 1);
      assertTrue(predict.err().startsWith("error: no space left on the device while writing ("), predict.err());
    } finally {
      Files.deleteIfExists(full.resolve("filler"));
    }
  }

  @Test
  void aCheckpointDirectoryOnAFullDiskIsRefusedAndLeavesNoLock() throws Exception {
    Path ck = Files.createDirectories(full.resolve("ck"));
    try {
      fill();
      String sample = Path.of("sample-data", "tutorial.csv").toString();
      CliRun train = CliRun.of("--data", sample, "--epochs", "3", "--checkpoint-dir", ck.toString(), "--no-plots",
          "--output", Files.createTempDirectory("sparkdgd-out-").resolve("m").toString());
      assertOneLine(train, 1); // 1, not 2: nothing to fix in the command
      assertTrue(train.err().startsWith("error: no space left on the device while writing ("), train.err());
      try (var left = Files.list(ck)) {
        assertEquals(List.of(), left.toList(), "the lock this run could not write is deleted");
      }
      Files.delete(full.resolve("filler"));
      train = CliRun.of("--data", sample, "--epochs", "3", "--checkpoint-dir", ck.toString(), "--no-plots",
          "--output", Files.createTempDirectory("sparkdgd-out-").resolve("m").toString());
      assertEquals(0, train.code(), "a retry once there is space: " + train.err());
    } finally {
      Files.deleteIfExists(full.resolve("filler"));
    }
  }
}
