package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header line is split as rows are: the trainer and the scoring reader see the same columns. */
class CsvHeaderTest {
  private static CsvHeader header(Path dir, String firstLine) throws Exception {
    return header(dir, firstLine, ',', true);
  }

  private static CsvHeader header(Path dir, String firstLine, char delimiter, boolean hasHeader) throws Exception {
    Path file = dir.resolve("h.csv");
    Files.writeString(file, firstLine + "\n1,2,3\n", StandardCharsets.UTF_8);
    Configuration conf = new Configuration();
    FileStatus status = FileSystem.getLocal(conf).getFileStatus(new org.apache.hadoop.fs.Path(file.toUri()));
    return CsvHeader.read(conf, List.of(status), delimiter, hasHeader);
  }

  private static String refusal(Path dir, String firstLine, char delimiter, boolean hasHeader) {
    String m = assertThrows(InputError.class, () -> header(dir, firstLine, delimiter, hasHeader)).getMessage();
    return m.substring(m.indexOf("h.csv:1: ") + "h.csv:1: ".length());
  }

  private static final String LIBSVM_HINT = "; it reads as LIBSVM (a label, then index:value pairs): pass --format "
      + "libsvm";

  @Test
  void aLibsvmFirstLineReadAsCsvSaysToPassFormatLibsvm(@TempDir Path dir) {
    assertEquals("the header names 1 column (3.06 1:0.73 4:1e-3); a CSV needs a header line with a label and at "
        + "least one feature, separated by commas" + LIBSVM_HINT, refusal(dir, "3.06 1:0.73 4:1e-3", ',', true));
    // tab-separated, with a comment: LIBSVM, not a file that wants --delimiter '\t'
    assertEquals("the header names 1 column (-1\t2:5\t7:-0.5 # note); a CSV needs a header line with a label and "
        + "at least one feature, separated by commas" + LIBSVM_HINT, refusal(dir, "-1\t2:5\t7:-0.5 # note", ',', true));
    assertEquals("the first line has 1 field; a CSV needs a label and at least one feature separated by ',' (check "
        + "--delimiter)" + LIBSVM_HINT, refusal(dir, "0 1:1", ',', false));
    assertEquals("the first line looks like data (\"1\"), not a header; add a header line naming the columns, or "
        + "pass --header false for files without one" + LIBSVM_HINT, refusal(dir, "1 3:0.5", ' ', true));
  }

  @Test
  void otherOneColumnHeadersKeepTheirMessages(@TempDir Path dir) {
    assertEquals("the header names 1 column (y); a CSV needs a header line with a label and at least one feature, "
        + "separated by commas", refusal(dir, "y", ',', true));
    assertEquals("the header names 1 column (a\tb\ty); if its fields are separated by '\\t', pass --delimiter "
        + "'\\t'", refusal(dir, "a\tb\ty", ',', true));
    // the other way round: a comma file read with --delimiter '\t' printed a tab between the quotes, and no fix
    assertEquals("the header names 1 column (a,b,y); if its fields are separated by ',', pass --delimiter ','",
        refusal(dir, "a,b,y", '\t', true));
    assertEquals("the header names 1 column (y); a CSV needs a header line with a label and at least one feature, "
        + "separated by '\\t' (--delimiter)", refusal(dir, "y", '\t', true));
    // a number and words, pairs without a label, a pair with a non-numeric index or value: not LIBSVM
    for (String line : new String[] {"3.06 x:1", "1:0.5 2:0.25", "1 a:0.5", "1 1:x", "1 :2", "7"}) {
      assertTrue(!refusal(dir, line, ',', true).contains("LIBSVM"), line);
    }
    assertEquals("the first line looks like data (\"1\"), not a header; add a header line naming the columns, or "
        + "pass --header false for files without one", refusal(dir, "1,2,y", ',', true));
  }

  /** A Parquet file given --format csv was read as text, and the next line's error quoted its bytes. */
  @Test
  void aBinaryFirstLineIsRefusedWithoutQuotingIt(@TempDir Path dir) {
    for (boolean header : new boolean[] {true, false}) {
      // several fields: the header check, which caught a one-field binary line, let these through
      assertEquals("this is a Parquet file (it starts with PAR1), not CSV; pass --format parquet",
          refusal(dir, "PAR1\u0015\u0000\u0015\u00ef,y", ',', header));
      assertEquals("the first line is not text, as a CSV file's is (for Parquet or LIBSVM files pass --format parquet "
          + "or --format libsvm)", refusal(dir, "x1,\u0001\u0002,y", ',', header));
    }
  }

