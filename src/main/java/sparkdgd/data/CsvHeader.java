package sparkdgd.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.ReadOptions;

/**
 * The columns of CSV input, read once on the driver from the first line of the first file that holds data (one of
 * 0 bytes or only blank lines holds none), and checked:
 * with a header every name must be there, once, and not a number; without one the columns are named
 * {@code c1..cN} by position. In the tasks, {@link #skips} drops each file's header line after checking that
 * it is the first file's.
 */
public final class CsvHeader implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String firstFile;
  private final List<String> columns;
  /** The first file's header line as written, or null for files without one. */
  private final String line;
  private final char delimiter;
  /** How much of each header a message shows of two that differ: its difference is told column by column. */
  private static final int SHOWN_HEADER = 200;

  private CsvHeader(String firstFile, List<String> columns, String line, char delimiter) {
    this.firstFile = firstFile;
    this.columns = List.copyOf(columns);
    this.line = line;
    this.delimiter = delimiter;
  }

  /**
   * The header of files to score: a first file whose compressed data is damaged stops the read.
   *
   * @param hasHeader whether every file starts with a header line, split as rows are ({@link QuotedField})
   * @throws InputError when every file is empty (0 bytes, or blank lines only), or the header is not one a CSV can
   *                    have
   */
  public static CsvHeader read(Configuration conf, List<FileStatus> files, char delimiter, boolean hasHeader) {
    return read(conf, files, delimiter, hasHeader, LinesUntilDamaged.SCORING_FIX, error -> {
      throw error;
    });
  }

  /**
   * The header of files to train on: a file whose compressed data is damaged is a bad record of {@code bad}, and
   * under {@code --on-bad-record skip} the header is the next file's. It is not counted here but by the tasks, which
   * meet the same damage reading the file ({@link LinesUntilDamaged}).
   */
  public static CsvHeader read(Configuration conf, List<FileStatus> files, char delimiter, boolean hasHeader,
      BadRecords bad) {
    return read(conf, files, delimiter, hasHeader, LinesUntilDamaged.TRAINING_FIX, bad::rejectQuietly);
  }

  private static CsvHeader read(Configuration conf, List<FileStatus> files, char delimiter, boolean hasHeader,
      String fix, Consumer<InputError> damaged) {
    if (delimiter == ReadOptions.BY_FILE_NAMES) { // every CSV read starts here: the rows are split the same way
      throw new IllegalStateException("the CSV delimiter is not settled: ReadOptions.settled gives it by the names");
    }
    FileStatus firstDamaged = null;
    IOException damage = null;
    for (FileStatus f : files) {
      if (f.getLen() == 0) {
        continue;
      }
      FirstLine first;
      try {
        first = readFirstLine(conf, f.getPath());
      } catch (IOException e) {
        if (!TextFiles.fromCodec(e)) {
          throw InputError.unreadable(f.getPath().toString(), e);
        }
        damaged.accept(TextFiles.damaged(f.getPath().toString(), -1, e, fix)); // throws, unless skipped
        if (firstDamaged == null) {
          firstDamaged = f;
          damage = e;
        }
        continue;
      }
      if (first != null) { // else no data, as in a 0-byte file (DataLoader rejects both as bad records)
        return read(f.getPath().toString(), first, delimiter, hasHeader);
      }
    }
    throw firstDamaged != null
        ? TextFiles.damaged(firstDamaged.getPath().toString(), -1, damage, LinesUntilDamaged.SCORING_FIX
            + " (no input file has a line to read)")
        : InputError.of(files.get(0).getPath().toString(), "every input file is empty; check --data");
  }

  /** The columns given by {@code first}, the first line of {@code file} that is not blank. */
  private static CsvHeader read(String file, FirstLine first, char delimiter, boolean hasHeader) {
    String firstLine = first.text();
    if (first.number() > 1) {
      throw InputError.atLine(file, 1, 0, String.format("line 1 is blank, where the %s must be (line %d is the "
          + "first that is not); delete the blank lines at the start of the file", hasHeader ? "header" : "first row",
          first.number()));
    }
    refuseBinary(file, firstLine);
    refuseExcelSeparatorLine(file, firstLine, delimiter);
    List<String> fields = names(file, firstLine, delimiter);
    refuseCommentLine(file, firstLine, fields.size(), hasHeader);
    if (hasHeader) {
      check(file, fields, firstLine, delimiter);
      return new CsvHeader(file, fields, firstLine, delimiter);
    }
    if (fields.size() < 2) {
      throw InputError.atLine(file, 1, 0, String.format("the first line has %d field; a CSV needs a label "
          + "and at least one feature separated by '%s' (check --delimiter)%s", fields.size(), shown(delimiter),
          libsvmHint(firstLine)));
    }
    List<String> named = new ArrayList<>();
    for (int i = 1; i <= fields.size(); i++) {
      named.add("c" + i);
    }
    return new CsvHeader(file, named, null, delimiter);
  }

  /** The first file that holds data, where the columns were read. */
  public String firstFile() {
    return firstFile;
  }

  /** The column names, in order. */
  public List<String> columns() {
    return columns;
  }

  /**
   * Whether the line at {@code offset} of {@code file} is a header line, to be skipped; a blank first line is
   * skipped too, as blank lines are anywhere (a file of them holds no data and no header).
   *
   * @throws InputError when it is a header that differs from the first file's
   */
  public boolean skips(String file, long offset, String text) {
    if (offset != 0 || line == null) {
      return false;
    }
    String a = withoutBom(text).trim();
    if (a.isEmpty()) {
      return true; // a blank line, as in a file of nothing else (no header there to check: read passed it over)
    }
    if (!sameHeader(file, text)) {
      refuseExcelSeparatorLine(file, text, delimiter);
      refuseHeaderlessFile(file, text);
      throw InputError.atLine(file, 1, 0, String.format(
          "header \"%s\" differs from the header \"%s\" of the first file, %s%s; every file needs the same columns%s",
          HiddenCharacter.printable(a, SHOWN_HEADER), HiddenCharacter.printable(withoutBom(line).trim(), SHOWN_HEADER),
          firstFile, difference(file, text), reordered(file, text) ? ", in the same order: reorder this file's "
              + "columns (or write the files as Parquet, whose columns are matched by name)" : ""));
    }
    return true;
  }

  /**
   * Refuses {@code text}, a later file's first line, when it looks like data where the first file has its header: a
   * file cut into parts ({@code split -l}) has the header in its first part only, and the others were told that their
   * "header" of numbers differed from the first file's, as if they had another one.
   */
  private void refuseHeaderlessFile(String file, String text) {
    if (!looksLikeData(file, text)) {
      return;
    }
    throw InputError.atLine(file, 1, 0, String.format("this file has no header line (its first line looks like data: "
        + "\"%s\"), but the first file, %s, starts with the header \"%s\"; every file needs the header line (add it "
        + "at the top of this one: split -l leaves it in the first part only), or none does (remove it from the first "
        + "file too, and pass --header false)", HiddenCharacter.printable(withoutBom(text).trim(), SHOWN_HEADER),
        firstFile, HiddenCharacter.printable(withoutBom(line).trim(), SHOWN_HEADER)));
  }

  /** Whether every field of {@code text} is a number or empty, and one at least is a number: a row, not a header. */
  private boolean looksLikeData(String file, String text) {
    try {
      List<String> fields = names(file, text, delimiter);
      return fields.stream().allMatch(f -> f.isEmpty() || looksNumeric(f))
          && fields.stream().anyMatch(f -> !f.isEmpty());
    } catch (InputError notFields) {
      return false;
    }
  }

  /**
   * Where {@code text}, another file's header, first parts from the first file's, after a colon, and how many columns
   * each has if not as many; empty if its fields cannot be read. Of headers of hundreds of columns, both shown cut,
   * this is what tells them apart.
   */
  private String difference(String file, String text) {
    List<String> names;
    try {
      names = names(file, text, delimiter);
    } catch (InputError notAHeader) {
      return "";
    }
    int i = 0;
    while (i < names.size() && i < columns.size() && names.get(i).equals(columns.get(i))) {
      i++;
    }
    String where;
    if (i < names.size() && i < columns.size()) {
      String unseen = HiddenCharacter.unseenDifference(names.get(i), columns.get(i), SHOWN_HEADER);
      where = String.format(": its column %d is \"%s\" where the first file's is \"%s\"%s", i + 1,
          HiddenCharacter.printable(names.get(i), SHOWN_HEADER),
          HiddenCharacter.printable(columns.get(i), SHOWN_HEADER),
          unseen == null ? "" : " (they differ " + unseen + ")");
    } else if (i < columns.size()) {
      where = String.format(": it ends after column %d, \"%s\", where the first file's goes on with \"%s\"", i,
          HiddenCharacter.printable(names.get(i - 1), SHOWN_HEADER),
          HiddenCharacter.printable(columns.get(i), SHOWN_HEADER));
    } else if (i < names.size()) {
      where = String.format(": it goes on after column %d with \"%s\", where the first file's ends", i,
          HiddenCharacter.printable(names.get(i), SHOWN_HEADER));
    } else {
      return "";
    }
    return names.size() == columns.size() ? where : where + String.format(" (%d columns against %d)", names.size(),
        columns.size());
  }

  /** Whether {@code text}, another file's header, names the first file's columns in another order. */
  private boolean reordered(String file, String text) {
    try {
      List<String> names = names(file, text, delimiter);
      return names.size() == columns.size() && new java.util.HashSet<>(names).equals(new java.util.HashSet<>(columns));
    } catch (InputError notAHeader) {
      return false;
    }
  }

  /** Whether {@code text} is the first file's header: the same names, spaced or quoted otherwise ("a, b, y"). */
  private boolean sameHeader(String file, String text) {
    return withoutBom(text).trim().equals(withoutBom(line).trim()) || names(file, text, delimiter).equals(columns);
  }

  /**
   * Whether {@code text}, a row that failed to parse, is the header again: in a file joined from several with their
   * headers ({@code cat a.csv b.csv}), or in a later file with blank lines above its header, whose first line, blank,
   * was taken for the header. Asked on the error path only.
   */
  public boolean isHeaderAgain(String file, String text) {
    if (line == null) {
      return false;
    }
    try {
      return sameHeader(file, text);
    } catch (InputError e) {
      return false; // not even fields: not the header
    }
  }

  /**
   * What to add to the problem of the first line of a file read without a header ({@code --header false}) when that
   * line looks like one: no field is a number. Asked on the error path only.
   */
  public String headerlessHint(String file, long offset, String text) {
    if (line != null || offset != 0) {
      return "";
    }
    try {
      List<String> fields = names(file, text, delimiter);
      return fields.stream().allMatch(f -> !f.isEmpty() && !looksNumeric(f))
          ? "; line 1 looks like a header (no field is a number): drop --header false" : "";
    } catch (InputError e) {
      return "";
    }
  }

  /**
   * The problem of a row of {@code file} that is the header again ({@link #isHeaderAgain}), with the fix for what is
   * {@code above} it: below blank lines that start the file, those lines; below rows, the line itself (files joined
   * with their headers); where the lines above were not seen (the line starts a split, or lines were spread by a
   * shuffle), either, without claiming there are blank lines. In the first file they are not: its line 1 was read
   * here, and is the header.
   */
  String headerAgain(String file, LinesAbove.Kind above) {
    return switch (file.equals(firstFile) ? LinesAbove.Kind.NOT_BLANK : above) {
      case BLANK -> "this line is the header, below blank lines only, where a header must be the file's first line; "
          + "delete the blank lines at the start of the file";
      case NOT_BLANK -> "this line is the header again, where a row must be: a header goes on a file's first line "
          + "only; delete this line (files joined with their headers repeat it)";
      case UNKNOWN -> "this line is the header again, where a row must be: a header goes on a file's first line "
          + "only; delete this line (files joined with their headers repeat it), or, if only blank lines are above it, "
          + "delete those";
    };
  }

  private static List<String> names(String file, String line, char delimiter) {
    List<String> names = new ArrayList<>();
    try {
      for (String f : CsvRows.fields(withoutBom(line), delimiter)) {
        names.add(f == null ? "" : f.trim());
      }
    } catch (CsvRowParser.RowProblem p) {
      throw InputError.atLine(file, 1, p.charColumn(), p.getMessage());
    }
    return names;
  }

  static String withoutBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** {@code delimiter} as a message shows it: a tab as {@code \t}, as --delimiter takes it. */
  private static String shown(char delimiter) {
    return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
  }

  /** @param line the header line as written */
  private static void check(String file, List<String> columns, String line, char delimiter) {
    if (columns.size() < 2) {
      String joined = String.join(String.valueOf(delimiter), columns);
      if (joined.indexOf(0xFFFD) >= 0) { // one field of bytes that are not UTF-8: a binary file more likely than text
        throw notText(file);
      }
      String libsvm = libsvmHint(line);
      for (char other : new char[] {',', ';', '\t', '|'}) {
        if (libsvm.isEmpty() && other != delimiter && joined.indexOf(other) >= 0) {
          throw InputError.atLine(file, 1, 0, String.format("the header names 1 column (%s); if its fields are "
              + "separated by '%s', pass --delimiter '%s'", joined, shown(other), shown(other)));
        }
      }
      throw InputError.atLine(file, 1, 0, String.format(
          "the header names %d column (%s); a CSV needs a header line with a label and at least one "
              + "feature, separated by %s%s", columns.size(), String.join(",", columns),
          delimiter == ',' ? "commas" : "'" + shown(delimiter) + "' (--delimiter)", libsvm));
    }
    HashSet<String> seen = new HashSet<>();
    String spaced = CsvRowParser.spacedHint(line, delimiter); // once: per column it read the line d times
    for (int i = 0; i < columns.size(); i++) {
      String c = columns.get(i);
      if (c.isEmpty() && !spaced.isEmpty()) { // columns aligned by spaces: neither an index nor a trailing delimiter
        throw InputError.atLine(file, 1, 0, "header field " + (i + 1) + " is empty; name every column" + spaced);
      }
      if (c.isEmpty() && i == columns.size() - 1 && endsWithDelimiter(line, delimiter)) {
        throw InputError.atLine(file, 1, 0, String.format("the header ends with the delimiter (a trailing '%s'), "
            + "which leaves its last column without a name; remove the delimiter from the end of every line",
            shown(delimiter)));
      }
      if (c.isEmpty() && i == 0) {
        throw InputError.atLine(file, 1, 0, "header field 1 is empty; name every column (pandas' DataFrame.to_csv "
            + "writes the DataFrame's index so, as a first column without a name: write the file with index=False, "
            + "or name the column and leave it out with --features)");
      }
      if (c.isEmpty()) {
        throw InputError.atLine(file, 1, 0, "header field " + (i + 1) + " is empty; name every column");
      }
      if (!seen.add(c)) {
        throw InputError.atLine(file, 1, 0, "the header names column \"" + c + "\" twice; rename one of them in the "
            + "header (or delete the header line and pass --header false, which names the columns c1..cN by position)");
      }
      if (looksNumeric(c)) {
        throw InputError.atLine(file, 1, 0, String.format(
            "the first line looks like data (\"%s\"), not a header; add a header line naming the columns, or pass "
                + "--header false for files without one%s", c,
            libsvmHint(line)));
      }
    }
  }

  /**
   * Refuses {@code line}, a file's first, of {@code fields} fields, when it is a comment line of one field
   * ({@code # exported 2024-01-01}) as some exports write above the header: CSV has no comments, and it was told as a
   * header of 1 column. A first line of several fields that starts with # is read as it is: numpy's {@code savetxt}
   * writes its header so ({@code # a,b,y}).
   */
  private static void refuseCommentLine(String file, String line, int fields, boolean hasHeader) {
    String text = withoutBom(line).trim();
    if (fields > 1 || !text.startsWith("#")) {
      return;
    }
    throw InputError.atLine(file, 1, 0, String.format("line 1 (\"%s\") looks like a comment line (it starts with #), "
        + "which CSV does not have; remove it, and any other comment lines, so that the %s is line 1", text,
        hasHeader ? "header" : "first row"));
  }

  /**
   * Refuses {@code line}, a file's first, when it is Excel's delimiter line, {@code sep=,} (or {@code sep=;},
   * {@code sep=\t}...): Excel writes it above the header to name the delimiter, and opens such a file by it, but no
   * other reader takes it. Read as the header it was a column "sep=" and an empty one, told as a trailing delimiter to
   * remove from every line, or one column ({@code sep=;} split at commas); read as a row, a value that is no number.
   */
  private static void refuseExcelSeparatorLine(String file, String line, char delimiter) {
    String text = withoutBom(line);
    if (text.length() < 5 || !text.regionMatches(true, 0, "sep=", 0, 4) || !text.substring(5).isBlank()
        || Character.isLetterOrDigit(text.charAt(4))) { // a delimiter is no letter: "sep=x" may be a one-column header
      return;
    }
    char named = text.charAt(4);
    throw InputError.atLine(file, 1, 0, String.format("line 1 is \"%s\", the line Excel writes to name the file's "
        + "delimiter; it is not CSV: delete that line%s", text.substring(0, 4) + shown(named), named == delimiter ? ""
        : String.format(" and pass --delimiter '%s'", shown(named))));
  }

  /**
   * Whether {@code line} ends with the delimiter, blanks after it aside: as exports that end every line with one
   * write it ({@code a,b,y,}), not an empty quoted name ({@code a,b,""}).
   */
  private static boolean endsWithDelimiter(String line, char delimiter) {
    int end = line.length();
    while (end > 0 && line.charAt(end - 1) != delimiter) {
      char c = line.charAt(end - 1);
      if (c != ' ' && c != '\t') {
        return false;
      }
      end--;
    }
    return end > 0;
  }

  /**
   * "; it reads as LIBSVM ...: pass --format libsvm" when {@code line} is a LIBSVM record, a number followed by
   * one or more index:value pairs (separated by spaces or tabs, a {@code #} comment after them allowed); else "".
   */
  static String libsvmHint(String line) {
    String[] tokens = withoutBom(line).trim().split("[ \t]+");
    if (tokens.length < 2 || !looksNumeric(tokens[0])) {
      return "";
    }
    int pairs = 0;
    for (int i = 1; i < tokens.length && !tokens[i].startsWith("#"); i++) {
      int colon = tokens[i].indexOf(':');
      if (colon < 1 || !tokens[i].substring(0, colon).chars().allMatch(ch -> ch >= '0' && ch <= '9')
          || !looksNumeric(tokens[i].substring(colon + 1))) {
        return "";
      }
      pairs++;
    }
    return pairs == 0 ? "" : "; it reads as LIBSVM (a label, then index:value pairs): pass --format libsvm";
  }

  private static boolean looksNumeric(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Refuses a first line that is not text, header or not: a Parquet file read as CSV (it starts with {@code PAR1}),
   * or another binary file (control characters), whose bytes would otherwise be quoted in the messages that follow.
   * Bytes that are not UTF-8 alone do not refuse a line of several fields: a header in Latin-1 (Excel's
   * {@code température}) is text, its names only read with a replacement character.
   */
  private static void refuseBinary(String file, String line) {
    if (line.startsWith("PAR1")) {
      throw InputError.atLine(file, 1, 0, "this is a Parquet file (it starts with PAR1), not CSV; pass "
          + "--format parquet");
    }
    if (line.startsWith("\u001f\ufffd")) { // gzip's magic bytes 1f 8b, the second not UTF-8
      throw InputError.atLine(file, 1, 0, "this is a gzip file under a name without .gz, so it is not decompressed; "
          + "name it with .gz at the end (rows.csv.gz)");
    }
    if (line.startsWith("\ufffd\ufffd") && line.indexOf('\u0000') >= 0) { // a UTF-16 byte-order mark, then NULs
      throw InputError.atLine(file, 1, 0, "this text is UTF-16 (it starts with UTF-16's byte-order mark); save the "
          + "file as UTF-8");
    }
    if (line.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
      throw notText(file);
    }
  }

  private static InputError notText(String file) {
    return InputError.atLine(file, 1, 0, "the first line is not text, as a CSV file's is (for Parquet or LIBSVM "
        + "files pass --format parquet or --format libsvm)");
  }

  /** The first line of a file that is not blank (a byte-order mark alone is blank), and its number from 1. */
  private record FirstLine(long number, String text) {}

  /** The file's first line that is not blank, or null when it has none: only blank lines, as readers skip them. */
  private static FirstLine readFirstLine(Configuration conf, Path path) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(TextFiles.open(conf, path),
        StandardCharsets.UTF_8))) {
      long number = 1;
      for (String line = r.readLine(); line != null; line = r.readLine(), number++) {
        if (!withoutBom(line).isBlank()) {
          return new FirstLine(number, line);
        }
      }
      return null;
    }
  }
}
