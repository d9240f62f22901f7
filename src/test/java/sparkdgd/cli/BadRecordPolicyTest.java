package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Generated;
import sparkdgd.testing.GzipFiles;
import sparkdgd.testing.LeastSquares;

/**
 * {@code --on-bad-record}: {@code fail} stops at the first bad record naming its place; {@code skip}
 * trains on the good records only (the same model as a file without the bad ones), counts the bad
 * ones, shows the first few and records {@code skippedRecords} in model.json.
 */
@Tag("spark")
class BadRecordPolicyTest {
  @TempDir
  Path tmp;

  private static final String[] FIXED = {"--epochs", "20", "--tol", "0", "--standardize", "false",
      "--learning-rate", "0.3"};

  private CliRun train(Path data, String out, String... extra) {
    List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--output", tmp.resolve(out).toString()));
    args.addAll(List.of(FIXED));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  /** {@code good}'s lines as CSV files of 30 rows each, the header x1,x2,y first, named {@code names} in order. */
  private static void writeParts(Path dir, List<String> good, String... names) throws java.io.IOException {
    for (int p = 0; p < names.length; p++) {
      List<String> part = new ArrayList<>(List.of("x1,x2,y"));
      part.addAll(good.subList(30 * p, 30 * p + 30));
      Files.write(dir.resolve(names[p]), part);
    }
  }

  private JsonNode model(String out) throws Exception {
    return new ObjectMapper().readTree(tmp.resolve(out).resolve("model.json").toFile());
  }

  /** Good lines y = 2 x1 - x2 + 1 + noise, as LIBSVM or CSV. */
  private static List<String> goodLines(boolean libsvm, int n) {
    Random rnd = new Random(17);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double a = rnd.nextDouble();
      double b = rnd.nextDouble();
      double y = 2 * a - b + 1 + 0.1 * rnd.nextGaussian();
      lines.add(libsvm ? y + " 1:" + a + " 2:" + b : a + "," + b + "," + y);
    }
    return lines;
  }

  private static void assertSameModel(JsonNode expected, JsonNode actual) {
    double diff = LeastSquares.relativeError(Generated.coefficientsAndIntercept(actual),
        Generated.coefficientsAndIntercept(expected));
    assertTrue(diff <= 1e-12, "differs from the clean data's model by " + diff);
  }

  @Test
  void libsvmUnsortedAndOutOfRangeLinesAreSkippedAndCounted() throws Exception {
    List<String> good = goodLines(true, 200);
    Path clean = Files.write(tmp.resolve("clean.libsvm"), good);
    List<String> dirty = new ArrayList<>(good);
    dirty.add(50, "1.0 2:0.5 1:0.25");      // unsorted: line 51
    dirty.add(120, "2.0 0:1 2:0.5");        // index 0: line 121
    dirty.add(150, "3.0 1:0.5 7:1");        // beyond --num-features 2: line 151
    Path bad = Files.write(tmp.resolve("dirty.libsvm"), dirty);

    // one partition: the first bad line is the one reported (with more, the first of the split that fails first)
    CliRun failed = train(bad, "f", "--num-features", "2", "--partitions", "1");
    assertEquals(2, failed.code());
    assertTrue(failed.err().startsWith("error: file:" + bad + ":51:11: index 1 follows index 2"), failed.err());
    assertFalse(Files.exists(tmp.resolve("f")));

    assertEquals(0, train(clean, "clean", "--num-features", "2").code());
    CliRun skipped = train(bad, "s", "--num-features", "2", "--on-bad-record", "skip", "--partitions", "3");
    assertEquals(0, skipped.code(), skipped.err());
    assertTrue(skipped.out().contains("Skipped 3 bad records (--on-bad-record skip):"), skipped.out());
    assertTrue(skipped.out().contains("  file:" + bad + ":51:11: index 1 follows index 2"), skipped.out());
    assertTrue(skipped.out().contains("  file:" + bad + ":121:5: index 0 is out of range"), skipped.out());
    assertTrue(skipped.out().contains("  file:" + bad + ":151:11: index 7 is larger than --num-features 2"),
        skipped.out());
    JsonNode m = model("s");
    assertEquals(3, m.get("skippedRecords").asLong());
    assertEquals(200, m.get("rows").asLong());
    assertEquals(0, model("clean").get("skippedRecords").asLong());
    assertSameModel(model("clean"), m);
  }

