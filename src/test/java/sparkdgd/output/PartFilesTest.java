package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.UsageError;

/** A directory Spark's writers committed holds part files; one with only markers lost them to other hosts. */
class PartFilesTest {
  private static final FileSystem LOCAL = local();

  private static FileSystem local() {
    try {
      return FileSystem.getLocal(new Configuration());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static org.apache.hadoop.fs.Path hadoop(Path p) {
    return new org.apache.hadoop.fs.Path(p.toUri());
  }

  @Test
  void onlyMarkersAndChecksumsAreNoPartFiles(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(dir.resolve("_SUCCESS"), "");
    Files.writeString(dir.resolve("._SUCCESS.crc"), "");
    Files.writeString(dir.resolve(".part-00000-1c2d-c000.snappy.parquet.crc"), ""); // a checksum is not the file
    Files.createDirectories(dir.resolve("_temporary"));
    assertFalse(PartFiles.any(LOCAL, hadoop(dir)));
    assertFalse(PartFiles.any(LOCAL, hadoop(tmp.resolve("missing"))));

    Files.writeString(dir.resolve("part-00000-1c2d-c000.snappy.parquet"), "rows");
    assertTrue(PartFiles.any(LOCAL, hadoop(dir)));
  }

  @Test
  void requireNamesTheOutputWhenAnyDirectoryHasNone(@TempDir Path tmp) throws Exception {
    Path metadata = Files.createDirectories(tmp.resolve("spark-model/metadata"));
    Path data = Files.createDirectories(tmp.resolve("spark-model/data"));
    Files.writeString(metadata.resolve("part-00000"), "{}"); // Spark ML's metadata: a text part file
    Files.writeString(data.resolve("_SUCCESS"), "");
    UsageError e = assertThrows(UsageError.class, () -> PartFiles.require(LOCAL,
        List.of(hadoop(metadata), hadoop(data)), "out", "spark-model/", ", or pass --no-spark-model"));
    assertTrue(e.getMessage().startsWith("--output out: the executors wrote spark-model/ where the driver cannot "
        + "see it"), e.getMessage());
    assertTrue(e.getMessage().endsWith(", or pass --no-spark-model"), e.getMessage());

    Files.writeString(data.resolve("part-00000-9a-c000.snappy.parquet"), "rows");
    PartFiles.require(LOCAL, List.of(hadoop(metadata), hadoop(data)), "out", "spark-model/", "");
  }
}
