package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.UsageError;

class WritableDirectoryTest {
  private static FileSystem local() throws Exception {
    return FileSystem.getLocal(new Configuration()).getRaw();
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toString());
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** A run that then fails on its data leaves no directory of its own behind: the probe goes where one exists. */
  @Test
  void missingDirectoriesAreNotCreatedAndTheProbeLeavesNothingBehind(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("a").resolve("b");
    WritableDirectory.require(local(), hadoop(dir), "--output", dir + "/out");
    assertEquals(List.of(), names(tmp), "nothing created, no probe file left");
    Files.createDirectories(dir);
    WritableDirectory.require(local(), hadoop(dir), "--output", dir + "/out"); // an existing directory too
    assertEquals(List.of(), names(dir));
  }

  /** A file anywhere above the directory is named, as the user typed it when they did: not the qualified path. */
  @Test
  void aFileAboveTheDirectoryIsNamed(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("tutorial.csv"), "x,y\n");
    UsageError e = assertThrows(UsageError.class,
        () -> WritableDirectory.require(local(), hadoop(file.resolve("deeper")), "--output", file + "/deeper/out"));
    assertEquals("--output " + file + "/deeper/out cannot be written: " + file + " is a file, not a directory; "
        + "choose another --output", e.getMessage());
    assertEquals("x,y\n", Files.readString(file));
    assertEquals(List.of("tutorial.csv"), names(tmp));

    Path relative = Path.of("").toAbsolutePath().relativize(file);
    e = assertThrows(UsageError.class, () -> WritableDirectory.require(local(),
        new org.apache.hadoop.fs.Path(relative.toString()), "--checkpoint-dir", relative.toString()));
    assertEquals("--checkpoint-dir " + relative + " cannot be written: " + relative + " is a file, not a directory; "
        + "choose another --checkpoint-dir", e.getMessage());
  }

  /** Where no directory can be created, no file can be either: that is refused, naming the place. */
  @Test
  void aDirectoryThatCannotBeCreatedIsRefused() throws Exception {
    assumeFalse(!Files.isDirectory(Path.of("/proc")) || new java.io.File("/proc/spark-dgd-test").mkdir(),
        "needs Linux's /proc, where no directory can be created");
    UsageError e = assertThrows(UsageError.class, () -> WritableDirectory.require(local(),
        new org.apache.hadoop.fs.Path("/proc/nope"), "--output", "/proc/nope/out"));
    assertEquals("--output /proc/nope/out cannot be written: no file can be created in /proc (No such file or "
        + "directory); choose another --output", e.getMessage());
  }

  /** An existing directory in which no file can be created: /proc again, where only the kernel makes files. */
  @Test
  void aDirectoryInWhichNoFileCanBeCreatedIsRefused() throws Exception {
    assumeFalse(!Files.isDirectory(Path.of("/proc")) || new java.io.File("/proc/spark-dgd-test").mkdir(),
        "needs Linux's /proc, where no file can be created");
    UsageError e = assertThrows(UsageError.class, () -> WritableDirectory.require(local(),
        new org.apache.hadoop.fs.Path("/proc"), "--output", "/proc/out"));
    assertTrue(e.getMessage().startsWith("--output /proc/out cannot be written: no file can be created in /proc ("),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("); choose another --output"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  /**
   * A colon makes Hadoop read a scheme: {@code results-12:30} was exit 1 with Java's URISyntaxException, and an
   * absolute {@code /tmp/run-10:00} trained, then failed to make its staging directory beside it. Created, such a name
   * breaks every later listing of the directory that holds it.
   */
  @Test
  void aNameWithAColonIsAUsageErrorThatSaysHowToWriteIt(@TempDir Path tmp) {
    String expected = ": Hadoop cannot use a name with a colon (it reads what comes before the colon as a URI scheme, "
        + "and a directory holding such a name can no longer be listed by Hadoop or Spark); use another character, "
        + "e.g. results-12-30";
    for (String uri : new String[] {"results-12:30", "./results-12:30", tmp + "/results-12:30",
        "file:" + tmp + "/results-12:30"}) {
      UsageError e = assertThrows(UsageError.class, () -> WritableDirectory.path("--output", uri));
      assertEquals("--output " + uri + expected, e.getMessage());
    }
    assertEquals("results-12-30", WritableDirectory.path("--output", "./results-12-30").getName());
    UsageError relative = assertThrows(UsageError.class, () -> WritableDirectory.path("--output", "12:30/out"));
    assertTrue(relative.getMessage().endsWith("use another character, e.g. 12-30"), relative.getMessage());
    // a directory above, which may exist already (a checkpoint directory resumed in it), is used as it is
    assertEquals("out", WritableDirectory.path("--output", tmp + "/12:30/out").getName());
    UsageError empty = assertThrows(UsageError.class, () -> WritableDirectory.path("--output", ""));
    assertEquals("--output  is not a path Hadoop can use (Can not create a Path from an empty string)",
        empty.getMessage());
    assertEquals("out", WritableDirectory.path("--output", "hdfs://namenode:8020/runs/out").getName());
  }
}