  /**
   * {@code --max-bad-records}: 7 bad lines among 157 (4.46%) pass a limit of 7 or 4.5% and fail one of 6 or 4.4%,
   * before training and with nothing written; with a validation split the held-out rows count as read too (7 of the
   * ~127 trained on would be 5.5%).
   */
  @Test
  void maxBadRecordsFailsARunThatSkipsMoreAndWritesNothing() throws Exception {
    List<String> lines = new ArrayList<>(List.of("x1,x2,y"));
    lines.addAll(goodLines(false, 150));
    for (int k = 0; k < 7; k++) {
      lines.add(10 + 20 * k, "1,2");
    }
    Path bad = Files.write(tmp.resolve("dirty.csv"), lines);

    CliRun withinCount = train(bad, "count7", "--on-bad-record", "skip", "--max-bad-records", "7");
    assertEquals(0, withinCount.code(), withinCount.err());
    assertEquals(7, model("count7").get("skippedRecords").asLong());
    // rows skipped within a limit the run set are accepted: a notice, which --fail-on-warning does not count
    CliRun nightly = train(bad, "nightly", "--on-bad-record", "skip", "--max-bad-records", "7", "--fail-on-warning");
    assertEquals(0, nightly.code(), nightly.err());
    assertTrue(nightly.err().contains("warning: 7 bad records skipped (--on-bad-record skip)"), nightly.err());
    assertFalse(model("nightly").get("warnings").toString().contains("bad records"), model("nightly").toString());
    CliRun unlimited = train(bad, "unlimited", "--on-bad-record", "skip", "--fail-on-warning");
    assertEquals(3, unlimited.code(), unlimited.err());
    CliRun withinShare = train(bad, "share", "--on-bad-record", "skip", "--max-bad-records", "4.5%",
        "--validation-fraction", "0.2");
    assertEquals(0, withinShare.code(), withinShare.err());
    assertTrue(model("share").get("rows").asLong() < 140, "rows held out: " + model("share").get("rows"));

    String overCount = train(bad, "count6", "--on-bad-record", "skip", "--max-bad-records", "6")
        .refusedInOneLine(tmp.resolve("count6"));
    assertEquals("error: " + bad + ": 7 of the 157 records read were bad and skipped (4.4%), more than "
        + "--max-bad-records 6 allows (fix the input, or raise the limit); the first: file:" + bad + ":11: expected "
        + "3 fields (x1,x2,y), found 2; check the delimiter or fix the row", overCount);
    CliRun overShare = train(bad, "share44", "--on-bad-record", "skip", "--max-bad-records",
        "4.4%");
    assertTrue(overShare.refusedInOneLine(tmp.resolve("share44")).contains("(4.45%), more than --max-bad-records "
        + "4.4% allows ("), overShare.err());
    assertFalse(overShare.out().contains("epoch"), "stopped before training:\n" + overShare.out());

    // a split that holds out no row stops the run as before, after listing the records skipped
    CliRun noneHeldOut = train(bad, "none", "--on-bad-record", "skip", "--validation-fraction", "0.0001");
    assertEquals(2, noneHeldOut.code(), noneHeldOut.err());
    assertTrue(noneHeldOut.err().contains("error: --validation-fraction 1.0E-4 held out no row"), noneHeldOut.err());
    assertTrue(noneHeldOut.out().contains("Skipped 7 bad records (--on-bad-record skip); 5 of them:"),
        noneHeldOut.out());

    String underFail = CliRun.withoutSpark("--data", bad.toString(), "--output", tmp.resolve("f").toString(),
        "--max-bad-records", "6").refusedInOneLine(tmp.resolve("f"));
    assertTrue(underFail.startsWith("error: --max-bad-records 6 limits the records --on-bad-record skip drops, and "
        + "this run stops at the first (--on-bad-record fail); add --on-bad-record skip"), underFail);
  }

