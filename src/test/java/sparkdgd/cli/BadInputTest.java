package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets one line on stderr naming what and where, exit code 2 (1 for a
 * diverging run), no stack trace, and no output directory.
 */
@Tag("spark")
class BadInputTest {
  @TempDir
  Path tmp;

  private Path csv(String name, String text) throws Exception {
    return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
  }

  /** Runs with the given arguments plus an --output in tmp; checks code, message and no output. */
  private String fails(int code, String... args) {
    Path out = tmp.resolve("out");
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--output");
    all.add(out.toString());
    CliRun run = CliRun.of(all.toArray(new String[0]));
    assertEquals(code, run.code(), "stdout:\n" + run.out() + "\nstderr:\n" + run.err());
    String err = run.err().strip();
    assertEquals(1, err.lines().count(), "one line on stderr, got:\n" + err);
    assertTrue(err.startsWith("error: "), err);
    assertFalse(err.contains("\tat "), err);
    assertFalse(Files.exists(out), "no output directory after a failure");
    return err;
  }

  @Test
  void missingFile() {
    Path missing = tmp.resolve("nope.csv");
    assertEquals("error: " + missing + ": no such file or directory; check --data",
        fails(2, "--data", missing.toString()));
    assertEquals("error: " + tmp + "/*.parquet: the pattern matches no file; check --data",
        fails(2, "--data", tmp + "/*.parquet"));
  }

  /**
   * A missing --data is reported before an --output that exists (train's default output/ after an earlier run; an
   * earlier predict's directory; an earlier evaluate's file), which was refused first: the user changed --output only
   * to learn the data was missing. The outputs are left as they were.
   */
  @Test
  void aMissingDataIsReportedBeforeAnOutputThatExists() throws Exception {
    Path missing = tmp.resolve("nothere.csv");
    String expected = "error: " + missing + ": no such file or directory; check --data";
    Path trained = Files.createDirectories(tmp.resolve("output"));
    Files.writeString(trained.resolve("model.json"), "{}");
    CliRun train = CliRun.of("--data", missing.toString(), "--output", trained.toString());
    assertEquals(2, train.code(), train.err());
    assertEquals(expected, train.err().strip());
    Path glob = tmp.resolve("*.parquet");
    train = CliRun.of("--data", glob.toString(), "--output", trained.toString());
    assertEquals("error: " + glob + ": the pattern matches no file; check --data", train.err().strip());

    Path model = PredictCommandTest.model(tmp);
    Path scored = Files.createDirectories(tmp.resolve("scored"));
    Files.writeString(scored.resolve("part-00000.csv"), "a,b,prediction\n");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", missing.toString(), "--output",
        scored.toString());
    assertEquals(2, predict.code(), predict.err());
    assertEquals(expected, predict.err().strip());

