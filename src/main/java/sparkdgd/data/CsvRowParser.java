package sparkdgd.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * Parses one delimited text line straight into a block's feature slot. Only the selected columns
 * are converted; every field must be there, and every selected value must be a finite number. A field that
 * opens with a double quote is read as {@link QuotedField} reads it: it may hold the delimiter.
 */
public final class CsvRowParser implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int IGNORED = -2;
  private static final int LABEL = -1;
  private static final int WEIGHT = -3;

  private final char delimiter;
  private final List<String> columnNames;
  /** For each input field: IGNORED, LABEL, WEIGHT, or the feature slot it fills. */
  private final int[] target;
  private final LabelRule labels;

  public CsvRowParser(char delimiter, ColumnSelection selection) {
    this(delimiter, selection, LabelRule.ANY);
  }

  /** A parser that also refuses, as bad values, labels that {@code labels} does not allow. */
  public CsvRowParser(char delimiter, ColumnSelection selection, LabelRule labels) {
    this.labels = labels;
    this.delimiter = delimiter;
    this.columnNames = selection.columnNames();
    this.target = new int[columnNames.size()];
    Arrays.fill(target, IGNORED);
    target[selection.labelIndex()] = LABEL;
    if (selection.weightIndex() >= 0) {
      target[selection.weightIndex()] = WEIGHT;
    }
    int[] features = selection.featureIndex();
    for (int slot = 0; slot < features.length; slot++) {
      target[features[slot]] = slot;
    }
  }

  /** Whether the rows have a weight column ({@link #parse(String, double[], int, double[])} then writes it). */
  public boolean weighted() {
    for (int t : target) {
      if (t == WEIGHT) {
        return true;
      }
    }
    return false;
  }

  /**
   * A bad line: the 1-based character column (0 for the whole line) and what was wrong; whether
   * {@code --on-bad-record skip} may drop it (not a label the loss cannot learn from: {@link LabelRule}).
   */
  public static final class RowProblem extends Exception {
    private static final long serialVersionUID = 1L;
    private final int charColumn;
    private final boolean skippable;

    RowProblem(int charColumn, String message) {
      this(charColumn, message, true);
    }

    RowProblem(int charColumn, String message, boolean skippable) {
      super(message, null, false, false);
      this.charColumn = charColumn;
      this.skippable = skippable;
    }

    public int charColumn() {
      return charColumn;
    }

    public boolean skippable() {
      return skippable;
    }
  }

  /**
   * Writes the line's features into {@code slot[offset..offset+d)} and returns its label.
   *
   * @throws RowProblem naming the column and the value when the line cannot be used, or the number of fields when
   *                    the line has more or fewer than the header
   */
  public double parse(String line, double[] slot, int offset) throws RowProblem {
    return parse(line, slot, offset, null);
  }

  /**
   * {@link #parse(String, double[], int)} that also writes the row's weight ({@code --weight-col}) into
   * {@code weight[0]} when the selection has a weight column ({@code weight} then not null).
   */
  public double parse(String line, double[] slot, int offset, double[] weight) throws RowProblem {
    try {
      return parseFields(line, slot, offset, weight);
    } catch (RowProblem p) {
      if (onlyEmptyFields(line)) {
        throw emptyRow(line);
      }
      throw p.charColumn() > 0 ? misaligned(line, p) : p;
    }
  }

  /**
   * Whether every field of {@code line} is empty ({@code ,,,}), as spreadsheets export rows left empty at the end of a
   * sheet: the row holds nothing to fill in, where its first empty value was named as one to fill in. Asked on the
   * error path only; a blank line never comes here (it is skipped, holding no fields).
   */
  private boolean onlyEmptyFields(String line) {
    try {
      return CsvRows.fields(line, delimiter).stream().allMatch(f -> f == null || f.isBlank());
    } catch (RowProblem quoting) {
      return false;
    }
  }

  private static RowProblem emptyRow(String line) {
    return new RowProblem(0, emptyRowMessage(line));
  }

  /** The problem of a row of empty fields only, in training and in scoring ({@link CsvRows}). */
  static String emptyRowMessage(String line) {
    // ends with the hint that a skipping run's examples leave out (BadRecords.snapshot)
    return String.format("every field of this row is empty (\"%s\"), as a spreadsheet exports an empty row; delete "
        + "such rows%s", HiddenCharacter.printable(line.strip()), BadRecords.SKIP_HINT);
  }

  /**
   * {@code valueProblem}, found in one field of {@code line}, unless the line has more or fewer fields than the
   * header: then its values are out of place (an empty field in {@code 1,,2,,3} is an extra one, not a value to fill
   * in), and the count is the problem to fix. The fields are counted here, on the way out, never for a good line.
   */
  private RowProblem misaligned(String line, RowProblem valueProblem) {
    int found;
    try {
      found = CsvRows.fields(line, delimiter).size();
    } catch (RowProblem quoting) {
      return valueProblem; // a quote that cannot be read, at or after the value: the first problem stands
    }
    return found == target.length ? valueProblem : fieldCount(line, found);
  }

  private RowProblem fieldCount(String line, int found) {
    return new RowProblem(0, String.format("expected %d fields (%s), found %d; check the delimiter or fix the row%s",
        target.length, String.join(String.valueOf(delimiter), columnNames), found, spacedHint(line, delimiter)));
  }

  /**
   * " (with --delimiter ' ', ...)" when {@code line} has spaces in a row and they are the delimiter: each one ends a
   * field, so values aligned by several read as separated by empty fields; else "".
   */
  static String spacedHint(String line, char delimiter) {
    return delimiter == ' ' && line.contains("  ") ? " (with --delimiter ' ', each space ends a field: values "
        + "aligned by several spaces are separated by empty fields; separate them by one space, or by tabs with "
        + "--delimiter '\\t')" : "";
  }

  private double parseFields(String line, double[] slot, int offset, double[] weight) throws RowProblem {
    int fields = 0;
    int start = 0;
    double label = Double.NaN;
    final int length = line.length();
    while (true) {
      final int open = QuotedField.opening(line, start, delimiter);
      final StringBuilder quoted = open >= 0 ? new StringBuilder() : null;
      int end = open >= 0 ? QuotedField.read(line, open, delimiter, quoted) : line.indexOf(delimiter, start);
      if (end < 0) {
        end = length;
      }
      if (fields < target.length && target[fields] != IGNORED) {
        String text = quoted != null ? quoted.toString() : line.substring(start, end);
        // trimmed, and quotes left around it (unquoted "5" or quoted """5""") stripped, as NumericColumns does
        double v = number(unquote(text.trim()), start, fields);
        if (target[fields] == LABEL) {
          String refusal = labels.refusal(columnNames.get(fields), unquote(text.trim()), v);
          if (refusal != null) {
            throw new RowProblem(start + 1, refusal, false);
          }
          label = labels.stored(v);
        } else if (target[fields] == WEIGHT) {
          String refusal = WeightRule.refusal(columnNames.get(fields), unquote(text.trim()), v);
          if (refusal != null) {
            throw new RowProblem(start + 1, refusal);
          }
          weight[0] = v;
        } else {
          slot[offset + target[fields]] = v;
        }
      }
      fields++;
      if (end == length) {
        break;
      }
      start = end + 1;
    }
    if (fields != target.length) {
      throw fieldCount(line, fields);
    }
    return label;
  }

  /** The number in the field that starts at {@code start}; {@code raw} is its text, unquoted and trimmed. */
  private double number(String raw, int start, int field) throws RowProblem {
    String what = (target[field] == LABEL ? "label column \"" : target[field] == WEIGHT ? "weight column \""
        : "column \"") + columnNames.get(field) + "\"";
    if (raw.isEmpty()) {
      throw new RowProblem(start + 1, what + ": empty value; fill it in or delete the row");
    }
    double v;
    try {
      v = DecimalParser.parse(raw);
    } catch (NumberFormatException e) {
      if (DecimalParser.spellsNotFinite(raw)) {
        throw notFinite(start, what, raw);
      }
      String word = target[field] == LABEL ? labels.wordProblem(what, raw) : null;
      if (word != null) {
        throw new RowProblem(start + 1, word);
      }
      String hint = HiddenCharacter.misread(raw);
      if (hint == null && HiddenCharacter.notUtf8(raw)) {
        throw new RowProblem(start + 1, String.format("%s: expected a number, found \"%s\", %s", what,
            HiddenCharacter.printable(raw), HiddenCharacter.NOT_UTF8));
      }
      throw new RowProblem(start + 1, hint != null ? String.format("%s: expected a number, found %s", what, hint)
          : String.format("%s: expected a number, found \"%s\" (fix or delete the row%s)", what,
          HiddenCharacter.printable(raw), target[field] < 0 ? "" : ", or leave the column out with --features"));
    }
    if (!Double.isFinite(v)) {
      throw notFinite(start, what, raw);
    }
    return v;
  }

  /** The problem of {@code raw}, NaN or infinite as written ({@code 1e400}, {@code NaN}, {@code inf}). */
  private static RowProblem notFinite(int start, String what, String raw) {
    return new RowProblem(start + 1, String.format(
        "%s: %s is not a finite number; training needs finite values (fix or delete the row)", what,
        HiddenCharacter.printable(raw)));
  }

  /** {@code s} without one pair of surrounding double quotes, trimmed inside; otherwise unchanged. */
  public static String unquote(String s) {
    if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
      return s.substring(1, s.length() - 1).trim();
    }
    return s;
  }
}