  @Test
  void csvRowsWithTheWrongNumberOfFieldsAreSkipped() throws Exception {
    List<String> good = goodLines(false, 150);
    List<String> lines = new ArrayList<>(List.of("x1,x2,y"));
    lines.addAll(good);
    Path clean = Files.write(tmp.resolve("clean.csv"), lines);
    for (int k = 0; k < 7; k++) {
      lines.add(10 + 20 * k, k % 2 == 0 ? "1,2" : "1,2,3,4");
    }
    Path bad = Files.write(tmp.resolve("dirty.csv"), lines);
    CliRun failed = train(bad, "f", "--partitions", "1");
    assertEquals(2, failed.code());
    assertTrue(failed.err().startsWith("error: file:" + bad + ":11: expected 3 fields (x1,x2,y), found 2"),
        failed.err());

    assertEquals(0, train(clean, "clean").code());
    CliRun skipped = train(bad, "s", "--on-bad-record", "skip");
    assertEquals(0, skipped.code(), skipped.err());
    assertTrue(skipped.out().contains("Skipped 7 bad records (--on-bad-record skip); 5 of them:"), skipped.out());
    assertTrue(skipped.out().contains("  file:" + bad + ":11: expected 3 fields"), skipped.out());
    assertTrue(skipped.out().contains("  file:" + bad + ":31: expected 3 fields (x1,x2,y), found 4"), skipped.out());
    assertEquals(7, model("s").get("skippedRecords").asLong());
    assertEquals(150, model("s").get("rows").asLong());
    assertSameModel(model("clean"), model("s"));
    // --quiet prints the final line only: it says records were dropped
    CliRun quiet = train(bad, "q", "--on-bad-record", "skip", "--quiet");
    assertEquals(0, quiet.code(), quiet.err());
    assertTrue(quiet.out().matches("Final MSE = \\S+ after 20 epochs \\(\\d+ passes\\), 150 rows \\(7 bad records "
        + "skipped\\), .*\n"), quiet.out());
  }

