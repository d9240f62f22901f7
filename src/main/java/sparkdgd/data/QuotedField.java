package sparkdgd.data;

/**
 * A CSV field in double quotes, as the trainer ({@link CsvRowParser}) and the scoring reader ({@link CsvRows})
 * both read it: spaces and tabs may come before the opening quote, it may hold the delimiter, {@code ""} inside it
 * stands for one quote, spaces and tabs may follow the closing quote, and then the delimiter or the end of the line
 * must. Fields cannot span lines.
 */
final class QuotedField {
  private QuotedField() {}

  /**
   * Where the opening quote of the field that starts at {@code start} is, after blanks, or -1 when the field is
   * not quoted.
   */
  static int opening(String line, int start, char delimiter) {
    final int q = afterBlanks(line, start, delimiter);
    return q < line.length() && line.charAt(q) == '"' ? q : -1;
  }

  /** The first index from {@code from} that is not a space or a tab, the delimiter excepted. */
  private static int afterBlanks(String line, int from, char delimiter) {
    int q = from;
    while (q < line.length() && (line.charAt(q) == ' ' || line.charAt(q) == '\t') && line.charAt(q) != delimiter) {
      q++;
    }
    return q;
  }

  /**
   * Appends the text of the field whose opening quote is at {@code line[open]} to {@code text}, and returns where
   * the field ends: the index of the delimiter after it, or the line's length.
   *
   * @throws CsvRowParser.RowProblem at the opening quote when the field is not closed, or at text that follows
   *                                 the closing quote before the delimiter
   */
  static int read(String line, int open, char delimiter, StringBuilder text) throws CsvRowParser.RowProblem {
    final int n = line.length();
    int j = open + 1;
    while (true) {
      if (j >= n) {
        throw new CsvRowParser.RowProblem(open + 1, "a quoted field is not closed (fields cannot span lines); "
            + "close the quote, or write a quote inside quotes as \"\"");
      }
      char c = line.charAt(j++);
      if (c != '"') {
        text.append(c);
      } else if (j < n && line.charAt(j) == '"') {
        text.append('"');
        j++;
      } else {
        break;
      }
    }
    j = afterBlanks(line, j, delimiter);
    if (j < n && line.charAt(j) != delimiter) {
      throw new CsvRowParser.RowProblem(j + 1, "text after a closing quote; quote the whole field, and write a "
          + "quote inside quotes as \"\"");
    }
    return j;
  }
}
