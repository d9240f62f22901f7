package sparkdgd.data;

import java.io.Serializable;
import sparkdgd.block.SparseBlockBuilder;

/**
 * Parses one LIBSVM line, {@code label index:value index:value ...} (whitespace-separated, indices
 * 1-based and strictly ascending, {@code #} starts a comment), straight into a sparse block builder (zeros are
 * not stored), or into a dense array for scoring. A line that holds no record ({@link #holdsNoRecord}) is for the
 * caller to skip before parsing.
 */
public final class LibsvmRowParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the largest index allowed comes from; changes only the message when it is exceeded. */
  private enum Limit { GIVEN, COUNTED, MODEL }

  private final int numFeatures;
  private final Limit limit;
  private final LabelRule labels;
  private transient int largestIndex;
  private transient int largestIndexColumn;

  /**
   * @param numFeatures the largest index allowed
   * @param inferred    whether that limit was inferred (changes only the message when it is exceeded)
   */
  public LibsvmRowParser(int numFeatures, boolean inferred) {
    this(numFeatures, inferred ? Limit.COUNTED : Limit.GIVEN, LabelRule.ANY);
  }

  private LibsvmRowParser(int numFeatures, Limit limit, LabelRule labels) {
    this.numFeatures = numFeatures;
    this.limit = limit;
    this.labels = labels;
  }

  /** This parser, also refusing as bad values the labels that {@code rule} does not allow. */
  public LibsvmRowParser checkingLabels(LabelRule rule) {
    return new LibsvmRowParser(numFeatures, limit, rule);
  }

  /** A parser for data scored by a model of {@code modelFeatures} features: a larger index is refused. */
  public static LibsvmRowParser forModel(int modelFeatures) {
    return new LibsvmRowParser(modelFeatures, Limit.MODEL, LabelRule.ANY);
  }

  /**
   * Whether {@code line} holds no record: it is blank, or, after leading whitespace, a comment ({@code #} to the end
   * of the line). Every reader of LIBSVM text skips such lines, as it skips blank ones.
   */
  public static boolean holdsNoRecord(String line) {
    int first = skipSpace(line, 0);
    return first == line.length() || line.charAt(first) == '#';
  }

  /** The largest (1-based) index of the line parsed last, 0 if it had no features. */
  public int largestIndex() {
    return largestIndex;
  }

  /** The 1-based character column of that index's token, 0 if the line had no features. */
  public int largestIndexColumn() {
    return largestIndexColumn;
  }

  /**
   * Adds the line's non-zeros to {@code out} (null: only check the line) and returns its label. On a
   * problem nothing of the line stays in {@code out}.
   *
   * @throws CsvRowParser.RowProblem naming the 1-based character column of the bad token
   */
  public double parse(String line, SparseBlockBuilder out) throws CsvRowParser.RowProblem {
    try {
      return parseTokens(line, out, null);
    } catch (CsvRowParser.RowProblem p) {
      if (out != null) {
        out.discardRow();
      }
      throw p;
    }
  }

  /**
   * Writes the line's values into {@code dense} (0-based: index 1 goes to {@code dense[0]}), which must hold
   * zeros where the line has no value, and returns its label. On a problem {@code dense} is partly written.
   *
   * @throws CsvRowParser.RowProblem naming the 1-based character column of the bad token
   */
  public double parseDense(String line, double[] dense) throws CsvRowParser.RowProblem {
    return parseTokens(line, null, dense);
  }

  private double parseTokens(String line, SparseBlockBuilder out, double[] dense) throws CsvRowParser.RowProblem {
    final int length = line.length();
    int pos = skipSpace(line, 0);
    int end = tokenEnd(line, pos);
    double label = number(line, pos, end, "label");
    String problem = labels.problem(label);
    if (problem != null) {
      throw new CsvRowParser.RowProblem(pos + 1, String.format("the label holds %s, %s", line.substring(pos, end),
          problem), false);
    }
    int previous = 0;
    int previousColumn = 0;
    largestIndex = 0;
    largestIndexColumn = 0;
    pos = skipSpace(line, end);
    while (pos < length) {
      end = tokenEnd(line, pos);
      if (line.charAt(pos) == '#') {
        break; // a comment runs to the end of the line
      }
      int colon = line.indexOf(':', pos);
      if (colon < 0 || colon >= end) {
        throw new CsvRowParser.RowProblem(pos + 1, String.format(
            "expected index:value, found \"%s\" (LIBSVM lines are: label index:value index:value ...)",
            line.substring(pos, end)));
      }
      int index = index(line, pos, colon);
      if (index > numFeatures) {
        throw new CsvRowParser.RowProblem(pos + 1, tooLarge(index));
      }
      if (index <= previous) {
        throw new CsvRowParser.RowProblem(pos + 1, index == previous
            ? String.format("index %d appears twice; each feature may appear once per line", index)
            : String.format("index %d follows index %d; LIBSVM indices must be ascending (sort each line's "
                + "features by index)", index, previous));
      }
      double value = number(line, colon + 1, end, "feature " + index);
      if (out != null) {
        out.add(index - 1, value);
      } else if (dense != null) {
        dense[index - 1] = value;
      }
      previous = index;
      previousColumn = pos + 1;
      pos = skipSpace(line, end);
    }
    largestIndex = previous;
    largestIndexColumn = previousColumn;
    return label;
  }

  private String tooLarge(int index) {
    return switch (limit) {
      case COUNTED -> String.format("index %d is larger than the %d features counted", index, numFeatures);
      case GIVEN -> String.format("index %d is larger than --num-features %d; raise --num-features or fix the line",
          index, numFeatures);
      case MODEL -> String.format("feature index %d is beyond the model's %d features; score with a model trained "
          + "on these features (train with --num-features %d or more)", index, numFeatures, index);
    };
  }

  private static int index(String line, int start, int colon) throws CsvRowParser.RowProblem {
    String raw = line.substring(start, colon);
    int index;
    try {
      index = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new CsvRowParser.RowProblem(start + 1, String.format(
          "expected a feature index (a whole number from 1), found \"%s\"", raw));
    }
    if (index < 1) {
      throw new CsvRowParser.RowProblem(start + 1, String.format(
          "index %d is out of range; LIBSVM indices start at 1", index));
    }
    return index;
  }

  private static double number(String line, int start, int end, String what) throws CsvRowParser.RowProblem {
    String raw = line.substring(start, end);
    if (raw.isEmpty()) {
      throw new CsvRowParser.RowProblem(start + 1, what + ": empty value; fix or delete the line");
    }
    double v;
    try {
      v = DecimalParser.parse(raw);
    } catch (NumberFormatException e) {
      if (start == 0 && raw.startsWith("PAR1")) { // the magic number Parquet files start (and end) with
        throw new CsvRowParser.RowProblem(1, "this is a Parquet file (it starts with PAR1), not LIBSVM; pass --format "
            + "parquet, or check --data");
      }
      throw new CsvRowParser.RowProblem(start + 1, String.format(
          "%s: expected a number, found \"%s\" (fix or delete the line)", what, printable(raw)));
    }
    if (!Double.isFinite(v)) {
      throw new CsvRowParser.RowProblem(start + 1, String.format(
          "%s: %s is not a finite number (fix or delete the line)", what, raw));
    }
    return v;
  }

  /** {@code raw} for a message: control characters as {@code \\uXXXX}, and at most 40 characters, "..." after. */
  static String printable(String raw) {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (; i < raw.length() && sb.length() < 40; i++) {
      char c = raw.charAt(i);
      if (Character.isISOControl(c) || c == '\ufffd') { // U+FFFD: bytes that were not UTF-8
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return i < raw.length() ? sb + "..." : sb.toString();
  }

  private static int skipSpace(String line, int pos) {
    while (pos < line.length() && Character.isWhitespace(line.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  private static int tokenEnd(String line, int pos) {
    while (pos < line.length() && !Character.isWhitespace(line.charAt(pos))) {
      pos++;
    }
    return pos;
  }
}
