package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files hold only blank lines, and so no data: each case's text written out by hand. */
class TextFilesTest {
  private static final Configuration CONF = new Configuration();

  private static FileStatus write(Path dir, String name, String text) throws Exception {
    Path file = dir.resolve(name);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = name.endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file))
        : Files.newOutputStream(file)) {
      out.write(bytes);
    }
    return FileSystem.getLocal(CONF).getFileStatus(new org.apache.hadoop.fs.Path(file.toUri()));
  }

  @Test
  void blankLinesAByteOrderMarkAndAnEmptyGzipHoldNoData(@TempDir Path dir) throws Exception {
    assertTrue(TextFiles.onlyBlankLines(CONF, write(dir, "a.csv", "\n")));
    assertTrue(TextFiles.onlyBlankLines(CONF, write(dir, "b.csv", "\r\n  \t\n\n")));
    assertTrue(TextFiles.onlyBlankLines(CONF, write(dir, "c.csv", "\uFEFF\n")));
    assertTrue(TextFiles.onlyBlankLines(CONF, write(dir, "d.csv.gz", "")));
    // 100,000 line breaks: far more text than the 256-byte bound, which counts the stored (compressed) bytes
    assertTrue(TextFiles.onlyBlankLines(CONF, write(dir, "e.csv.gz", "\n".repeat(100_000))));
  }

  @Test
  void anyOtherCharacterIsData(@TempDir Path dir) throws Exception {
    assertFalse(TextFiles.onlyBlankLines(CONF, write(dir, "a.csv", "x")));
    assertFalse(TextFiles.onlyBlankLines(CONF, write(dir, "b.csv", "\n\n  ,\n")));
    assertFalse(TextFiles.onlyBlankLines(CONF, write(dir, "c.csv", "\n\uFEFF\n")), "a mark after the start is text");
    assertFalse(TextFiles.onlyBlankLines(CONF, write(dir, "d.csv.gz", "\n\n0\n")));
  }

  @Test
  void filesOverTheBoundAreNotRead(@TempDir Path dir) throws Exception {
    assertTrue(TextFiles.onlyBlankLines(CONF, write(dir, "a.csv", "\n".repeat(256))));
    assertFalse(TextFiles.onlyBlankLines(CONF, write(dir, "b.csv", "\n".repeat(257))));
  }

  @Test
  void aFileThatCannotBeReadIsLeftToItsReader(@TempDir Path dir) throws Exception {
    // line breaks in a file named .gz, not gzip: not read as blank, so the reader's error names it as before
    Path notGzip = Files.writeString(dir.resolve("a.csv.gz"), "\n\n\n");
    assertFalse(TextFiles.onlyBlankLines(CONF,
        FileSystem.getLocal(CONF).getFileStatus(new org.apache.hadoop.fs.Path(notGzip.toUri()))));
  }
}
