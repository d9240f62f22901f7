package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write's hidden sibling is gone when the write ends, and when the JVM ends in the middle of it. */
class HiddenSiblingTest {
  @TempDir
  Path tmp;

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toString());
  }

  /**
   * A run that lost the race for its output, on an object store whose second rename fails while its outputs are moved
   * beside the target one by one: the error names both places they are in (it had named only the hidden one).
   */
  @Test
  void outputsKeptBesideThatStopMovingPartwayAreToldInBothPlaces() throws Exception {
    FileSystem fs = new org.apache.hadoop.fs.RawLocalFileSystem() {
      private int renames;

      @Override
      public java.net.URI getUri() {
        return java.net.URI.create("s3a://bucket");
      }

      @Override
      protected void checkPath(org.apache.hadoop.fs.Path path) {
        // the local files of an s3a:// file system's paths
      }

      @Override
      public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
        return ++renames != 2 && super.rename(src, dst);
      }
    };
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    Path target = tmp.resolve("out");
    HiddenSibling write = HiddenSibling.of(fs, hadoop(target), "staging");
    Path staged = Files.createDirectories(Path.of(write.path().toUri().getPath()));
    Files.writeString(staged.resolve("model.json"), "{}");
    Files.writeString(staged.resolve("history.csv"), "epoch\n");
    Files.writeString(Files.createDirectories(target).resolve("model.json"), "{\"other\":1}");

    String message = write.keepBeside("this run's outputs").getMessage();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(" was filled by another run meanwhile, so this run's "
        + "outputs are in (\\S+) \\(a hidden directory\\) and (\\S+), where moving them one by one stopped "
        + "\\(cannot rename \\S+ to \\S+\\), and which is marked unfinished \\(spark-dgd refuses to read it before "
        + "its _UNFINISHED file is deleted\\); move them where they belong, and give each run its own --output \\(or "
        + "--overwrite\\)$").matcher(message);
    assertTrue(m.find(), message);
    List<String> here = names(Path.of(new org.apache.hadoop.fs.Path(m.group(1)).toUri().getPath()));
    List<String> kept = names(Path.of(new org.apache.hadoop.fs.Path(m.group(2)).toUri().getPath()));
    assertEquals(1, here.size(), here.toString());
    assertEquals(3, kept.size(), kept + ": one output and the two marks");
    assertEquals("_UNFINISHED", kept.get(0));
    write.close();
    assertTrue(Files.exists(Path.of(write.path().toUri().getPath())), "what is left there is not deleted");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList();
    }
  }

  @Test
  void aWriteCutShortByTheJvmsEndLeavesNothingBesideItsTarget() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path target = tmp.resolve("out");
    Files.writeString(Files.createDirectories(target).resolve("old.txt"), "old");
    HiddenSibling cut = HiddenSibling.of(fs, hadoop(target), "staging");
    assertTrue(cut.path().getName().startsWith(".out.staging-"), cut.path().toString());
    fs.mkdirs(new org.apache.hadoop.fs.Path(cut.path(), "_temporary/0"));
    int before = HiddenSibling.unfinished();

    HiddenSibling.deleteUnfinished(); // what the shutdown hook runs

    assertFalse(fs.exists(cut.path()), "the staging directory");
    assertEquals(0, HiddenSibling.unfinished(), "was " + before);
    assertEquals("old", Files.readString(target.resolve("old.txt")), "the target is left as it was");
    // the main thread, which goes on during the shutdown, cannot put an abandoned write in the target's place
    IOException refused = assertThrows(IOException.class, cut::replaceTarget);
    assertTrue(refused.getMessage().contains("is left as it was"), refused.getMessage());
    assertEquals("old", Files.readString(target.resolve("old.txt")));
    cut.close(); // touches no file system (they may be closed by then)
  }

  @Test
  void aFinishedWriteReplacesItsTargetAndIsNoLongerWatched() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path target = tmp.resolve("metrics.json");
    Files.writeString(target, "old");
    try (HiddenSibling tmpFile = HiddenSibling.of(fs, hadoop(target), "tmp")) {
      try (var out = fs.create(tmpFile.path(), false)) {
        out.write("new".getBytes(StandardCharsets.UTF_8));
      }
      tmpFile.replaceTarget();
    }
    assertEquals("new", Files.readString(target));
    assertEquals(0, HiddenSibling.unfinished());
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of("metrics.json"), left.map(p -> p.getFileName().toString())
          .filter(n -> !n.endsWith(".crc")).toList());
    }
  }

  @Test
  void aFailedWriteDeletesWhatItLeft() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path target = tmp.resolve("scored");
    org.apache.hadoop.fs.Path staging;
    try (HiddenSibling sibling = HiddenSibling.of(fs, hadoop(target), "staging")) {
      staging = sibling.path();
      fs.mkdirs(new org.apache.hadoop.fs.Path(staging, "part"));
    }
    assertFalse(fs.exists(staging));
    assertFalse(Files.exists(target));
    assertEquals(0, HiddenSibling.unfinished());
  }

  /**
   * A staging directory a process killed outright left beside the target is told, with its size, by the next write
   * there, and not deleted (it may be another run's under way); the write's own sibling and another kind's are not.
   */
  @Test
  void aStagingDirectoryAKilledProcessLeftIsToldByTheNextWrite() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path target = tmp.resolve("k9");
    Path left = Files.createDirectories(tmp.resolve(".k9.staging-3c91"));
    Files.write(left.resolve("model.json"), new byte[116_000]);
    Files.createDirectories(tmp.resolve(".k9.tmp-1")); // another kind
    Files.createDirectories(tmp.resolve(".k99.staging-2")); // another target
    try (HiddenSibling next = HiddenSibling.of(fs, hadoop(target), "staging")) {
      fs.mkdirs(next.path());
      List<String> told = HiddenSibling.leftovers(fs, hadoop(target), "staging");
      assertEquals(List.of("file:" + left + " (116 kB) is left from a write that did not finish (a process killed "
          + "outright), or is another run's write under way: delete it once no run is writing " + target), told);
    }
    assertTrue(Files.exists(left), "told, not deleted");
  }

  /** The file system's listings, counted by directory. */
  private static final class CountedListings extends org.apache.hadoop.fs.RawLocalFileSystem {
    private final java.util.Map<String, Integer> listings = new java.util.HashMap<>();

    CountedListings() throws IOException {
      initialize(java.net.URI.create("file:///"), new Configuration());
    }

    @Override
    public org.apache.hadoop.fs.FileStatus[] listStatus(org.apache.hadoop.fs.Path dir) throws IOException {
      listings.merge(dir.toUri().getPath(), 1, Integer::sum);
      return super.listStatus(dir);
    }
  }

  /**
   * An output's staging directory looks beside the target for a killed write's leftovers and for an earlier output
   * moved aside with one listing of the parent (it took two, each after an existence check: four requests on S3).
   */
  @Test
  void aStagingWriteListsTheTargetsParentOnce() throws Exception {
    CountedListings fs = new CountedListings();
    Path target = tmp.resolve("once");
    Files.createDirectories(tmp.resolve(".once.staging-left"));
    Files.createDirectories(tmp.resolve(".once.replaced-1"));
    try (HiddenSibling next = HiddenSibling.of(fs, hadoop(target), "staging")) {
      assertEquals(1, fs.listings.get(tmp.toString()), fs.listings.toString()); // and the leftover's size
      assertEquals(List.of(hadoop(tmp.resolve(".once.replaced-1"))), HiddenSibling.movedAside(fs, hadoop(target))
          .stream().map(q -> new org.apache.hadoop.fs.Path(q.toUri().getPath())).toList());
    }
  }
}
