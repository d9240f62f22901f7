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
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replacing outputs on a real local file system, one of whose renames can be made to fail. */
class ReplacementTest {

  /** The local file system, refusing any rename of {@code refused}. */
  private static final class RefusingRenames extends RawLocalFileSystem {
    private Path refused;

    RefusingRenames() throws IOException {
      initialize(URI.create("file:///"), new Configuration());
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
      return !src.equals(refused) && super.rename(src, dst);
    }
  }

  private static Path dirWith(java.nio.file.Path dir, String file, String text) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(file), text);
    return new Path(dir.toString());
  }

  private static Path local(java.nio.file.Path dir, String name) {
    return new Path(dir.resolve(name).toString());
  }

  private static List<String> names(java.nio.file.Path dir) throws IOException {
    try (Stream<java.nio.file.Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aNonEmptyDirectoryIsReplacedAndNothingIsLeftBeside(@TempDir java.nio.file.Path tmp) throws Exception {
    RefusingRenames fs = new RefusingRenames();
    Path target = dirWith(tmp.resolve("out"), "model.json", "old");
    Path staged = dirWith(tmp.resolve(".out.staging"), "model.json", "new");
    Replacement.replace(fs, staged, fs.makeQualified(target));
    assertEquals("new", Files.readString(tmp.resolve("out/model.json")));
    assertEquals(List.of("out"), names(tmp));
  }

  @Test
  void whenTheNewOneCannotGoInTheOldOneStays(@TempDir java.nio.file.Path tmp) throws Exception {
    RefusingRenames fs = new RefusingRenames();
    Path target = fs.makeQualified(dirWith(tmp.resolve("out"), "model.json", "old"));
    Path staged = fs.makeQualified(dirWith(tmp.resolve(".out.staging"), "model.json", "new"));
    fs.refused = staged;
    IOException e = assertThrows(IOException.class, () -> Replacement.replace(fs, staged, target));
    assertTrue(e.getMessage().contains("the old one is left in place"), e.getMessage());
    assertEquals("old", Files.readString(tmp.resolve("out/model.json")), "deleted before the new one stood");
    assertEquals(List.of(".out.staging", "out"), names(tmp), "the staged copy is the caller's to remove");
  }

  @Test
  void aFileIsReplacedAndAMissingTargetIsARename(@TempDir java.nio.file.Path tmp) throws Exception {
    RefusingRenames fs = new RefusingRenames();
    Files.writeString(tmp.resolve("m.json"), "old");
    Files.writeString(tmp.resolve(".m.json.tmp"), "new");
    Replacement.replace(fs, local(tmp, ".m.json.tmp"), local(tmp, "m.json"));
    assertEquals("new", Files.readString(tmp.resolve("m.json")));
    Files.writeString(tmp.resolve(".n.json.tmp"), "first");
    Replacement.replace(fs, local(tmp, ".n.json.tmp"), local(tmp, "n.json"));
    assertEquals("first", Files.readString(tmp.resolve("n.json")));
    assertEquals(List.of("m.json", "n.json"), names(tmp));
    assertFalse(Files.exists(tmp.resolve(".m.json.tmp")));
  }
}
