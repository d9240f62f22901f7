package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.InputFormat;

class InputFilesTest {
  @TempDir
  java.nio.file.Path tmp;

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

  /**
   * A NameNode that refuses the connection is an outage or a wrong address, exit code 1 (ErrorReportTest), not a
   * mistake in the input (a user review of HDFS: exit code 2 with Hadoop's message alone). A port nothing listens on.
   */
  @Test
  void aFileSystemThatRefusesTheConnectionIsUnreachableNotABadInput() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Configuration conf = new Configuration();
    conf.setInt("ipc.client.connect.max.retries", 0);
    String data = "hdfs://127.0.0.1:" + port + "/data/train.csv";
    InputUnreachable e = assertThrows(InputUnreachable.class, () -> InputFiles.list(conf, data));
    assertTrue(e.getMessage().startsWith("cannot reach the file system of --data " + data + ": Call From "),
        e.getMessage());
    assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; check that it runs (the NameNode, the object store's endpoint: "
        + "fs.s3a.endpoint) and that the host and port are its"), e.getMessage());
    // the same for an --output or a --model there: exit code 1, not 2 (a user review of S3 had 2 for those)
    InputUnreachable output = assertThrows(InputUnreachable.class, () -> sparkdgd.output.OutputDirectory.prepare(
        conf, "hdfs://127.0.0.1:" + port + "/models/m1", false, sparkdgd.output.OutputDirectory.Writer.TRAIN));
    assertTrue(output.getMessage().startsWith("cannot reach the file system of --output hdfs://127.0.0.1:" + port
        + "/models/m1: "), output.getMessage());
    InputUnreachable model = assertThrows(InputUnreachable.class, () -> sparkdgd.score.SavedModel.read(conf,
        "hdfs://127.0.0.1:" + port + "/models/m1", "--model"));
    assertTrue(model.getMessage().startsWith("cannot reach the file system of --model hdfs://127.0.0.1:" + port
        + "/models/m1: "), model.getMessage());
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

  private java.nio.file.Path touch(String relative) throws Exception {
    java.nio.file.Path f = tmp.resolve(relative);
    Files.createDirectories(f.getParent());
    return Files.writeString(f, "x,y\n1,2\n");
  }

  /** The listed files' paths below {@code tmp}. */
  private List<String> listed(String data) {
    String root = "file:" + tmp.toAbsolutePath();
    return InputFiles.list(new Configuration(), data).stream()
        .map(f -> f.getPath().toString().substring(root.length() + 1)).toList();
  }

  /**
   * A glob read generate's _SUCCESS (and any .hidden.csv) as data, which a directory listing skips: dir/* failed
   * where dir trained. The folders above the wildcards, and names that spell the _ or ., are the user's to name.
   */
  @Test
  void aGlobSkipsTheNamesADirectoryListingSkips() throws Exception {
    for (String name : List.of("_staging/gen/part-0.csv", "_staging/gen/part-1.csv", "_staging/gen/_SUCCESS",
        "_staging/gen/.hidden.csv", "_staging/gen/_temporary/part-9.csv", "_staging/gen/sub/part-2.csv",
        "_staging/gen/sub/.part-2.csv.swp")) {
      touch(name);
    }
    String gen = tmp.resolve("_staging/gen").toString();
    List<String> data = List.of("_staging/gen/part-0.csv", "_staging/gen/part-1.csv", "_staging/gen/sub/part-2.csv");
    assertEquals(data, listed(gen), "the directory");
    assertEquals(data, listed(gen + "/*"), "every name in it");
    assertEquals(data.subList(0, 2), listed(gen + "/*.csv"));
    assertEquals(data.subList(0, 2), listed(tmp + "/_stag*/gen/part-?.csv"));
    InputError e = assertThrows(InputError.class, () -> listed(tmp + "/*/gen/sub")); // * matched _staging
    assertEquals(tmp + "/*/gen/sub: the pattern matches only names that start with _ or ., which are not read as "
        + "data (as _SUCCESS, or in a directory); check --data", e.getMessage());
    // spelled in the pattern: asked for, and refused as a file named on its own is
    e = assertThrows(InputError.class, () -> listed(gen + "/_*"));
    assertEquals("file:" + gen + "/_SUCCESS: Hadoop and Spark read no file whose name starts with _ or . (they take "
        + "it for metadata, such as _SUCCESS); rename it without the _ or .", e.getMessage());
  }

  /** Several files for one --data (given twice, it is refused and says so): braces list them, as Hadoop globs do. */
  @Test
  void aBraceGlobListsEachNamedFile() throws Exception {
    for (String name : List.of("d/a.csv", "d/b.csv", "d/c.csv")) {
      touch(name);
    }
    assertEquals(List.of("d/a.csv", "d/b.csv"), listed(tmp + "/d/{a,b}.csv"));
    assertEquals(List.of("d/a.csv", "d/c.csv"), listed(tmp + "/d/{c,a}.csv"), "in name order, not the braces'");
  }

  /** Named on its own, such a file was exit 1 (CSV: "Input path does not exist") or zero rows (Parquet). */
  @Test
  void aFileNamedWithALeadingUnderscoreOrDotIsRefusedWithTheFix() throws Exception {
    for (String name : List.of("_part.csv", ".part.csv")) {
      java.nio.file.Path f = touch(name);
      InputError e = assertThrows(InputError.class, () -> listed(f.toString()));
      assertEquals("file:" + f.toAbsolutePath() + ": Hadoop and Spark read no file whose name starts with _ or . (they take "
          + "it for metadata, such as _SUCCESS); rename it without the _ or .", e.getMessage());
    }
    assertEquals(List.of("_dir/part.csv"), listed(touch("_dir/part.csv").getParent().toString()), "a directory");
    assertEquals(List.of("data[1].csv"), listed(touch("data[1].csv").getParent() + "/data\\[1\\].csv"),
        "escaped: no pattern");
  }

  /**
   * A name with pattern characters, given as it is: Hadoop's glob took data[1].csv for data1.csv ("the pattern matches
   * no file"), and, beside a name with a colon, listed the folder and blamed that other file.
   */
  @Test
  void aNameWithPatternCharactersThatExistsIsReadAsWritten() throws Exception {
    for (String name : List.of("d/data[1].csv", "d/data{1}.csv", "d/data*.csv", "d/sub[1]/part.csv")) {
      touch(name);
    }
    assertEquals(List.of("d/data[1].csv", "d/data{1}.csv"), listed(tmp + "/d/data?1?.csv"), "a pattern still");
    touch("d/data:2024.csv"); // a name Hadoop cannot make a path of, met by listing d/ (as a glob does)
    assertEquals(List.of("d/data[1].csv"), listed(tmp + "/d/data[1].csv"));
    assertEquals(List.of("d/data{1}.csv"), listed(tmp + "/d/data{1}.csv"));
    assertEquals(List.of("d/data*.csv"), listed(tmp + "/d/data*.csv"), "the file named so, not a wildcard");
    assertEquals(List.of("d/sub[1]/part.csv"), listed(tmp + "/d/sub[1]"), "a directory");
    assertEquals(List.of("d/data[1].csv"), listed(tmp + "/d/data\\[1\\].csv"), "escaped, as before");
  }

  /** Not there as written and no match: the pattern characters a name may hold are said, and how to escape them. */
  @Test
  void aPatternWithBracketsThatMatchesNothingSaysHowToEscapeThem() throws Exception {
    touch("d/report1.csv.bak");
    String none = "the pattern matches no file; check --data";
    for (String data : List.of(tmp + "/d/report[1].csv", tmp + "/d/report{1}.csv")) {
      InputError e = assertThrows(InputError.class, () -> listed(data));
      assertEquals(data + ": " + none + " ([, ], { and } are pattern characters: to match one as itself, escape it "
          + "with a backslash, as \\[)", e.getMessage());
    }
    InputError e = assertThrows(InputError.class, () -> listed(tmp + "/d/*.parquet"));
    assertEquals(tmp + "/d/*.parquet: " + none, e.getMessage(), "no bracket, no hint");
  }
}
