package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run reading a directory beside which a write into it left its staging directory is warned that the input may be
 * part of that write: on S3 a directory moves into place object by object (a user review: 178 of 300 part files
 * trained on without a word after the writer was killed).
 */
@Tag("spark")
class UnfinishedWriteIntoDataTest {
  @TempDir
  Path tmp;

  @Test
  void aStagingDirectoryBesideTheDataIsWarnedOf() throws Exception {
    Path data = tmp.resolve("gen");
    assertEquals(0, CliRun.of("generate", "--rows", "500", "--features", "2", "--partitions", "2", "--output",
        data.toString()).code());
    CliRun clean = CliRun.of("--data", data.toString(), "--output", tmp.resolve("m1").toString(), "--no-plots");
    assertEquals(0, clean.code(), clean.err());
    assertTrue(!clean.err().contains("did not finish"), clean.err());
    Path staging = Files.createDirectory(tmp.resolve(".gen.staging-1234"));
    Files.writeString(staging.resolve("part-00001.csv"), "x1,x2,y\n1,2,3\n");
    CliRun warned = CliRun.of("--data", data.toString(), "--output", tmp.resolve("m2").toString(), "--no-plots");
    assertEquals(0, warned.code(), warned.err());
    assertTrue(warned.err().contains("warning: file:" + staging + " is left beside file:" + data + " from a write "
        + "into it that did not finish: where a directory is moved into place file by file (s3a://), file:" + data
        + " may hold only part of that write; check it, or write it again"), warned.err());
  }
}
