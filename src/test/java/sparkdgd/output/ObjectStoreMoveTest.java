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

    boolean renameNow(Path src, Path dst) throws IOException {
      return super.rename(src, dst);
    }
  }

  private Path staged(String... files) throws IOException {
    return stagedIn(".out.staging", files);
  }

  private Path stagedIn(String name, String... files) throws IOException {
    java.nio.file.Path dir = Files.createDirectories(tmp.resolve(name));
    for (String f : files) {
      Files.writeString(dir.resolve(f), "new " + f + "\n");
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
    assertEquals("new part-1.csv\n", Files.readString(tmp.resolve("out/part-1.csv")));
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
    assertEquals("new part-0.csv\n", Files.readString(tmp.resolve("out/part-0.csv")));
  }

  @Test
  void aMoveThatStopsHalfwayLeavesTheTargetMarkedAndReadersRefuseIt() throws Exception {
    FailingRename fs = new FailingRename();
    fs.failAt = 2;
    Path target = new Path(tmp.resolve("out").toUri());
    IOException e = assertThrows(IOException.class,
        () -> ObjectStoreMove.move(fs, staged("part-0.csv", "part-1.csv", "part-2.csv"), target));
    List<String> moved = names("out"); // the mark and the one file moved before the failure (listings are unsorted)
    assertEquals(2, moved.size(), moved.toString());
    String mark = moved.get(0);
    assertTrue(mark.matches("_UNFINISHED-[0-9a-f-]{36}"), mark);
    assertTrue(e.getMessage().endsWith("; " + target + " holds part of this write, marked by its " + mark + " file, "
        + "which spark-dgd refuses to read: write it again"), e.getMessage());
    assertTrue(Files.readString(tmp.resolve("out/" + mark)).startsWith("spark-dgd is moving the files of "));

    Configuration conf = new Configuration();
    String refusal = "holds " + mark + ", the mark of a write into it that has not finished: its files are being "
        + "moved in one by one (an object store), or the writer stopped before the end and it holds only part of them; "
        + "write it again, or wait for that write to end";
    // here (a local file system, where no write leaves a mark) as the listing finds it; files named or matched on
    // their own are looked for only on object stores (S3aInputTest)
    for (String data : List.of(target.toString(), target + "/*")) {
      InputError refused = assertThrows(InputError.class, () -> InputFiles.list(conf, data), data);
      assertEquals(target.toUri().getPath(), new Path(refused.getMessage().substring(0,
          refused.getMessage().indexOf(": holds"))).toUri().getPath(), refused.getMessage());
      assertTrue(refused.getMessage().endsWith(refusal), refused.getMessage());
    }
    Files.delete(tmp.resolve("out/" + mark));
    assertEquals(1, InputFiles.list(conf, target.toString()).size(), "read once the mark is gone");
    Files.writeString(tmp.resolve("out/_UNFINISHED"), "an older spark-dgd's mark\n");
    assertThrows(InputError.class, () -> InputFiles.list(conf, target.toString()));
  }

  /** Another write, with --overwrite, that ran whole while this one's second file was being renamed in. */
  @Test
  void aWriteTakenOverByAnotherStopsAndLeavesTheOthersFilesUnmarked() throws Exception {
    FailingRename fs = new FailingRename();
    Path target = new Path(tmp.resolve("out").toUri());
    Path other = stagedIn(".out.other", "part-5.csv", "part-6.csv");
    fs.duringAt = 2;
    fs.during = (src, dst) -> {
      assertTrue(fs.renameNow(src, dst));
      ObjectStoreMove.move(fs, other, target);
      return true;
    };
    UsageError e = assertThrows(UsageError.class,
        () -> ObjectStoreMove.move(fs, staged("part-0.csv", "part-1.csv", "part-2.csv"), target));
    assertTrue(e.getMessage().startsWith("another write into " + target + " began while this one moved its files in "
        + "(it deleted this one's mark, _UNFINISHED-"), e.getMessage());
    assertTrue(e.getMessage().endsWith("), so this one stopped: it holds the other's files; give each run its own "
        + "--output, or write it again once the other has ended"), e.getMessage());
    assertEquals(List.of("part-5.csv", "part-6.csv"), names("out"), "the other write's, whole and unmarked");
    assertEquals(2, InputFiles.list(new Configuration(), target.toString()).size());
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
      UsageError theirs = assertThrows(UsageError.class, () -> ObjectStoreMove.move(fs, other,
          target));
      assertTrue(theirs.getMessage().contains("ran at the same time as this one (it holds " + landed[0] + ", which "
          + "this one did not write), so it may hold files of both: it is left marked by _UNFINISHED-"),
          theirs.getMessage());
      return true;
    };
    UsageError e = assertThrows(UsageError.class,
        () -> ObjectStoreMove.move(fs, staged("part-0.csv", "part-1.csv", "part-2.csv"), target));
    assertTrue(e.getMessage().contains("so this one stopped: it may hold files of both, and is marked again, which "
        + "spark-dgd refuses to read"), e.getMessage());
    List<String> left = names("out");
    assertEquals(List.of(landed[0], "part-5.csv", "part-6.csv"),
        left.stream().filter(n -> !n.startsWith("_UNFINISHED-")).toList());
    assertEquals(2, left.stream().filter(n -> n.startsWith("_UNFINISHED-")).count(), left.toString());
    InputError refused = assertThrows(InputError.class, () -> InputFiles.list(new Configuration(), target.toString()));
    assertTrue(refused.getMessage().contains(": holds _UNFINISHED-"), refused.getMessage());
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
