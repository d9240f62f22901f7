package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineLocatorTest {
  @Test
  void byteOffsetOfALineStartGivesItsLineNumber(@TempDir Path dir) throws Exception {
    String text = "x,y\n1,2\r\n3,4\n5,6\n";
    Path f = Files.writeString(dir.resolve("d.csv"), text, StandardCharsets.UTF_8);
    Configuration conf = new Configuration();
    assertEquals(1, LineLocator.lineAt(conf, f.toString(), 0));
    assertEquals(2, LineLocator.lineAt(conf, f.toString(), text.indexOf("1,2")));
    assertEquals(3, LineLocator.lineAt(conf, f.toString(), text.indexOf("3,4")));
    assertEquals(4, LineLocator.lineAt(conf, f.toString(), text.indexOf("5,6")));
    InputError resolved = LineLocator.resolve(conf,
        InputError.atOffset(f.toString(), text.indexOf("5,6"), 3, "bad"));
    assertEquals(f + ":4:3: bad", resolved.getMessage());
  }

  @Test
  void aCarriageReturnAloneEndsALineAsHadoopsReaderEndsIt(@TempDir Path dir) throws Exception {
    String text = "x,y\r1,2\r3,4\r\n5,6\n\n7,8\r";
    Path f = Files.writeString(dir.resolve("cr.csv"), text, StandardCharsets.UTF_8);
    Configuration conf = new Configuration();
    assertEquals(2, LineLocator.lineAt(conf, f.toString(), text.indexOf("1,2")));
    assertEquals(3, LineLocator.lineAt(conf, f.toString(), text.indexOf("3,4")));
    assertEquals(4, LineLocator.lineAt(conf, f.toString(), text.indexOf("5,6")));
    assertEquals(6, LineLocator.lineAt(conf, f.toString(), text.indexOf("7,8")));
    // a \r\n split across two reads of the buffer counts once
    byte[] bytes = new byte[(1 << 16) + 4];
    java.util.Arrays.fill(bytes, (byte) 'a');
    bytes[(1 << 16) - 1] = '\r';
    bytes[1 << 16] = '\n';
    assertEquals(1, LineLocator.countNewlines(new java.io.ByteArrayInputStream(bytes), bytes.length));
  }
}
