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
import sparkdgd.data.InputError;
import sparkdgd.data.InputFiles;

/**
 * A staged directory moved in file by file, as on an object store, here on a real local file system whose k-th
 * rename can be made to fail; {@code S3aInputTest} does it on S3A.
 */
class ObjectStoreMoveTest {
  @TempDir
  java.nio.file.Path tmp;

  /** The local file system, failing its {@code failAt}-th rename (0: none). */
  private static final class FailingRename extends RawLocalFileSystem {
    private int failAt;
    private int renames;

    FailingRename() throws IOException {
      initialize(URI.create("file:///"), new Configuration());
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
      return ++renames != failAt && super.rename(src, dst);
    }
  }

  private Path staged(String... files) throws IOException {
    java.nio.file.Path dir = Files.createDirectories(tmp.resolve(".out.staging"));
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
    assertTrue(e.getMessage().endsWith("; " + target + " holds part of this write, marked by its _UNFINISHED file, "
        + "which spark-dgd refuses to read: write it again"), e.getMessage());
    List<String> moved = names("out"); // the mark and the one file moved before the failure (listings are unsorted)
    assertEquals(2, moved.size(), moved.toString());
    assertEquals("_UNFINISHED", moved.get(0));
    assertTrue(Files.readString(tmp.resolve("out/_UNFINISHED")).startsWith("spark-dgd is moving the files of "));

    Configuration conf = new Configuration();
    String refusal = "holds _UNFINISHED, the mark of a write into it that has not finished: its files are being "
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
    Files.delete(tmp.resolve("out/_UNFINISHED"));
    assertEquals(1, InputFiles.list(conf, target.toString()).size(), "read once the mark is gone");
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
