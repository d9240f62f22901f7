package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import sparkdgd.config.InputFormat;

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

  private static FileStatus file(String path) {
    return new FileStatus(10, false, 1, 128, 0, new Path(path));
  }

  @Test
  void theFormatComesFromTheFilesExtensionsAndTwoFormatsAreRefused() {
    assertEquals(InputFormat.LIBSVM, InputFiles.inferFormat("/d", List.of(file("/d/a.libsvm"), file("/d/b.libsvm"))));
    assertEquals(InputFormat.CSV, InputFiles.inferFormat("/d/a.csv", List.of(file("/d/a.csv"))));
    InputError e = assertThrows(InputError.class, () -> InputFiles.inferFormat("/d",
        List.of(file("/d/a.csv"), file("/d/b.csv"), file("/d/c.libsvm"))));
    assertEquals("/d: the files are of two formats, a.csv (csv) and c.libsvm (libsvm); point --data at one "
        + "format's files (a directory of its own, or a glob such as /d/*.csv)", e.getMessage());
  }

  /** A README.txt beside the data was read as data, and failed on its first line with a CSV header error. */
  @Test
  void aFileWhoseNameSaysNoFormatBesideDataFilesIsNamed() {
    InputError e = assertThrows(InputError.class, () -> InputFiles.inferFormat("/d",
        List.of(file("/d/README.txt"), file("/d/part1.csv"))));
    assertEquals("/d: README.txt is in --data beside csv files (part1.csv) but its name does not say csv: move it "
        + "out of --data if it is not data, or pass --format csv to read every file as csv", e.getMessage());
    e = assertThrows(InputError.class, () -> InputFiles.inferFormat("/d", List.of(file("/d/README.txt"))));
    assertEquals("/d: cannot tell the format from the file name (README.txt): if it is data, pass --format csv, "
        + "--format parquet or --format libsvm; if not, point --data at the data files", e.getMessage());
  }

  @Test
  void tsvFilesAreCsvSplitByTabsAndTheTwoKindsAreNotMixed() {
    assertEquals(InputFormat.CSV, InputFiles.inferFormat("/d", List.of(file("/d/a.tsv"), file("/d/b.TSV.gz"))));
    assertTrue(InputFiles.tabSeparated("/d", List.of(file("/d/a.tsv"), file("/d/b.TSV.gz"))));
    assertTrue(InputFiles.tabSeparated("/d/scored.tsv/", List.of(file("/d/scored.tsv/part-00000"))),
        "part files: by the directory's name");
    assertFalse(InputFiles.tabSeparated("/d/x.tsv", List.of(file("/d/x.tsv/part-00000.csv"))), "by the files' names");
    assertFalse(InputFiles.tabSeparated("/d", List.of(file("/d/a.csv"), file("/d/b.csv.bz2"))));
    assertFalse(InputFiles.tabSeparated("/d", List.of(file("/d/part-00000"))), "--format csv on unnamed files");
    InputError e = assertThrows(InputError.class, () -> InputFiles.tabSeparated("/d",
        List.of(file("/d/a.csv"), file("/d/b.tsv"), file("/d/c.tsv"))));
    assertEquals("/d: the files are tab-separated by name (b.tsv) and comma-separated (a.csv): point --data at one "
        + "kind, or pass --delimiter to read every file with one delimiter", e.getMessage());
  }
}
