package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.UsageError;
import sparkdgd.data.InputError;
import sparkdgd.data.InputFiles;

/**
 * A staged directory moved in file by file, as on an object store, here on a real local file system whose k-th
 * rename can be made to fail; {@code S3aInputTest} does it on S3A.
 */
class ObjectStoreMoveTest {
  @TempDir
  java.nio.file.Path tmp;

  /** Something another process does while a rename is under way; true if it did that rename itself. */
  private interface Step {
    boolean run(Path src, Path dst) throws IOException;
  }

  /**
   * The local file system, failing its {@code failAt}-th rename (0: none), and doing {@code during} (once) in its
   * {@code duringAt}-th rename.
   */
  private static final class FailingRename extends RawLocalFileSystem {
    private int failAt;
    private int renames;
    private int duringAt;
    private Step during;

    FailingRename() throws IOException {
      initialize(URI.create("file:///"), new Configuration());
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
      if (++renames == duringAt && during != null) {
        Step step = during;
        during = null;
        if (step.run(src, dst)) {
          return true;
        }
      }
      return renames != failAt && super.rename(src, dst);
    }

    /** Once {@code renames} have run, {@code onExists} is done (once) at the next look whether a path exists. */
    private int existsAfter;
    private Step onExists;

    @Override
    public boolean exists(Path p) throws IOException {
      if (onExists != null && renames >= existsAfter) {
        Step step = onExists;
        onExists = null;
        step.run(p, null);
      }
      return super.exists(p);
    }

    boolean renameNow(Path src, Path dst) throws IOException {
      return super.rename(src, dst);
    }
  }

  private Path staged(String... files) throws IOException {
    return stagedIn(".out.staging", files);
  }

  private Path stagedIn(String name, String... files) throws IOException {
    java.nio.file.Path dir = Files.createDirectories(tmp.resolve(name));
    for (String f : files) { // a file's path in the target, written as by this write ("of .out.other")
      Files.writeString(Files.createDirectories(dir.resolve(f).getParent()).resolve(dir.resolve(f).getFileName()),
          "new " + f + " of " + name + "\n");
    }
    return new Path(dir.toUri());
  }