  @Test
  void aTabIsNotAControlCharacterHere(@TempDir Path dir) throws Exception {
    assertEquals(List.of("x1", "x2", "y"), header(dir, "x1\tx2\ty", '\t', true).columns());
  }

  /** Excel's CSV export writes Latin-1: a header of several fields with such bytes is still read. */
  @Test
  void aLatin1HeaderOfSeveralFieldsIsRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin.csv");
    Files.write(file, "temp\u00e9rature,y\n1,2\n".getBytes(StandardCharsets.ISO_8859_1));
    Configuration conf = new Configuration();
    FileStatus status = FileSystem.getLocal(conf).getFileStatus(new org.apache.hadoop.fs.Path(file.toUri()));
    assertEquals(List.of("temp\uFFFDrature", "y"), CsvHeader.read(conf, List.of(status), ',', true).columns());
  }

  @Test
  void namesAreTrimmedAndUnquotedAndAQuotedNameMayHoldTheDelimiter(@TempDir Path dir) throws Exception {
    assertEquals(List.of("x", "y, z", "w"), header(dir, "\uFEFF x ,\"y, z\", \"w\"").columns());
  }

  /**
   * Exports that end every line with the delimiter left the header's last name empty, refused as "header field 4
   * is empty; name every column", which no --features could get round: the message names the trailing delimiter.
   */
  @Test
  void aHeaderEndingWithTheDelimiterIsToldToLoseIt(@TempDir Path dir) {
    String fix = "), which leaves its last column without a name; remove the delimiter from the end of every line";
    assertEquals("the header ends with the delimiter (a trailing ','" + fix, refusal(dir, "a,b,y,", ',', true));
    assertEquals("the header ends with the delimiter (a trailing ','" + fix, refusal(dir, "a,b,y, ", ',', true));
    assertEquals("the header ends with the delimiter (a trailing '\\t'" + fix, refusal(dir, "a\tb\ty\t", '\t', true));
    assertEquals("the header ends with the delimiter (a trailing ';'" + fix, refusal(dir, "a;b;y;", ';', true));
    // an empty name that is not last, or is quoted: a column to name
    assertEquals("header field 2 is empty; name every column", refusal(dir, "a,,y", ',', true));
    // pandas' to_csv writes its index first, without a name
    assertTrue(refusal(dir, ",x,y", ',', true).startsWith("header field 1 is empty; name every column (pandas' "
        + "DataFrame.to_csv writes the DataFrame's index so"), refusal(dir, ",x,y", ',', true));
    assertEquals("header field 3 is empty; name every column", refusal(dir, "a,b,\"\"", ',', true));
  }

  /** A header aligned by several spaces, read with --delimiter ' ': told so, not asked to name a column. */
  @Test
  void aHeaderAlignedBySpacesIsToldWhatEachSpaceDoes(@TempDir Path dir) {
    String told = " (with --delimiter ' ', each space ends a field: values aligned by several spaces are separated by "
        + "empty fields; separate them by one space, or by tabs with --delimiter '\\t')";
    assertEquals("header field 2 is empty; name every column" + told, refusal(dir, "a  b  y", ' ', true));
    assertEquals("header field 1 is empty; name every column" + told, refusal(dir, "  a  b  y", ' ', true),
        "not pandas' index");
    assertEquals("header field 2 is empty; name every column" + told, refusal(dir, "a  b y ", ' ', true),
        "not a trailing delimiter alone");
  }

  /**
   * Excel writes "sep=," above the header to name the delimiter: read as the header it was told as a trailing
   * delimiter to remove from every line ("sep=;" as one column), and read as a row as a value that is no number.
   */
  @Test
  void excelsDelimiterLineIsToldToBeDeleted(@TempDir Path dir) throws Exception {
    String excel = "the line Excel writes to name the file's delimiter; it is not CSV: delete that line";
    assertEquals("line 1 is \"sep=,\", " + excel, refusal(dir, "sep=,", ',', true));
    assertEquals("line 1 is \"sep=,\", " + excel, refusal(dir, "\uFEFFsep=,", ',', false));
    assertEquals("line 1 is \"sep=;\", " + excel + " and pass --delimiter ';'", refusal(dir, "sep=;", ',', true));
    assertEquals("line 1 is \"sep=;\", " + excel, refusal(dir, "sep=;", ';', true));
    assertEquals("line 1 is \"SEP=\\t\", " + excel + " and pass --delimiter '\\t'",
        refusal(dir, "SEP=\t ", ',', false));
    // a later file's first line, where the first file's header must be
    CsvHeader h = header(dir, "a,b,y");
    InputError e = assertThrows(InputError.class, () -> h.skips("other.csv", 0, "sep=,"));
    assertEquals("other.csv:1: line 1 is \"sep=,\", " + excel, e.getMessage());
    // a header whose first name starts so is a header
    assertEquals(List.of("sep=x", "y"), header(dir, "sep=x,y").columns());
    assertTrue(refusal(dir, "sep=x", ',', true).startsWith("the header names 1 column (sep=x)"));
  }

  private static FileStatus status(Configuration conf, Path file) throws Exception {
    return FileSystem.getLocal(conf).getFileStatus(new org.apache.hadoop.fs.Path(file.toUri()));
  }

  /**
   * A file of blank lines, or a gzip of nothing, holds no data, as a 0-byte file: its first line was read as the
   * header ("the header names 1 column ()"). The header is the next file's, and such a file's blank first line is
   * no other header to compare.
   */
  @Test
  void filesOfBlankLinesArePassedOverAsEmptyOnes(@TempDir Path dir) throws Exception {
    Configuration conf = new Configuration();
    Path blank = Files.writeString(dir.resolve("a.csv"), "\n \r\n\t\n");
    Path gzip = dir.resolve("b.csv.gz");
    new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzip)).close();
    Path data = Files.writeString(dir.resolve("c.csv"), "x,y\n1,2\n");
    List<FileStatus> files = List.of(status(conf, blank), status(conf, gzip), status(conf, data));
    CsvHeader h = CsvHeader.read(conf, files, ',', true);
    assertEquals(List.of("x", "y"), h.columns());
    assertEquals(files.get(2).getPath().toString(), h.firstFile());
    assertTrue(h.skips(files.get(0).getPath().toString(), 0, ""));
    assertTrue(h.skips(files.get(0).getPath().toString(), 0, " \t"));
    InputError none = assertThrows(InputError.class, () -> CsvHeader.read(conf, files.subList(0, 2), ',', true));
    assertEquals(files.get(0).getPath() + ": every input file is empty; check --data", none.getMessage());
  }

  @Test
  void blankLinesAboveTheFirstLineAreNamed(@TempDir Path dir) {
    assertEquals("line 1 is blank, where the header must be (line 3 is the first that is not); delete the blank "
        + "lines at the start of the file", refusal(dir, "\n \na,b,y", ',', true));
    assertEquals("line 1 is blank, where the first row must be (line 2 is the first that is not); delete the blank "
        + "lines at the start of the file", refusal(dir, "\n1,2,3", ',', false));
  }

  @Test
  void anUnclosedQuoteInTheHeaderIsNamedAtItsColumn(@TempDir Path dir) {
    InputError e = assertThrows(InputError.class, () -> header(dir, "x,\"y,z"));
    assertTrue(e.getMessage().endsWith("h.csv:1:3: a quoted field is not closed (fields cannot span lines); close "
        + "the quote, or write a quote inside quotes as \"\""), e.getMessage());
  }

  @Test
  void anotherFilesHeaderIsTheSameWhenItsNamesAreTheSame(@TempDir Path dir) throws Exception {
    CsvHeader h = header(dir, "a,b,y");
    assertTrue(h.skips("other.csv", 0, " a, b , \"y\""), "spaces and quotes around the same names");
    assertTrue(!h.skips("other.csv", 10, "a,b,y"), "a line after the first is a row");
    InputError e = assertThrows(InputError.class, () -> h.skips("other.csv", 0, "b,a,y"));
    assertTrue(e.getMessage().contains("header \"b,a,y\" differs from the header \"a,b,y\" of the first file, "
        + h.firstFile() + ": its column 1 is \"b\" where the first file's is \"a\";"), e.getMessage());
  }

  /** The same names in another order are told so, with the fix (a review's finding: Parquet matches by name). */
  @Test
  void theSameColumnsInAnotherOrderAreToldHowToFix(@TempDir Path dir) throws Exception {
    CsvHeader h = header(dir, "a,b,c,y");
    InputError reordered = assertThrows(InputError.class, () -> h.skips("other.csv", 0, "y,c,a,b"));
    assertTrue(reordered.getMessage().endsWith("header \"y,c,a,b\" differs from the header \"a,b,c,y\" of the first "
        + "file, " + h.firstFile() + ": its column 1 is \"y\" where the first file's is \"a\"; "
        + "every file needs the same columns, in the same order: reorder this file's columns (or write the files as "
        + "Parquet, whose columns are matched by name)"), reordered.getMessage());
    InputError other = assertThrows(InputError.class, () -> h.skips("other.csv", 0, "a,b,y"));
    assertTrue(other.getMessage().endsWith(h.firstFile() + ": its column 3 is \"y\" where the first file's is \"c\" (3 "
        + "columns against 4); every file needs the same columns"), other.getMessage());
  }

  /**
   * Headers of a thousand columns that differ in one, or in their ends: the message showed both whole (15 kB) and
   * left the reader to find the difference; it shows 200 characters of each and the column where they part.
   */
  @Test
  void longHeadersThatDifferAreToldWhereTheyPart(@TempDir Path dir) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      names.add("feature_" + i);
    }
    CsvHeader h = header(dir, String.join(",", names) + ",y");
    names.set(536, "feature_537b");
    InputError e = assertThrows(InputError.class, () -> h.skips("b.csv", 0, String.join(",", names) + ",y"));
    assertTrue(e.getMessage().contains(" (11894 characters)\" of the first file, " + h.firstFile() + ": its column 537 "
        + "is \"feature_537b\" where the first file's is \"feature_537\"; every file needs the same columns"),
        e.getMessage());
    assertTrue(e.getMessage().length() < 700, e.getMessage().length() + ": " + e.getMessage());
    names.set(536, "feature_537");
    e = assertThrows(InputError.class, () -> h.skips("b.csv", 0, String.join(",", names.subList(0, 998)) + ",y"));
    assertTrue(e.getMessage().contains(": its column 999 is \"y\" where the first file's is \"feature_999\" (999 "
        + "columns against 1001);"), e.getMessage());
    e = assertThrows(InputError.class, () -> h.skips("b.csv", 0, String.join(",", names)));
    assertTrue(e.getMessage().contains(": it ends after column 1000, \"feature_1000\", where the first file's goes on "
        + "with \"y\" (1000 columns against 1001);"), e.getMessage());
    e = assertThrows(InputError.class, () -> h.skips("b.csv", 0, String.join(",", names) + ",y,extra"));
    assertTrue(e.getMessage().contains(": it goes on after column 1001 with \"extra\", where the first file's ends "
        + "(1002 columns against 1001);"), e.getMessage());
  }

  /**
   * Names that differ where it cannot be seen: in a character that shows as a space or not at all, or past the 200
   * characters shown (a review: "its column 2 is \"price\" where the first file's is \"price\"").
   */
  @Test
  void namesThatDifferUnseenAreToldWhere(@TempDir Path dir) throws Exception {
    CsvHeader h = header(dir, "a,price,y");
    InputError e = assertThrows(InputError.class, () -> h.skips("b.csv", 0, "a,pri\u200bce,y"));
    assertTrue(e.getMessage().contains(": its column 2 is \"pri\u200bce\" where the first file's is \"price\" (they "
        + "differ at character 4, a zero width space (U+200B) against \"c\");"), e.getMessage());
    e = assertThrows(InputError.class, () -> h.skips("b.csv", 0, "a,price\u00a0,y"));
    assertTrue(e.getMessage().contains(" (they differ at character 6, a no-break space (U+00A0) against its end);"),
        e.getMessage());
    e = assertThrows(InputError.class, () -> h.skips("b.csv", 0, "a,prize,y"));
    assertTrue(e.getMessage().contains(": its column 2 is \"prize\" where the first file's is \"price\"; every"),
        e.getMessage());
    String longName = "x".repeat(250);
    CsvHeader wide = header(dir, "a," + longName + "1,y");
    e = assertThrows(InputError.class, () -> wide.skips("b.csv", 0, "a," + longName + "2,y"));
    assertTrue(e.getMessage().contains(" (251 characters)\" (they differ at character 251, \"2\" against \"1\");"),
        e.getMessage());
  }

  /**
   * A later file without the header the first file has (split -l keeps it in the first part): its first line of
   * numbers was told as a header that "differs from the first file's header", as if the file had another one.
   */
  @Test
  void aLaterFileWithoutTheHeaderIsToldItHasNone(@TempDir Path dir) throws Exception {
    CsvHeader h = header(dir, "a,b,c,y");
    String first = h.firstFile();
    String fix = "; every file needs the header line (add it at the top of this one: split -l leaves it in the first "
        + "part only), or none does (remove it from the first file too, and pass --header false)";
    InputError e = assertThrows(InputError.class, () -> h.skips("part2.csv", 0, "-0.59,0.62,0.43,-1.65"));
    assertEquals("part2.csv:1: this file has no header line (its first line looks like data: "
        + "\"-0.59,0.62,0.43,-1.65\"), but the first file, " + first + ", starts with the header \"a,b,c,y\"" + fix,
        e.getMessage());
    // an empty field is a missing value in a row
    e = assertThrows(InputError.class, () -> h.skips("part2.csv", 0, "1e3,,2, 4"));
    assertTrue(e.getMessage().startsWith("part2.csv:1: this file has no header line (its first line looks like data: "
        + "\"1e3,,2, 4\")"), e.getMessage());
    // a name among the numbers: another header, as before
    e = assertThrows(InputError.class, () -> h.skips("part2.csv", 0, "1,2,3,y"));
    assertEquals("part2.csv:1: header \"1,2,3,y\" differs from the header \"a,b,c,y\" of the first file, " + first
        + ": its column 1 is \"1\" where the first file's is \"a\"; every file needs the same columns", e.getMessage());
  }

  /**
   * A comment line above the header, as some exports write: it was told as a header of 1 column, with a fix about the
   * header's fields. A header of several fields that starts with # (numpy's savetxt) is still read.
   */
  @Test
  void aCommentLineAboveTheHeaderIsToldToBeRemoved(@TempDir Path dir) throws Exception {
    String comment = "line 1 (\"# exported 2024-01-01\") looks like a comment line (it starts with #), which CSV does "
        + "not have; remove it, and any other comment lines, so that the ";
    assertEquals(comment + "header is line 1", refusal(dir, "# exported 2024-01-01", ',', true));
    assertEquals(comment + "header is line 1", refusal(dir, "\uFEFF # exported 2024-01-01 ", ',', true));
    assertEquals(comment + "first row is line 1", refusal(dir, "# exported 2024-01-01", ',', false));
    assertEquals(List.of("# a", "b", "y"), header(dir, "# a,b,y").columns());
  }

  /** A column named twice was refused without a fix. */
  @Test
  void aColumnNamedTwiceIsToldHowToFix(@TempDir Path dir) {
    assertEquals("the header names column \"a\" twice; rename one of them in the header (or delete the header line "
        + "and pass --header false, which names the columns c1..cN by position)", refusal(dir, "a,a,c,y", ',', true));
  }

  /**
   * The header where a row must be was told to be deleted "or the blank lines above it", blank lines or not: the fix
   * follows what is above it, and where that was not seen no blank lines are claimed. The first file's line 1 is the
   * header, read here.
   */
  @Test
  void theHeaderAgainIsToldTheFixForWhatIsAboveIt(@TempDir Path dir) throws Exception {
    CsvHeader h = header(dir, "a,b,y");
    String again = "this line is the header again, where a row must be: a header goes on a file's first line only; "
        + "delete this line (files joined with their headers repeat it)";
    assertEquals(again, h.headerAgain("b.csv", LinesAbove.Kind.NOT_BLANK));
    assertEquals("this line is the header, below blank lines only, where a header must be the file's first line; "
        + "delete the blank lines at the start of the file", h.headerAgain("b.csv", LinesAbove.Kind.BLANK));
    assertEquals(again + ", or, if only blank lines are above it, delete those",
        h.headerAgain("b.csv", LinesAbove.Kind.UNKNOWN));
    assertEquals(again, h.headerAgain(h.firstFile(), LinesAbove.Kind.UNKNOWN));
  }
}