  @Test
  void anEmptyFileAmongMany() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("parts"));
    List<String> good = goodLines(false, 90);
    writeParts(dir, good, "part-0.csv", "part-1.csv", "part-2.csv");
    Files.write(dir.resolve("part-1b.csv"), new byte[0]);
    CliRun failed = train(dir, "f");
    assertEquals(2, failed.code());
    assertEquals("error: file:" + dir.resolve("part-1b.csv")
        + ": the file is empty (0 bytes); delete it, or pass --on-bad-record skip", failed.err().strip());
    CliRun skipped = train(dir, "s", "--on-bad-record", "skip");
    assertEquals(0, skipped.code(), skipped.err());
    // the example shown under skip does not repeat the advice to pass skip
    assertTrue(skipped.out().contains("Skipped 1 bad record (--on-bad-record skip):\n  file:"
        + dir.resolve("part-1b.csv") + ": the file is empty (0 bytes); delete it\n"), skipped.out());
    assertEquals(1, model("s").get("skippedRecords").asLong());
    assertEquals(90, model("s").get("rows").asLong());
  }

  /**
   * A file of blank lines, or a gzip of nothing, holds no data as a 0-byte file holds none: it was read as a header
   * ("header \"\" differs from the first file's header"), which skip could not drop.
   */
  @Test
  void aFileOfBlankLinesOrAnEmptyGzipAmongManyIsAnEmptyFile() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("parts"));
    List<String> good = goodLines(false, 90);
    writeParts(dir, good, "part-0.csv", "part-1.csv", "part-2.csv");
    Files.writeString(dir.resolve("part-1b.csv"), "\n \r\n\t\n");
    new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("part-1c.csv.gz"))).close();
    CliRun failed = train(dir, "f");
    assertEquals(2, failed.code());
    assertEquals("error: file:" + dir.resolve("part-1b.csv")
        + ": the file holds no data (its text is empty or blank lines); delete it, or pass --on-bad-record skip",
        failed.err().strip());
    CliRun skipped = train(dir, "s", "--on-bad-record", "skip");
    assertEquals(0, skipped.code(), skipped.err());
    assertTrue(skipped.out().contains("Skipped 2 bad records (--on-bad-record skip):"), skipped.out());
    assertTrue(skipped.out().contains("  file:" + dir.resolve("part-1c.csv.gz") + ": the file holds no data (its text "
        + "is empty or blank lines)"), skipped.out());
    assertEquals(2, model("s").get("skippedRecords").asLong());
    assertEquals(90, model("s").get("rows").asLong());
  }

  @Test
  void anUnreadableParquetFile() throws Exception {
    Path dir = tmp.resolve("pq");
    assertEquals(0, CliRun.of("generate", "--rows", "300", "--features", "2", "--seed", "3", "--partitions", "3",
        "--format", "parquet", "--output", dir.toString()).code());
    List<Path> parts = Generated.parts(dir);
    Path clean = tmp.resolve("pq-clean");
    assertEquals(0, CliRun.of("generate", "--rows", "300", "--features", "2", "--seed", "3", "--partitions", "3",
        "--format", "parquet", "--output", clean.toString()).code());
    Files.delete(Generated.parts(clean).get(1)); // the clean copy: without the file that gets corrupted
    byte[] bytes = Files.readAllBytes(parts.get(1));
    Files.write(parts.get(1), java.util.Arrays.copyOf(bytes, bytes.length / 2)); // truncated: no footer
    Files.deleteIfExists(parts.get(1).resolveSibling("." + parts.get(1).getFileName() + ".crc"));

    CliRun failed = train(dir, "f");
    assertEquals(2, failed.code(), failed.err());
    String err = failed.err().strip();
    assertTrue(err.startsWith("error: file:" + parts.get(1) + ": cannot read as Parquet ("), err);
    assertTrue(err.endsWith("); replace or delete the file, or pass --on-bad-record skip"), err);

    CliRun skipped = train(dir, "s", "--on-bad-record", "skip");
    assertEquals(0, skipped.code(), skipped.err());
    assertEquals(1, model("s").get("skippedRecords").asLong());
    assertEquals(200, model("s").get("rows").asLong());
    assertEquals(0, train(clean, "clean").code());
    assertSameModel(model("clean"), model("s"));
  }

  /**
   * No row left after skipping: said so, with the first bad record (it said "the input has no data rows; check
   * --data").
   */
  @Test
  void skippingEveryRecordSaysSoAndShowsTheFirst() throws Exception {
    Path data = Files.writeString(tmp.resolve("named.csv"), "name,a,y\nn0,1,2\nn1,2,4\nn2,3,6\n");
    CliRun run = train(data, "none", "--on-bad-record", "skip", "--partitions", "1");
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(run.err().contains("error: " + data + ": no rows left to train on: 3 bad records were skipped "
        + "(--on-bad-record skip), one of them: file:" + data + ":2:1: column \"name\": expected a number, found "
        + "\"n0\""), run.err());
  }

  /**
   * LIBSVM with no good line under skip: the feature-count pass says how many lines it passed over and the first,
   * with its hint (it said "no line has a feature (index:value); check --data, or give --num-features", hiding that
   * every line was a CSV line).
   */
  @Test
  void skippingEveryLibsvmLineSaysSoAndShowsTheFirstWithItsHint() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("all-bad-libsvm"));
    Files.writeString(dir.resolve("b.libsvm"), "1 1:x\n");
    Files.writeString(dir.resolve("a.libsvm"), "\n1.5,2,3\n4,5,6\n");
    // the CSV line's own message, from a run on its file alone in one partition (else either line's task, or
    // either file's, may fail first)
    CliRun failed = train(dir.resolve("a.libsvm"), "f", "--partitions", "1");
    assertEquals(2, failed.code(), failed.out() + failed.err());
    String firstLine = failed.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow();
    String problem = firstLine.substring(firstLine.indexOf("a.libsvm:2:") + "a.libsvm:2:".length());
    CliRun run = train(dir, "none", "--on-bad-record", "skip");
    assertEquals(2, run.code(), run.out() + run.err());
    assertTrue(run.err().contains(": no line left has a feature (index:value): 3 bad records were skipped "
        + "(--on-bad-record skip), the first: file:" + dir.resolve("a.libsvm") + ":2:" + problem.replace(", or pass --on-bad-record skip",
        "")), failed.err() + "\n---\n" + run.err());
    assertTrue(run.err().contains("CSV"), run.err());
  }

  /**
   * A timestamped export among the parts (export-2024-01-01T10:30.csv): Hadoop cannot open a name with a colon, and
   * skip drops it as it drops an empty file, counted once; it was exit 1 under skip too.
   */
  @Test
  void aFileWhoseNameHoldsAColonIsSkippedAsAnEmptyFileIs() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("parts"));
    Path clean = Files.createDirectories(tmp.resolve("clean-data"));
    List<String> good = goodLines(false, 90);
    writeParts(dir, good, "part-0.csv", "part-1.csv", "export-2024-01-01T10:30.csv");
    writeParts(clean, good, "part-0.csv", "part-1.csv");
    CliRun skipped = train(dir, "s", "--on-bad-record", "skip");
    assertEquals(0, skipped.code(), skipped.err());
    assertTrue(skipped.out().contains("Skipped 1 bad record (--on-bad-record skip):\n  file:"
        + dir.resolve("export-2024-01-01T10:30.csv") + ": Hadoop cannot read a file whose name holds a colon"),
        skipped.out());
    assertEquals(1, model("s").get("skippedRecords").asLong());
    assertEquals(60, model("s").get("rows").asLong());
    assertEquals(0, train(clean, "clean").code());
    assertSameModel(model("clean"), model("s"));
  }

  /**
   * Text that is no gzip under a .gz name and a gzip file cut short: skipped and counted once each (they were exit 1).
   * The lines of the cut file before the damage are in blocks by the time it is met, and stay: the model is that of
   * the good file and those lines, as java.util.zip reads them.
   */
  @Test
  void damagedGzipFilesAreSkippedKeepingTheLinesBeforeTheDamage() throws Exception {
    List<String> good = goodLines(false, 900);
    Path dir = Files.createDirectories(tmp.resolve("parts"));
    List<String> first = new ArrayList<>(List.of("x1,x2,y"));
    first.addAll(good.subList(0, 300));
    Files.write(dir.resolve("part-0.csv"), first);
    Files.write(dir.resolve("part-1.csv.gz"), first); // plain text under a gzip name
    List<String> second = new ArrayList<>(List.of("x1,x2,y"));
    second.addAll(good.subList(300, 900));
    List<String> whole = GzipFiles.wholeLines(GzipFiles.cutShort(dir.resolve("part-2.csv.gz"), second));
    assertTrue(whole.size() > 100 && whole.size() < 600, "cut in the middle: " + whole.size());

    CliRun skipped = train(dir, "s", "--on-bad-record", "skip");
    assertEquals(0, skipped.code(), skipped.err());
    assertTrue(skipped.out().contains("Skipped 2 bad records (--on-bad-record skip):"), skipped.out());
    assertEquals(2, model("s").get("skippedRecords").asLong());
    assertEquals(300 + whole.size() - 1, model("s").get("rows").asLong(), "the cut file's whole lines, less its header");
    Path clean = Files.createDirectories(tmp.resolve("clean-data"));
    Files.write(clean.resolve("part-0.csv"), first);
    Files.write(clean.resolve("part-2.csv"), whole);
    assertEquals(0, train(clean, "clean").code());
    assertSameModel(model("clean"), model("s"));
  }

  /** The same for LIBSVM, whose feature count is found by a first pass over the text, which must not count it. */
  @Test
  void aLibsvmGzipFileCutShortIsSkippedOnceWhileTheFeaturesAreCounted() throws Exception {
    List<String> good = goodLines(true, 900);
    Path dir = Files.createDirectories(tmp.resolve("libsvm"));
    Files.write(dir.resolve("a.libsvm"), good.subList(0, 300));
    List<String> whole = GzipFiles.wholeLines(GzipFiles.cutShort(dir.resolve("b.libsvm.gz"), good.subList(300, 900)));
    assertTrue(whole.size() > 100 && whole.size() < 600, "cut in the middle: " + whole.size());

    CliRun failed = train(dir, "f");
    assertEquals(2, failed.code(), failed.err());
    assertTrue(failed.err().startsWith("error: file:" + dir.resolve("b.libsvm.gz") + ":" + (whole.size() + 1)
        + ": cannot read the file from this line on ("), failed.err());
    CliRun skipped = train(dir, "s", "--on-bad-record", "skip");
    assertEquals(0, skipped.code(), skipped.err());
    assertEquals(1, model("s").get("skippedRecords").asLong());
    assertEquals(300 + whole.size(), model("s").get("rows").asLong());
    Path clean = Files.createDirectories(tmp.resolve("clean-data"));
    Files.write(clean.resolve("a.libsvm"), good.subList(0, 300));
    Files.write(clean.resolve("b.libsvm"), whole);
    assertEquals(0, train(clean, "clean").code());
    assertSameModel(model("clean"), model("s"));
  }
}
