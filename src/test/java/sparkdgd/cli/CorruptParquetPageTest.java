package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Generated;

/**
 * A Parquet file whose footer is intact but one data page is damaged. Parquet stores a CRC per page but
 * readers skip the check by default: before ParquetSource turned it on, this file trained with exit 0
 * on silently wrong numbers. Now the run stops with exit 2, naming the file.
 */
@Tag("spark")
class CorruptParquetPageTest {
  @TempDir
  Path tmp;

  @Test
  void aCorruptDataPageStopsTheRunNamingTheFile() throws Exception {
    Path dir = tmp.resolve("pq");
    assertEquals(0, CliRun.of("generate", "--rows", "3000", "--features", "3", "--seed", "5", "--partitions", "1",
        "--format", "parquet", "--output", dir.toString()).code());
    byte[] bytes = Files.readAllBytes(Generated.parts(dir).get(0));
    // Copies without Hadoop's .crc side file, as files from elsewhere arrive: only Parquet's own page CRC can tell.
    Path good = tmp.resolve("good.parquet");
    Files.write(good, bytes);
    // Bytes 200..263 lie inside the first column's first data page: "PAR1" and a page header come before
    // it, and the page holds 3,000 doubles (~24 KB, snappy barely shrinks random doubles).
    byte[] damaged = bytes.clone();
    java.util.Arrays.fill(damaged, 200, 264, (byte) 0xAB);
    Path bad = tmp.resolve("bad.parquet");
    Files.write(bad, damaged);

    CliRun ok = CliRun.of("--data", good.toString(), "--output", tmp.resolve("m-good").toString(), "--epochs", "3",
        "--no-plots");
    assertEquals(0, ok.code(), ok.err()); // the file itself is fine: the failure below is the damage

    // One partition, the file's own: the file is read by the task that packs the blocks.
    CliRun failed = CliRun.of("--data", bad.toString(), "--output", tmp.resolve("m-bad").toString(), "--epochs", "3",
        "--partitions", "1", "--no-plots");
    assertEquals(2, failed.code(), failed.out() + failed.err());
    String err = failed.err().strip();
    assertTrue(err.startsWith("error: file:") && err.contains(bad.toString() + ": cannot read as Parquet, a data page"
        + " is corrupt (ParquetDecodingException: could not verify page integrity, CRC checksum verification failed)"),
        err);
    assertTrue(err.endsWith("; replace or delete the file"), err);
    assertTrue(Files.notExists(tmp.resolve("m-bad")), "no output from a failed run");

    // More partitions than the file has splits: the file is read in a shuffle's map stage, and the
    // failure reaches the driver wrapped in the job's exception; the same message, the same exit code.
    CliRun shuffled = CliRun.of("--data", bad.toString(), "--output", tmp.resolve("m-bad4").toString(), "--epochs",
        "3", "--partitions", "4", "--no-plots");
    assertEquals(2, shuffled.code(), shuffled.out() + shuffled.err());
    String err4 = shuffled.err().strip();
    assertTrue(err4.contains(bad.toString() + ": cannot read as Parquet, a data page is corrupt"), err4);
    assertTrue(err4.endsWith("; replace or delete the file"), err4);
  }
}
