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
}
