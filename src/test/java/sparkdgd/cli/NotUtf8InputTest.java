package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text in Windows-1252 (Excel's "CSV"), read as UTF-8: a user review of messy files saw predict write a text column's
 * "café" as "caf" + U+FFFD with exit code 0, a header's "cé" recorded so in model.json without a word, and a value
 * with such a byte told as {@code found "1?"}; and a value of 5,000,001 characters made an error line of 5 MB.
 */
@Tag("spark")
class NotUtf8InputTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final String NOT_UTF8 = "which holds bytes that are not UTF-8 text (shown as \\ufffd; Latin-1 or "
      + "Windows-1252, as Excel's \"CSV\" writes, or U+FFFD itself): save the file as UTF-8 (Excel's \"CSV UTF-8\", "
      + "or iconv -f windows-1252 -t utf-8)";

  @TempDir
  Path tmp;

  private Path rows(String name, String header, String cell) throws Exception {
    StringBuilder text = new StringBuilder(header).append('\n');
    for (int i = 0; i < 40; i++) {
      text.append(i % 7).append(',').append(i % 5).append(',').append(i == 21 ? cell : "x" + i).append(',')
          .append(2 * (i % 7) - (i % 5)).append('\n');
    }
    return Files.write(tmp.resolve(name), text.toString().getBytes(CP1252));
  }

  @Test
  void predictRefusesATextColumnWhoseLettersWouldBeLost() throws Exception {
    Path data = rows("notes.csv", "a,b,note,y", "café 21");
    Path output = tmp.resolve("scored");
    String line = CliRun.of("predict", "--model", PredictCommandTest.model(tmp).toString(), "--data", data.toString(),
        "--output", output.toString()).refusedInOneLine(output);
    assertEquals("error: file:" + data + ":23:8: column \"note\": \"caf\\ufffd 21\", " + NOT_UTF8, line);

    // skipped as a bad record under skip: the other 39 rows are scored
    CliRun skipped = CliRun.of("predict", "--model", PredictCommandTest.model(tmp).toString(), "--data",
        data.toString(), "--output", tmp.resolve("skipped").toString(), "--format", "csv", "--on-bad-record", "skip");
    assertEquals(0, skipped.code(), skipped.err());
    assertTrue(skipped.out().contains("Wrote 39 predictions"), skipped.out());
    // evaluate writes no text: the column it does not read is no matter
    CliRun evaluated = CliRun.of("evaluate", "--model", PredictCommandTest.model(tmp).toString(), "--data",
        data.toString(), "--output", tmp.resolve("metrics.json").toString());
    assertEquals(0, evaluated.code(), evaluated.err());

    // the byte last in its line, where Hadoop's own UTF-8 check passes it (a review's)
    Path last = Files.write(tmp.resolve("last.csv"), "a,b,y,note\n1,2,3,café\n".getBytes(CP1252));
    String lastLine = CliRun.of("predict", "--model", PredictCommandTest.model(tmp).toString(), "--data",
        last.toString(), "--output", tmp.resolve("last-out").toString()).refusedInOneLine(tmp.resolve("last-out"));
    assertTrue(lastLine.contains(":2:10: column \"note\": \"caf\\ufffd\", " + NOT_UTF8), lastLine);

    Files.writeString(data, Files.readString(data, CP1252)); // saved as UTF-8, as told
    CliRun scored = CliRun.of("predict", "--model", PredictCommandTest.model(tmp).toString(), "--data",
        data.toString(), "--output", output.toString(), "--format", "csv");
    assertEquals(0, scored.code(), scored.err());
  }

  @Test
  void aHeaderNameReadWithAReplacementCharacterIsWarnedOf() throws Exception {
    Path data = rows("header.csv", "a,b,cé,y", "21");
    CliRun run = CliRun.of("--data", data.toString(), "--features", "a,b", "--epochs", "2", "--no-plots",
        "--no-spark-model", "--output", tmp.resolve("out").toString());
    assertEquals(0, run.code(), run.err());
    assertFalse(run.err().contains("\"c\\ufffd\""), "not a feature, not told:\n" + run.err());

    run = CliRun.of("--data", data.toString(), "--features", "a,b,c\ufffd", "--epochs", "2", "--no-plots",
        "--no-spark-model", "--output", tmp.resolve("out2").toString());
    assertEquals(2, run.code(), "the column holds text\n" + run.err());

    Path numbers = rows("numbers.csv", "a,b,cé,y", "21");
    Files.write(numbers, Files.readString(numbers, CP1252).replaceAll(",x\\d+,", ",1,").replace(",21,", ",1,")
        .getBytes(CP1252));
    run = CliRun.of("--data", numbers.toString(), "--epochs", "2", "--no-plots", "--no-spark-model", "--output",
        tmp.resolve("out3").toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.err().contains("warning: the column names \"c\\ufffd\" are read from a header " + NOT_UTF8
        + "; model.json records them as read, which a file saved as UTF-8 will not match"), run.err());
  }

  @Test
  void aNumberWithSuchAByteSaysSo() throws Exception {
    Path data = tmp.resolve("number.csv");
    Files.write(data, "a,y\n1,2\n1\u00e9,3\n".getBytes(CP1252));
    Path output = tmp.resolve("out");
    String line = CliRun.of("--data", data.toString(), "--output", output.toString()).refusedInOneLine(output);
    assertEquals("error: file:" + data + ":3:1: column \"a\": expected a number, found \"1\\ufffd\", " + NOT_UTF8,
        line);
  }

  @Test
  void aLongValueIsCutShortAndAControlCharacterEscaped() throws Exception {
    Path data = tmp.resolve("long.csv");
    Files.writeString(data, "a,y\n1,2\n1" + "0".repeat(5_000_000) + "x,3\n1\u00002,4\n");
    Path output = tmp.resolve("out");
    String line = CliRun.of("--data", data.toString(), "--partitions", "1", "--output", output.toString())
        .refusedInOneLine(output);
    assertEquals("error: file:" + data + ":3:1: column \"a\": expected a number, found \"1"
        + "0".repeat(39) + "... (5000002 characters)\" (fix or delete the row, or leave the column out with "
        + "--features)", line);

    Files.writeString(data, "a,y\n1,2\n1\u00002,4\n");
    line = CliRun.of("--data", data.toString(), "--output", output.toString()).refusedInOneLine(output);
    assertEquals("error: file:" + data + ":3:1: column \"a\": expected a number, found \"1\\u00002\" (fix or delete "
        + "the row, or leave the column out with --features)", line);
  }

  /** A U+FFFD written as UTF-8 is text like any other: predict writes it as it is. */
  @Test
  void aReplacementCharacterWrittenAsUtf8IsText() throws Exception {
    Path data = Files.writeString(tmp.resolve("valid.csv"), "a,b,note,y\n1,2,keeps \ufffd as written,3\n");
    Path output = tmp.resolve("scored");
    CliRun run = CliRun.of("predict", "--model", PredictCommandTest.model(tmp).toString(), "--data", data.toString(),
        "--output", output.toString(), "--format", "csv");
    assertEquals(0, run.code(), run.err());
    try (java.util.stream.Stream<Path> parts = Files.list(output)) {
      assertTrue(parts.filter(p -> p.getFileName().toString().startsWith("part-")).anyMatch(p -> {
        try {
          return Files.readString(p).contains("keeps \ufffd as written");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }), "the note as written");
    }
  }
}