  private List<String> names(String dir) throws IOException {
    try (Stream<java.nio.file.Path> s = Files.list(tmp.resolve(dir))) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
    }
  }

  @Test
  void theFilesGoInAndTheMarkIsGoneAtTheEnd() throws Exception {
    FailingRename fs = new FailingRename();
    Path target = new Path(tmp.resolve("out").toUri());
    ObjectStoreMove.move(fs, staged("part-0.csv", "part-1.csv"), target);
    assertEquals(List.of("part-0.csv", "part-1.csv"), names("out"));
    assertEquals("new part-1.csv of .out.staging\n", Files.readString(tmp.resolve("out/part-1.csv")));
    assertEquals(List.of("out"), names("."), "the staged directory is gone");
    assertEquals(2, InputFiles.list(new Configuration(), target.toString()).size());
  }

  @Test
  void anOldTargetIsEmptiedBeforeTheNewFilesGoIn() throws Exception {
    FailingRename fs = new FailingRename();
    java.nio.file.Path old = Files.createDirectories(tmp.resolve("out/sub"));
    Files.writeString(tmp.resolve("out/part-0.csv"), "old\n");
    Files.writeString(tmp.resolve("out/part-7.csv"), "old\n");
    Files.writeString(old.resolve("x"), "old\n");
    ObjectStoreMove.move(fs, staged("part-0.csv"), new Path(tmp.resolve("out").toUri()));
    assertEquals(List.of("part-0.csv"), names("out"));
    assertEquals("new part-0.csv of .out.staging\n", Files.readString(tmp.resolve("out/part-0.csv")));
  }

  @Test
  void aMoveThatStopsHalfwayLeavesTheTargetMarkedAndReadersRefuseIt() throws Exception {
    FailingRename fs = new FailingRename();
    fs.failAt = 2;
    Path target = new Path(tmp.resolve("out").toUri());
    IOException e = assertThrows(IOException.class,
        () -> ObjectStoreMove.move(fs, staged("part-0.csv", "part-1.csv", "part-2.csv"), target));
    List<String> moved = names("out"); // the marks and the one file moved before the failure (listings are unsorted)
    assertEquals(3, moved.size(), moved.toString());
    assertEquals("_UNFINISHED", moved.get(0));
    String own = moved.get(1);
    assertTrue(own.matches("_UNFINISHED-[0-9a-f-]{36}"), own);
    assertTrue(e.getMessage().endsWith("; " + target + " holds part of this write, marked by its _UNFINISHED and "
        + own + " files, which spark-dgd refuses to read: write it again"), e.getMessage());
    assertTrue(Files.readString(tmp.resolve("out/_UNFINISHED")).startsWith("spark-dgd is moving the files of "));

    Configuration conf = new Configuration();
    String refusal = ", the mark of a write into it that has not finished: its files are being "
        + "moved in one by one (an object store), or the writer stopped before the end and it holds only part of them; "
        + "write it again, or wait for that write to end";
    // here (a local file system, where no write leaves a mark) as the listing finds it; files named or matched on
    // their own are looked for only on object stores (S3aInputTest)
    for (String data : List.of(target.toString(), target + "/*")) {
      InputError refused = assertThrows(InputError.class, () -> InputFiles.list(conf, data), data);
      assertEquals(target.toUri().getPath(), new Path(refused.getMessage().substring(0,
          refused.getMessage().indexOf(": holds"))).toUri().getPath(), refused.getMessage());
      assertTrue(refused.getMessage().contains(": holds _UNFINISHED"), refused.getMessage());
      assertTrue(refused.getMessage().endsWith(refusal), refused.getMessage());
    }
    Files.delete(tmp.resolve("out/" + own));
    assertThrows(InputError.class, () -> InputFiles.list(conf, target.toString()), "the shared mark alone");
    Files.delete(tmp.resolve("out/_UNFINISHED"));
    assertEquals(1, InputFiles.list(conf, target.toString()).size(), "read once the marks are gone");
  }

  /**
   * Another write, with --overwrite, that ran whole between this one's second and third files, and wrote files
   * of the same names (a scheduler's retry of the same command): its output is left whole and unmarked (a review found
   * the first write marking it again, its files taken for this one's by their names).
   */
  @Test
  void aWriteTakenOverByAnotherStopsAndLeavesTheOthersFilesUnmarked() throws Exception {
    for (String[] theirs : List.of(new String[] {"part-0.csv", "part-1.csv", "part-2.csv"},
        new String[] {"part-5.csv", "part-6.csv"})) {
      FailingRename fs = new FailingRename();
      Path target = new Path(tmp.resolve("out").toUri());
      Path other = stagedIn(".out.other", theirs);
      fs.existsAfter = 2; // this write's look at its mark before its third file
      fs.onExists = (p, unused) -> {
        ObjectStoreMove.move(fs, other, target);
        return false;
      };
      UsageError e = assertThrows(UsageError.class,
          () -> ObjectStoreMove.move(fs, staged("part-0.csv", "part-1.csv", "part-2.csv"), target));
      assertTrue(e.getMessage().startsWith("another write into " + target + " began while this one moved its files "
          + "in (it deleted this one's mark, _UNFINISHED-"), e.getMessage());
      assertTrue(e.getMessage().endsWith("), so this one stopped: it holds what that write put there; give each run "
          + "its own --output, or write it again once the other has ended"), e.getMessage());
      assertEquals(List.of(theirs), names("out"), "the other write's, whole and unmarked");
      for (String f : theirs) {
        assertEquals("new " + f + " of .out.other\n", Files.readString(tmp.resolve("out").resolve(f)));
      }
      assertEquals(theirs.length, InputFiles.list(new Configuration(), target.toString()).size());
      deleteAll(tmp.resolve("out"));
      deleteAll(tmp.resolve(".out.staging"));
    }
  }

  private static void deleteAll(java.nio.file.Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
        for (java.nio.file.Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /**
   * Another write that emptied the target and moved its files in while this write's second file was being renamed
   * in, which landed after the emptying: each finds the target holding files of both, and it is left marked.
   */
  @Test
  void twoWritesWhoseFilesMixLeaveTheTargetMarked() throws Exception {
    FailingRename fs = new FailingRename();
    Path target = new Path(tmp.resolve("out").toUri());
    Path other = stagedIn(".out.other", "part-5.csv", "part-6.csv");
    String[] landed = new String[1];
    fs.duringAt = 2;
    fs.during = (src, dst) -> {
      fs.duringAt = fs.renames + 1; // the other's first rename: this write's second file lands then
      fs.during = (src2, dst2) -> {
        landed[0] = dst.getName();
        assertTrue(fs.renameNow(src, dst));
        return false;
      };
      UsageError theirs = assertThrows(UsageError.class, () -> ObjectStoreMove.move(fs, other, target));
      assertTrue(theirs.getMessage().contains("ran at the same time as this one (it holds " + landed[0] + ", which "
          + "this one did not write), so it may hold files of both: it is left marked by _UNFINISHED, which "),
          theirs.getMessage());
      return true;
    };
    UsageError e = assertThrows(UsageError.class,
        () -> ObjectStoreMove.move(fs, staged("part-0.csv", "part-1.csv", "part-2.csv"), target));
    assertTrue(e.getMessage().contains("so this one stopped: it may hold files of both, and is marked again, which "
        + "spark-dgd refuses to read"), e.getMessage());
    List<String> left = names("out");
    assertEquals(List.of(landed[0], "part-5.csv", "part-6.csv"),
        left.stream().filter(n -> !n.startsWith("_UNFINISHED")).toList());
    assertEquals(3, left.stream().filter(n -> n.startsWith("_UNFINISHED")).count(), left + ": the shared mark and "
        + "each write's own");
    InputError refused = assertThrows(InputError.class, () -> InputFiles.list(new Configuration(), target.toString()));
    assertTrue(refused.getMessage().contains(": holds _UNFINISHED"), refused.getMessage());
  }

  /**
   * A staged directory with directories in it, as a model's spark-model/: the files under them are this write's too,
   * and one another write put there (its copy of the same directory under way) is found.
   */
  @Test
  void theFilesUnderAMovedDirectoryAreCheckedToo() throws Exception {
    FailingRename fs = new FailingRename();
    Path target = new Path(tmp.resolve("out").toUri());
    String[] files = {"model.json", "spark-model/metadata/part-00000", "spark-model/data/part-00000.parquet"};
    ObjectStoreMove.move(fs, staged(files), target);
    assertEquals(List.of("model.json", "spark-model"), names("out"));
    assertEquals("new spark-model/data/part-00000.parquet of .out.staging\n",
        Files.readString(tmp.resolve("out/spark-model/data/part-00000.parquet")));

    fs.duringAt = fs.renames + 2; // the second rename of the next write, after spark-model/ came in or with it
    fs.during = (src, dst) -> {
      boolean now = src.getName().equals("spark-model") && fs.renameNow(src, dst);
      Files.writeString(tmp.resolve("out/spark-model/data/part-00001.parquet"), "another write's\n");
      return now;
    };
    UsageError e = assertThrows(UsageError.class, () -> ObjectStoreMove.move(fs, staged(files), target));
    assertTrue(e.getMessage().contains("(it holds spark-model/data/part-00001.parquet, which this one did not write), "
        + "so it may hold files of both"), e.getMessage());
    assertTrue(names("out").contains("_UNFINISHED"), names("out").toString());
  }

  /**
   * _SUCCESS goes in only after the target was found whole and its marks deleted: a sensor waiting for it had found it
   * in a directory still marked (a review).
   */
  @Test
  void successGoesInAfterTheMarksAreGone() throws Exception {
    FailingRename fs = new FailingRename();
    Path target = new Path(tmp.resolve("out").toUri());
    List<String> seen = new java.util.ArrayList<>();
    fs.duringAt = 3;
    fs.during = (src, dst) -> {
      seen.add(src.getName());
      seen.addAll(names("out"));
      return false;
    };
    ObjectStoreMove.move(fs, staged("part-0.csv", "_truth.json", "_SUCCESS"), target);
    assertEquals(List.of("_SUCCESS", "_truth.json", "part-0.csv"), seen, "the third rename, and what the target held");
    assertEquals(List.of("_SUCCESS", "_truth.json", "part-0.csv"), names("out"));
  }

  /** _SUCCESS, which other readers wait for and which they see (the mark they do not), goes in last. */
  @Test
  void theDataGoesInBeforeTheFilesOfAnUnderscoreAndSuccessLast() throws Exception {
    FailingRename fs = new FailingRename();
    Path staged = staged("_SUCCESS", "_truth.json", "part-1.csv", "part-0.csv");
    List<String> order = ObjectStoreMove.inMoveOrder(fs.listStatus(staged)).stream()
        .map(f -> f.getPath().getName()).toList();
    assertEquals(List.of("_truth.json", "_SUCCESS"), order.subList(2, 4), order.toString());
    assertEquals(List.of("part-0.csv", "part-1.csv"), order.subList(0, 2).stream().sorted().toList());
  }

  @Test
  void onlyObjectStoresMoveFileByFile() throws Exception {
    Configuration conf = new Configuration();
    assertFalse(ObjectStoreMove.needed(FileSystem.getLocal(conf)));
    assertFalse(ObjectStoreMove.needed(new FailingRename()));
    FileSystem s3a = new RawLocalFileSystem() {
      @Override
      public URI getUri() {
        return URI.create("s3a://bucket");
      }
    };
    assertTrue(ObjectStoreMove.needed(s3a));
  }
}
