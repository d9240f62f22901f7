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
}
