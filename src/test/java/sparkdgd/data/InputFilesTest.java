package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class InputFilesTest {
  @Test
  void aFileSystemWhoseConnectorIsMissingIsABadInputNamingTheScheme() {
    // what s3a looks like without hadoop-aws: core-default.xml names the class, the class is absent
    Configuration conf = new Configuration(false);
    conf.set("fs.nosuch.impl", "com.example.MissingFileSystem");
    conf.setBoolean("fs.nosuch.impl.disable.cache", true);
    InputError e = assertThrows(InputError.class, () -> InputFiles.list(conf, "nosuch://bucket/data"));
    assertEquals("nosuch://bucket/data: the file system of \"nosuch:\" is not on the classpath"
        + " (Class com.example.MissingFileSystem not found); add its connector jar at submit time"
        + " (--jars or --packages)", e.getMessage());
  }
}