    Path metrics = Files.writeString(tmp.resolve("metrics.json"), "{}");
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", missing.toString(), "--output",
        metrics.toString());
    assertEquals(2, evaluate.code(), evaluate.err());
    assertEquals(expected, evaluate.err().strip());

    assertEquals(List.of("model.json"), List.of(trained.toFile().list()));
    assertEquals("{}", Files.readString(metrics));
  }

  /**
   * A value whose square overflows a double, in a feature or the label (Double.MAX_VALUE as a stand-in for a missing
   * value): named with its column before any epoch. It was "the Hessian estimate is NaN; the data has no variation to
   * fit. Pass --learning-rate explicitly", and with a rate given, a divergence at epoch 1 whatever the rate.
   */
  @Test
  void valuesTooLargeForTheArithmeticAreNamedWithTheirColumn() throws Exception {
    StringBuilder rows = new StringBuilder("a,b,y\n");
    for (int i = 0; i < 50; i++) {
      rows.append(i % 7).append(',').append(i == 20 ? "1.7976931348623157E308" : String.valueOf(i % 5)).append(',')
          .append(i % 3).append('\n');
    }
    Path feature = csv("max-value.csv", rows.toString());
    for (String optimizer : new String[] {"gd", "lbfgs"}) {
      assertEquals("error: " + feature + ": column \"b\" holds values too large for the arithmetic: its largest "
          + "magnitude is 1.7976931348623157E308, and the sum of its squares over the rows overflows a double (one "
          + "value beyond about 1e154 does alone); is it a stand-in for a missing value (1.7976931348623157E308 is "
          + "Double.MAX_VALUE)? Delete or fix those rows, or rescale the column",
          fails(2, "--data", feature.toString(), "--optimizer", optimizer));
    }
    Path label = csv("huge-label.csv", "a,y\n1,2\n2,1e200\n3,5\n4,1\n");
    assertTrue(fails(2, "--data", label.toString(), "--standardize", "false", "--learning-rate", "0.01")
        .contains(": label column \"y\" holds values too large for the arithmetic: its largest magnitude is 1.0E200"));
  }

  /** Hadoop cannot make a path of a name with a colon: it was exit 1 with Java's URISyntaxException. */
  @Test
  void aNameWithAColonIsNamedAsWhatHadoopCannotRead() throws Exception {
    Path timestamped = csv("data-10:00.csv", "x,y\n1,2\n2,4\n");
    String why = "Hadoop cannot read a file or directory whose name holds a colon (\"%s\": it reads what comes "
        + "before the colon as a URI scheme); rename it without the colon";
    assertEquals("error: " + timestamped + ": " + String.format(why, "data-10:00.csv"),
        fails(2, "--data", timestamped.toString()));
    // met while listing a directory for a glob: the name is the one in the way
    Files.createDirectories(tmp.resolve("runs").resolve("ck-12:30"));
    csv("runs/good.csv", "x,y\n1,2\n2,4\n");
    assertEquals("error: " + tmp + "/runs/*.csv: " + String.format(why, "ck-12:30"),
        fails(2, "--data", tmp + "/runs/*.csv"));
  }

  /**
   * A timestamped export beside the data: listed, then not opened (on a local disk the name of its checksum file,
   * .NAME.crc, makes no path), it was exit 1 with a URISyntaxException naming that .crc file. Predict has no skip.
   */
  @Test
  void aListedFileWhoseNameHoldsAColonIsNamedByItsPathWithTheFix() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("exports"));
    Files.writeString(dir.resolve("ok.csv"), "a,b,y\n1,2,3\n2,1,4\n");
    Path stamped = Files.writeString(dir.resolve("export-2024-01-01T10:30.csv"), "a,b,y\n3,6,9\n");
    String why = "error: file:" + stamped + ": Hadoop cannot read a file whose name holds a colon (it reads what "
        + "comes before the colon as a URI scheme); rename it without the colon";
    assertEquals(why + ", or pass --on-bad-record skip", fails(2, "--data", dir.toString()));
    assertEquals(why, fails(2, "predict", "--model", PredictCommandTest.model(tmp).toString(), "--data",
        dir.toString()));
  }

  /**
   * Text that is no gzip under a .gz name, or a gzip file cut short, was exit 1 from a task ("not a gzip file") or
   * "cannot read the file" without a fix from the header's read; the line is where reading stopped.
   */
  @Test
  void aDamagedGzipFileIsNamedWithWhereReadingStoppedAndTheFix() throws Exception {
    String fix = "): the compressed data is damaged or cut short; replace or delete the file";
    Path notGzip = csv("plain.csv.gz", "a,b,y\n1,2,3\n".repeat(20)); // the header's read, on the driver
    String err = fails(2, "--data", notGzip.toString());
    assertTrue(err.startsWith("error: file:" + notGzip + ": cannot read the file ("), err);
    assertTrue(err.endsWith(fix + ", or pass --on-bad-record skip"), err);

    Path dir = Files.createDirectories(tmp.resolve("cut"));
    Files.writeString(dir.resolve("a.csv"), "a,b,y\n1,2,3\n2,1,4\n");
    List<String> lines = new ArrayList<>(List.of("a,b,y"));
    java.util.Random rnd = new java.util.Random(5); // digits that do not compress: half the bytes, many lines
    for (int i = 0; i < 3000; i++) {
      lines.add(rnd.nextDouble() + "," + rnd.nextDouble() + "," + rnd.nextDouble());
    }
    Path cut = sparkdgd.testing.GzipFiles.cutShort(dir.resolve("b.csv.gz"), lines);
    long stopped = sparkdgd.testing.GzipFiles.wholeLines(cut).size() + 1; // the first line not read whole
    assertTrue(stopped > 100 && stopped < 3000, "cut in the middle: " + stopped);
    err = fails(2, "--data", dir.toString()); // read by a task, past the header
    assertTrue(err.startsWith("error: file:" + cut + ":" + stopped + ": cannot read the file from this line on ("),
        err);
    assertTrue(err.endsWith(fix + ", or pass --on-bad-record skip"), err);
    err = fails(2, "predict", "--model", PredictCommandTest.model(tmp).toString(), "--data", dir.toString());
    assertTrue(err.startsWith("error: file:" + cut + ":" + stopped + ": cannot read the file from this line on ("),
        err);
    assertTrue(err.endsWith(fix), err);
  }

  @Test
  void aCsvFileReadAsParquetIsToldItsFormat() throws Exception {
    Path f = csv("d.csv", "a,y\n1,2\n");
    String err = fails(2, "--data", f.toString(), "--format", "parquet");
    assertTrue(err.contains("cannot read as Parquet (") && err.contains("its name says csv: pass --format csv, or "
        + "replace or delete the file"), err);
  }

  @Test
  void unknownLabelColumn() throws Exception {
    Path f = csv("d.csv", "a,b\n1,2\n");
    String err = fails(2, "--data", f.toString(), "--label-col", "target");
    assertTrue(err.contains("label column \"target\" is not among the columns [a, b]; pass --label-col"), err);
    assertTrue(err.contains(f.toString()), err);
  }

  @Test
  void nonNumericCellNamesFileLineAndColumn() throws Exception {
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 50; i++) {
      text.append(i).append(',').append(2 * i).append('\n');
    }
    text.append("3.5,n/a\n");
    Path f = csv("d.csv", text.toString());
    String err = fails(2, "--data", f.toString(), "--partitions", "3");
    assertTrue(err.startsWith("error: file:" + f + ":52:5: label column \"y\": expected a number, found \"n/a\""),
        err);
  }

  @Test
  void aFileEditedAfterHadoopWroteItsChecksumIsNamedWithTheFix() throws Exception {
    // written through Hadoop's local file system, which keeps a .d.csv.crc beside it, then edited
    Path f = tmp.resolve("d.csv");
    org.apache.hadoop.fs.FileSystem local = org.apache.hadoop.fs.FileSystem.getLocal(
        new org.apache.hadoop.conf.Configuration());
    try (var out = local.create(new org.apache.hadoop.fs.Path(f.toUri()))) {
      out.write("x,y\n1,2\n2,4\n".getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(Files.exists(tmp.resolve(".d.csv.crc")));
    Files.writeString(f, "3,6\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    String err = fails(2, "--data", f.toString());
    assertTrue(err.startsWith("error: file:" + f + ": its bytes from position 0 do not match the checksums in "
        + ".d.csv.crc beside it"), err);
    assertTrue(err.endsWith("if it was edited on purpose, delete .d.csv.crc"), err);

    // the same found by a task, past the header: a byte of the last line changed in place
    Path big = tmp.resolve("big.csv");
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 3000; i++) {
      text.append(i).append(',').append(2 * i).append('\n');
    }
    try (var out = local.create(new org.apache.hadoop.fs.Path(big.toUri()))) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = Files.readAllBytes(big);
    bytes[bytes.length - 2] = (byte) '7'; // "2999,5998\n" -> "2999,5997\n"
    Files.write(big, bytes);
    long chunk = (bytes.length - 2) / 512 * 512; // Hadoop checks 512-byte chunks
    String task = fails(2, "--data", big.toString());
    assertTrue(task.startsWith("error: file:" + big + ": its bytes from position " + chunk + " do not match the "
        + "checksums in .big.csv.crc beside it"), task);
  }

  @Test
  void nanAndInfinity() throws Exception {
    Path nan = csv("nan.csv", "x,y\n1,2\n2,NaN\n");
    assertTrue(fails(2, "--data", nan.toString()).contains(nan + ":3:3: label column \"y\": NaN is not a finite number"));
    Path inf = csv("inf.csv", "x,y\n1,2\n-Infinity,4\n");
    assertTrue(fails(2, "--data", inf.toString()).contains(inf + ":3:1: column \"x\": -Infinity is not a finite number"));
  }

  @Test
  void wrongNumberOfFields() throws Exception {
    Path f = csv("d.csv", "x,y\n1,2\n3\n");
    String err = fails(2, "--data", f.toString());
    assertTrue(err.contains(f + ":3: expected 2 fields (x,y), found 1"), err);
  }

  /**
   * An empty field in a row of too many fields was named as an empty value, with the fix "fill it in"; the row's
   * field count is what to fix, as for the same row without the empty field. The same for values aligned by several
   * spaces under --delimiter ' ', where each space ends a field.
   */
  @Test
  void aRowWithExtraEmptyFieldsIsNamedByItsFieldCount() throws Exception {
    Path f = csv("dblcomma.csv", "a,b,y\n0.1,0.2,0.3\n0.1,,0.2,,0.3\n0.4,0.5,0.6\n");
    assertEquals("error: file:" + f + ":3: expected 3 fields (a,b,y), found 5; check the delimiter or fix the row",
        fails(2, "--data", f.toString()));
    Path spaced = csv("aligned.csv", "a b y\n0.1 0.2 0.3\n0.25  0.5 0.75\n");
    assertEquals("error: file:" + spaced + ":3: expected 3 fields (a b y), found 4; check the delimiter or fix the "
        + "row (with --delimiter ' ', each space ends a field: values aligned by several spaces are separated by "
        + "empty fields; separate them by one space, or by tabs with --delimiter '\\t')",
        fails(2, "--data", spaced.toString(), "--delimiter", " "));
  }

  /**
   * Rows of empty fields only (",,", as a spreadsheet exports empty rows) were told 'column "a": empty value; fill it
   * in or delete the row', as if one value were missing: the row is named as empty, and skip drops such rows.
   */
  @Test
  void aRowOfOnlyEmptyFieldsIsNamedSo() throws Exception {
    Path f = csv("sheet.csv", "a,b,y\n0.1,0.2,0.3\n0.4,0.5,0.7\n0.2,0.1,0.4\n,,\n , ,\"\"\n");
    assertEquals("error: file:" + f + ":5: every field of this row is empty (\",,\"), as a spreadsheet exports an "
        + "empty row; delete such rows, or pass --on-bad-record skip",
        fails(2, "--data", f.toString(), "--partitions", "1"));
    CliRun skipped = CliRun.of("--data", f.toString(), "--on-bad-record", "skip", "--no-plots", "--output",
        tmp.resolve("skipped").toString(), "--partitions", "1");
    assertEquals(0, skipped.code(), skipped.err());
    // the examples leave out the hint to skip (the review saw "delete such rows to drop them")
    assertTrue(skipped.out().contains("Skipped 2 bad records (--on-bad-record skip):\n  file:" + f + ":5: every field "
        + "of this row is empty (\",,\"), as a spreadsheet exports an empty row; delete such rows\n"), skipped.out());
  }

  /** Exported with a delimiter at the end of every line: "header field 4 is empty; name every column" was all. */
  @Test
  void aTrailingDelimiterOnEveryLineIsNamedWithItsFix() throws Exception {
    Path f = csv("export.csv", "a,b,y,\n0.1,0.2,0.3,\n0.4,0.5,0.6,\n");
    assertEquals("error: file:" + f + ":1: the header ends with the delimiter (a trailing ','), which leaves its last "
        + "column without a name; remove the delimiter from the end of every line",
        fails(2, "--data", f.toString(), "--features", "a,b"));
  }

  /**
   * The only input, a file of blank lines or a gzip of nothing, is an empty input as a 0-byte file is (it was "the
   * header names 1 column ()"): named as holding no data, and under skip the error of an input of empty files.
   */
  @Test
  void anInputOfOnlyBlankLinesOrAnEmptyGzipIsAnEmptyInput() throws Exception {
    Path zero = csv("zero.csv", "");
    assertEquals("error: " + zero + ": every input file is empty; check --data",
        fails(2, "--data", zero.toString(), "--on-bad-record", "skip"));
    Path blank = csv("blank.csv", "\n");
    Path gzip = tmp.resolve("e.csv.gz");
    new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip)).close();
    for (Path f : List.of(blank, gzip)) {
      assertEquals("error: file:" + f + ": the file holds no data (its text is empty or blank lines); delete it, or "
          + "pass --on-bad-record skip", fails(2, "--data", f.toString()));
      assertEquals("error: " + f + ": every input file is empty; check --data",
          fails(2, "--data", f.toString(), "--on-bad-record", "skip"));
    }
  }

  @Test
  void emptyDataSet() throws Exception {
    Path f = csv("d.csv", "x,y\n");
    assertTrue(fails(2, "--data", f.toString()).endsWith("the input has no data rows; check --data"));
  }

  /** --header false on a file with a header: the first line's error says it looks like one (it said only "c1"). */
  @Test
  void headerFalseOnAFileWithAHeaderSaysSo() throws Exception {
    Path f = csv("with-header.csv", "a,b,y\n1,2,3\n2,3,5\n");
    assertEquals("error: file:" + f + ":1:1: column \"c1\": expected a number, found \"a\" (fix or delete the row, "
        + "or leave the column out with --features); line 1 looks like a header (no field is a number): drop --header "
        + "false",
        fails(2, "--data", f.toString(), "--header", "false", "--partitions", "1"));
    Path mixed = csv("mixed.csv", "1,b,3\n1,2,3\n");
    assertFalse(fails(2, "--data", mixed.toString(), "--header", "false").contains("looks like a header"));
  }

  @Test
  void headerMissing() throws Exception {
    Path f = csv("d.csv", "1,2\n3,4\n");
    assertTrue(fails(2, "--data", f.toString()).contains(f + ":1: the first line looks like data"));
  }

  /**
   * The header where a row must be: files joined with their headers (cat a.csv b.csv), or a later file with blank
   * lines above its header. It was 'column "x": expected a number, found "x"', then told to delete the line "or the
   * blank lines above it" in both cases: each case is told its own fix.
   */
  @Test
  void theHeaderAgainWhereARowMustBeIsNamedSo() throws Exception {
    Path joined = csv("joined.csv", "x,y\n1,2\n2,4\nx,y\n3,6\n");
    assertEquals("error: file:" + joined + ":4: this line is the header again, where a row must be: a header goes on "
        + "a file's first line only; delete this line (files joined with their headers repeat it)",
        fails(2, "--data", joined.toString()));
    Path dir = Files.createDirectories(tmp.resolve("blank-above"));
    Files.writeString(dir.resolve("a.csv"), "x,y\n1,2\n2,4\n");
    Files.writeString(dir.resolve("b.csv"), "\n\r\n\"x\", y\n3,6\n".repeat(1) + "4,8\n".repeat(100));
    assertEquals("error: file:" + dir.resolve("b.csv") + ":3: this line is the header, below blank lines only, where "
        + "a header must be the file's first line; delete the blank lines at the start of the file",
        fails(2, "--data", dir.toString()));
    // a later file joined from two: below its rows, in one split with them
    Path later = Files.createDirectories(tmp.resolve("joined-later"));
    Files.writeString(later.resolve("a.csv"), "x,y\n1,2\n2,4\n");
    Files.writeString(later.resolve("b.csv"), "x,y\n3,6\nx,y\n4,8\n");
    assertEquals("error: file:" + later.resolve("b.csv") + ":3: this line is the header again, where a row must be: a "
        + "header goes on a file's first line only; delete this line (files joined with their headers repeat it)",
        fails(2, "--data", later.toString(), "--partitions", "1"));
  }

  @Test
  void filesWithDifferentHeaders() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("parts"));
    Files.writeString(dir.resolve("a.csv"), "x,y\n1,2\n");
    Files.writeString(dir.resolve("b.csv"), "x,z\n1,2\n");
    String err = fails(2, "--data", dir.toString(), "--format", "csv");
    assertTrue(err.contains("b.csv:1: header \"x,z\" differs from the header \"x,y\" of the first file, file:" + dir
        + "/a.csv: its column 2 is \"z\" where the first file's is \"y\";"), err);
  }

  @Test
  void badFlagValues() throws Exception {
    Path f = csv("d.csv", "x,y\n1,2\n");
    String data = f.toString();
    assertEquals("error: --epochs must be >= 1, got 0 (see --help)", fails(2, "--data", data, "--epochs", "0"));
    assertEquals("error: --learning-rate must be a positive number or auto, got -1.0 (see --help)",
        fails(2, "--data", data, "--learning-rate", "-1"));
    assertEquals("error: --format must be one of csv, parquet, libsvm, got \"xml\" (see --help)",
        fails(2, "--data", data, "--format", "xml"));
    assertTrue(fails(2, "--data", data, "--storage-level", "LOTS").startsWith("error: --storage-level must be"));
    assertEquals("error: Invalid value for option '--epochs': expected a whole number such as 1000000 or 1e6, got "
        + "'ten' (see --help)", fails(2, "--data", data, "--epochs", "ten"));
    // numbers a double cannot hold are named as written, not as the Infinity or 0 they would be read as
    // --reg-param reads its own list of values, as --learning-rate and --classes do
    assertEquals("error: --reg-param: '1e400' is beyond the range of a double (sizes up to about 1.8e308) (see --help)",
        fails(2, "--data", data, "--reg-param", "1e400"));
    assertEquals("error: Invalid value for option '--tol': '1e-400' is below the smallest number a double holds "
        + "(about 4.9e-324) and would be read as 0 (see --help)", fails(2, "--data", data, "--tol", "1e-400"));
    assertEquals("error: --learning-rate: '-1e999' is beyond the range of a double (sizes up to about 1.8e308) "
        + "(see --help)", fails(2, "--data", data, "--learning-rate", "-1e999"));
    assertEquals("error: --classes: '1e-400' is below the smallest number a double holds (about 4.9e-324) and would be "
        + "read as 0 (see --help)", fails(2, "--data", data, "--loss", "logistic", "--classes", "1e-400,1"));
    assertEquals("error: Invalid value for option '--noise': expected a number such as 0.01 or 1e-3, got 'lots' "
        + "(see generate --help)", fails(2, "generate", "--rows", "10", "--features", "1", "--noise", "lots"));
    assertTrue(fails(2, "--data", data, "--bogus").contains("Unknown option: '--bogus'"));
    assertTrue(fails(2, "--data", tmp.resolve("d.txt").toString()).contains("no such file"));
    Path txt = csv("d.txt", "x,y\n1,2\n");
    assertTrue(fails(2, "--data", txt.toString()).contains("pass --format csv, --format parquet or --format libsvm"));
  }

  @Test
  void existingOutputIsKeptUnlessOverwrite() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(out.resolve("keep.txt"), "precious");
    CliRun run = CliRun.of("--data", "sample-data/tutorial.csv", "--output", out.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("exists and is not empty; pass --overwrite"), run.err());
    assertEquals("precious", Files.readString(out.resolve("keep.txt")));
  }

  /** --overwrite must never delete the data: an --output that is, holds or sits in the --data is refused. */
  @Test
  void outputOrCheckpointsOverlappingTheDataAreRefusedAndTheDataKept() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path file = Files.copy(Path.of("sample-data/tutorial.csv"), data.resolve("part-0.csv"));
    String[][] cases = {
        {"--output", data.toString(), "is the --data"},
        {"--output", tmp.toString(), "holds the --data"},
        {"--output", data.resolve("out").toString(), "is inside the --data"},
        {"--checkpoint-dir", data.resolve("ckpt").toString(), "is inside the --data"}};
    for (String[] c : cases) {
      List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--overwrite", "--epochs", "2"));
      if (c[0].equals("--checkpoint-dir")) {
        args.addAll(List.of("--output", tmp.resolve("out").toString()));
      }
      args.addAll(List.of(c[0], c[1]));
      CliRun run = CliRun.of(args.toArray(new String[0]));
      assertEquals(2, run.code(), String.join(" ", args) + "\n" + run.err());
      assertTrue(run.err().startsWith("error: " + c[0] + " " + c[1] + " " + c[2] + " " + data), run.err());
      assertEquals(1, run.err().strip().lines().count(), run.err());
      assertEquals(Files.readString(Path.of("sample-data/tutorial.csv")), Files.readString(file), "data kept");
      assertEquals(List.of(file), listFiles(data), "nothing written into the data");
    }
    Path glob = Files.createDirectories(tmp.resolve("glob"));
    Files.copy(file, glob.resolve("a.csv"));
    CliRun viaGlob = CliRun.of("--data", glob + "/*.csv", "--output", glob.toString(), "--overwrite");
    assertEquals(2, viaGlob.code(), viaGlob.err());
    assertTrue(viaGlob.err().contains("holds the --data " + glob + "/*.csv"), viaGlob.err());
    assertEquals(List.of(glob.resolve("a.csv")), listFiles(glob));
  }

  private static List<Path> listFiles(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void aHeaderOfOneColumnSaysWhatTheFileLooksLike() throws Exception {
    Path parquet = Files.write(tmp.resolve("x.parquet"), new byte[] {'P', 'A', 'R', '1', 0x15, 0, 0x15, (byte) 0xd0});
    assertTrue(fails(2, "--data", parquet.toString(), "--format", "csv").endsWith(parquet
        + ":1: this is a Parquet file (it starts with PAR1), not CSV; pass --format parquet"));
    Path binary = Files.write(tmp.resolve("x.csv"), new byte[] {'a', 1, 2, 'b', '\n', 4, 5});
    assertTrue(fails(2, "--data", binary.toString()).contains(":1: the first line is not text,"));
    // a gzip file without .gz, and UTF-16 text: both were "the first line is not text"
    java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(zipped)) {
      gz.write("a,b,y\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
    }
    Path gzip = Files.write(tmp.resolve("zipped.csv"), zipped.toByteArray());
    assertTrue(fails(2, "--data", gzip.toString()).endsWith(gzip + ":1: this is a gzip file under a name without .gz, "
        + "so it is not decompressed; name it with .gz at the end (rows.csv.gz)"));
    Path utf16 = Files.write(tmp.resolve("utf16.csv"), "\uFEFFa,b,y\n1,2,3\n".getBytes(StandardCharsets.UTF_16LE));
    assertTrue(fails(2, "--data", utf16.toString()).endsWith(utf16 + ":1: this text is UTF-16 (it starts with "
        + "UTF-16's byte-order mark); save the file as UTF-8"));
    Path semicolons = csv("semi.csv", "a;b;y\n1;2;3\n");
    assertTrue(fails(2, "--data", semicolons.toString()).endsWith(
        ":1: the header names 1 column (a;b;y); if its fields are separated by ';', pass --delimiter ';'"));
    Path libsvm = csv("rows.libsvm", "3.06 1:0.73 3:-2e-1\n-1 2:4\n");
    assertTrue(fails(2, "--data", libsvm.toString(), "--format", "csv").endsWith(libsvm + ":1: the header names 1 "
        + "column (3.06 1:0.73 3:-2e-1); a CSV needs a header line with a label and at least one feature, separated "
        + "by commas; it reads as LIBSVM (a label, then index:value pairs): pass --format libsvm"));
    Path libsvmNamedCsv = csv("libsvm.csv", "1 1:0.5 2:0.25\n");
    String named = fails(2, "--data", libsvmNamedCsv.toString());
    assertTrue(named.endsWith("libsvm.csv:1: the header names 1 column (1 1:0.5 2:0.25); a CSV needs a header "
        + "line with a label and at least one feature, separated by commas; it reads as LIBSVM (a label, then "
        + "index:value pairs): pass --format libsvm"), named);
  }

  @Test
  void aStepSoLargeThatTheSumsOverflowIsReportedAsDivergence() {
    String err = fails(1, "--data", "sample-data/tutorial.csv", "--standardize", "false", "--learning-rate", "1e308");
    assertTrue(err.startsWith("error: training diverged: the objective became "), err);
    assertTrue(err.contains("at epoch 1 with learning rate 1e+308; use a smaller --learning-rate"), err);
  }

  @Test
  void aValidationSplitThatTakesEveryRowNamesTheFlag() throws Exception {
    Path f = csv("three.csv", "x,y\n1,2\n2,4\n3,6\n");
    String err = fails(2, "--data", f.toString(), "--validation-fraction", "0.9999");
    assertEquals("error: --validation-fraction 0.9999 held out all 3 rows of " + f
        + ", leaving none to train on; use a smaller --validation-fraction (see --help)", err);
  }

  @Test
  void aCheckpointPastEpochsIsRefused() throws Exception {
    Path ckpt = tmp.resolve("ckpt");
    String[] first = {"--data", "sample-data/tutorial.csv", "--learning-rate", "0.01", "--epochs", "10", "--tol",
        "0", "--checkpoint-dir",
        ckpt.toString(), "--checkpoint-every", "5", "--output", tmp.resolve("first").toString()};
    TestRuns.ok(first);
    String err = fails(2, "--data", "sample-data/tutorial.csv", "--learning-rate", "0.01", "--epochs", "5", "--tol",
        "0", "--checkpoint-dir",
        ckpt.toString(), "--checkpoint-every", "5", "--resume");
    assertEquals("error: the newest checkpoint in " + ckpt + " is at epoch 10, past --epochs 5; raise --epochs to "
        + "continue from it, or use another --checkpoint-dir (see --help)", err);
  }

  @Test
  void divergingRunStopsWithCodeOneAndSuggestsASmallerStep() {
    // a step a little beyond 2/L: the objective grows about fourfold an epoch, not a millionfold within five
    String err = fails(1, "--data", "sample-data/tutorial.csv", "--standardize", "false", "--learning-rate", "1.2");
    assertTrue(err.startsWith("error: training diverged: the objective grew for 5 epochs in a row"), err);
    String fast = fails(1, "--data", "sample-data/tutorial.csv", "--standardize", "false", "--learning-rate", "5");
    // the labels' mean square, 1.3752140 (raw coordinates start from zero), to six digits; then a growth also in six digits, not a raw double
    assertTrue(fast.matches("(?s)error: training diverged: the objective grew from 1\\.37521 at the start to "
        + "[1-9](\\.\\d{0,4}[1-9])?e\\+\\d\\d at epoch \\d+, a millionfold, with learning rate 5; use a smaller "
        + "--learning-rate .*"), fast);
    assertTrue(err.contains("use a smaller --learning-rate"), err);
  }

  @Test
  void aFlagThatTakesTrueOrFalseSaysSoForAnyOtherValue() {
    assertEquals("error: Invalid value for option '--fit-intercept': 'maybe' is not a boolean: write true or false "
        + "(see --help)", fails(2, "--fit-intercept", "maybe"));
    assertEquals("error: Invalid value for option '--standardize': 'yes' is not a boolean: write true or false "
        + "(see --help)", fails(2, "--standardize", "yes"));
  }

  @Test
  void contradictoryConvergenceSettingsAreUsageErrors() {
    String lbfgsL1 = fails(2, "--optimizer", "lbfgs", "--reg-param", "0.1", "--elastic-net", "0.5");
    assertTrue(lbfgsL1.contains("--optimizer lbfgs needs a smooth objective") && lbfgsL1.contains("nesterov"),
        lbfgsL1);
    String patience = fails(2, "--patience", "5");
    assertTrue(patience.contains("--patience needs a validation set: add --validation-fraction"), patience);
    assertTrue(fails(2, "--average-from", "5", "--optimizer", "lbfgs").contains("--average-from averages gradient "
        + "descent's iterates: use --optimizer gd (lbfgs's own iterates converge without it)"));
    assertTrue(fails(2, "--average-from", "5").contains("--average-from averages the iterates of mini-batches around "
        + "the minimum: add --batch-fraction (e.g. 0.1)"));
    assertTrue(fails(2, "--average-from", "5", "--batch-fraction", "0.1", "--validation-fraction", "0.2", "--patience",
        "3").contains(
        "--average-from returns the mean of the iterates, --patience the best evaluated one: give one of them"));
    assertTrue(fails(2, "--batch-fraction", "1.5").contains("--batch-fraction must be in (0, 1]"));
    assertTrue(fails(2, "--optimizer", "lbfgs", "--batch-fraction", "0.1").contains("use --batch-fraction 1"));
    assertTrue(fails(2, "--batch-run-rows", "64").contains("only changes how a mini-batch is drawn: add "
        + "--batch-fraction"));
    assertTrue(fails(2, "--batch-fraction", "0.1", "--batch-run-rows", "0").contains("--batch-run-rows must be >= 1"));
    assertTrue(fails(2, "--loss", "hinge").contains("--loss must be squared, huber or logistic"));
    assertTrue(fails(2, "--elastic-net", "2").contains("--elastic-net must be in [0, 1]"));
  }

  /**
   * Classes written as words (yes/no; True/False as pandas writes booleans) were told "fix or delete the row" under
   * --loss logistic; in LIBSVM the pass that counts the features met them first, and said so too.
   */
  @Test
  void logisticLabelsWrittenAsWordsAreToldToRecodeTheClasses() throws Exception {
    String recode = "but --loss logistic needs labels 0 or 1: recode the classes as 0 and 1 ";
    String err = fails(2, "--data", csv("words.csv", "x,y\n0.5,yes\n").toString(), "--loss", "logistic");
    assertTrue(err.contains("words.csv:2:5: label column \"y\": expected a number, found \"yes\", " + recode
        + "(e.g. no -> 0, yes -> 1)"), err);
    err = fails(2, "--data", csv("words.libsvm", "True 1:0.5\n").toString(), "--loss", "logistic");
    assertTrue(err.contains("words.libsvm:1:1: label: expected a number, found \"True\", " + recode
        + "(e.g. False -> 0, True -> 1)"), err);
  }

  @Test
  void logisticLossRefusesLabelsOtherThanZeroAndOneNamingTheFirstLine() throws Exception {
    String err = fails(2, "--data", "sample-data/tutorial.csv", "--loss", "logistic");
    // every row is bad: the first line of whichever of the file's two splits fails first
    assertTrue(java.util.regex.Pattern.compile("tutorial\\.csv:(2|\\d{3}):12: label column \"y\" holds [0-9.]+, but "
        + "--loss logistic needs labels 0 or 1: for a numeric target use --loss squared \\(or huber\\), or check "
        + "--label-col").matcher(err).find(), err);
    // one bad label among good ones, in CSV and in LIBSVM: named by its line, and dropped by skip
    StringBuilder rows = new StringBuilder("x,y\n");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      double x = i / 40.0;
      int y = i == 17 ? 2 : i % 2;
      rows.append(x).append(',').append(y).append('\n');
      lines.append(y).append(" 1:").append(x).append('\n');
    }
    Path csv = csv("classes.csv", rows.toString());
    err = fails(2, "--data", csv.toString(), "--loss", "logistic");
    assertTrue(err.contains("classes.csv:19:7: label column \"y\" holds 2, but --loss logistic needs labels 0 or 1: "
        + "recode the classes as 0 and 1 (or name their labels with --classes NEG,POS, e.g. --classes 1,2), or check "
        + "--label-col; for three or more classes (--loss logistic is binary) train one model a class, its rows "
        + "labelled 1 and the others 0"), err);
    Path libsvm = csv("classes.libsvm", lines.toString());
    err = fails(2, "--data", libsvm.toString(), "--loss", "logistic");
    assertTrue(err.contains("classes.libsvm:18:1: the label holds 2, but --loss logistic needs labels 0 or 1"), err);
    // not dropped by skip: classes coded -1/+1 would leave one class (the run exited 0 on it)
    Path plusMinus = csv("pm.libsvm", lines.toString().replace("\n0 ", "\n-1 ").replaceFirst("^0 ", "-1 ")
        .replace("\n1 ", "\n+1 ").replace("\n2 ", "\n+1 "));
    err = fails(2, "--data", plusMinus.toString(), "--loss", "logistic", "--on-bad-record", "skip");
    // every other line is bad: the first bad line of whichever of the file's two splits fails first (1, or 23 when
    // the second split's task got there first, as on a loaded machine)
    assertTrue(java.util.regex.Pattern.compile("pm\\.libsvm:(1|2\\d):1: the label holds -1, but --loss logistic needs "
        + "labels 0 or 1: pass --classes -1,1 \\(classes labelled -1 and \\+1, as in LIBSVM's binary data sets\\)")
        .matcher(err).find(), err);
    err = fails(2, "--data", csv.toString(), "--loss", "logistic", "--on-bad-record", "skip");
    assertTrue(err.contains("classes.csv:19:7: label column \"y\" holds 2"), err);
    // Parquet has no lines: the row in the file, whatever --on-bad-record
    List<org.apache.spark.sql.Row> parquetRows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      parquetRows.add(org.apache.spark.sql.RowFactory.create(i / 40.0, i == 17 ? 2.0 : i % 2));
    }
    Path parquet = tmp.resolve("classes.parquet");
    sparkdgd.testing.SparkTestSession.get().createDataFrame(parquetRows, new org.apache.spark.sql.types.StructType()
        .add("x", "double").add("y", "double")).coalesce(1).write().parquet(parquet.toString());
    for (String policy : new String[] {"fail", "skip"}) {
      err = fails(2, "--data", parquet.toString(), "--loss", "logistic", "--on-bad-record", policy);
      assertTrue(err.contains("classes.parquet/part-") && err.contains(": row 18 of the file: label column \"y\" "
          + "holds 2.0, but --loss logistic needs labels 0 or 1: recode the classes as 0 and 1 (or name their labels "
          + "with --classes NEG,POS, e.g. --classes 1,2), or check --label-col"),
          policy + ": " + err);
    }
  }

  @Test
  void blocksTooLargeForOneArrayAreRefusedNamingTheFlagOnceTheFeaturesAreKnown() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int j = 1; j <= 20; j++) {
      text.append('x').append(j).append(',');
    }
    text.append("y\n");
    for (int i = 0; i < 3; i++) {
      text.append("1,".repeat(20)).append(i).append('\n');
    }
    Path f = csv("wide.csv", text.toString());
    // 20 features x 107,374,183 rows = 2,147,483,660 values: past an int, it was a NegativeArraySizeException, exit 1
    assertEquals("error: --block-rows 107374183 with 20 features makes dense blocks of 2,147,483,660 values, more "
        + "than the 134,217,728 (2^27, 1 GiB as float64) one block may hold; use --block-rows 6710886 or less, or "
        + "leave it out (see --help)", fails(2, "--data", f.toString(), "--block-rows", "107374183"));
    assertTrue(fails(2, "--data", f.toString(), "--block-rows", "1073741824")
        .startsWith("error: --block-rows must be from 1 to 134217728"));
  }
}
