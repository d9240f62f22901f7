package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header line is split as rows are: the trainer and the scoring reader see the same columns. */
class CsvHeaderTest {
  private static CsvHeader header(Path dir, String firstLine) throws Exception {
    Path file = dir.resolve("h.csv");
    Files.writeString(file, firstLine + "\n1,2,3\n", StandardCharsets.UTF_8);
    Configuration conf = new Configuration();
    FileStatus status = FileSystem.getLocal(conf).getFileStatus(new org.apache.hadoop.fs.Path(file.toUri()));
    return CsvHeader.read(conf, List.of(status), ',', true);
  }

  @Test
  void namesAreTrimmedAndUnquotedAndAQuotedNameMayHoldTheDelimiter(@TempDir Path dir) throws Exception {
    assertEquals(List.of("x", "y, z", "w"), header(dir, "\uFEFF x ,\"y, z\", \"w\"").columns());
  }

  @Test
  void anUnclosedQuoteInTheHeaderIsNamedAtItsColumn(@TempDir Path dir) {
    InputError e = assertThrows(InputError.class, () -> header(dir, "x,\"y,z"));
    assertTrue(e.getMessage().endsWith("h.csv:1:3: a quoted field is not closed (fields cannot span lines); close "
        + "the quote, or write a quote inside quotes as \"\""), e.getMessage());
  }

  @Test
  void anotherFilesHeaderIsTheSameWhenItsNamesAreTheSame(@TempDir Path dir) throws Exception {
    CsvHeader h = header(dir, "a,b,y");
    assertTrue(h.skips("other.csv", 0, " a, b , \"y\""), "spaces and quotes around the same names");
    assertTrue(!h.skips("other.csv", 10, "a,b,y"), "a line after the first is a row");
    InputError e = assertThrows(InputError.class, () -> h.skips("other.csv", 0, "b,a,y"));
    assertTrue(e.getMessage().contains("header \"b,a,y\" differs from the first file's header \"a,b,y\""),
        e.getMessage());
  }
}
