package sparkdgd.data;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;
import sparkdgd.block.SparseBlockBuilder;

/**
 * Parses one LIBSVM line, {@code label index:value index:value ...} (whitespace-separated, indices
 * strictly ascending, {@code #} starts a comment), straight into a sparse block builder (zeros are
 * not stored), for training and for scoring alike. Indices are 1-based, as LIBSVM and Spark write them, or with
 * {@code --zero-based} 0-based, as scikit-learn's {@code dump_svmlight_file} writes them by default: either way
 * the first feature is position 1 here ({@code x1}), so a model is the same whichever base its files used. A
 * line that holds no record ({@link #holdsNoRecord}) is for the caller to skip before parsing.
 */
public final class LibsvmRowParser implements Serializable {
  private static final long serialVersionUID = 1L;
  /** A label of integers separated by commas, as dump_svmlight_file(multilabel=True) writes a row's classes. */
  private static final Pattern MULTI_LABEL = Pattern.compile("\\d+(,\\d+)+");

  /**
   * What to add when an index is {@code qid}: ranking data ({@code 3 qid:1 1:0.5}) gives each line the query it
   * belongs to, which a regression or classification of single rows does not use; told as the field it is, not as a
   * bad index to fix on every line.
   */
  static final String QID_HINT = "; the line holds a qid: field (LIBSVM ranking data, as scikit-learn's "
      + "dump_svmlight_file writes with query_id); this trainer has no use for it: remove the qid:N fields (e.g. "
      + "sed -E 's/ qid:[^ ]+//')";

  /** Where the largest index allowed comes from; changes only the message when it is exceeded. */
  private enum Limit { GIVEN, COUNTED, MODEL }

  private final int numFeatures;
  private final Limit limit;
  /** Scoring with --unknown-features ignore: a value beyond the model's features is left out, not refused. */
  private final boolean leavesOutBeyond;
  private final LabelRule labels;
  /** The rule whose {@link LabelRule#wordProblem} tells a label written as a word (yes/no) as classes to recode. */
  private final LabelRule labelWords;
  /** The index of the first feature: 1, or 0 with {@code --zero-based}. */
  private final int base;
  private transient int largestIndex;
  private transient int largestIndexColumn;
  private transient int leftOut;

  /**
   * A parser of 1-based indices.
   *
   * @param numFeatures the number of features, the largest index allowed
   * @param inferred    whether that limit was inferred (changes only the message when it is exceeded)
   */
  public LibsvmRowParser(int numFeatures, boolean inferred) {
    this(numFeatures, inferred, false);
  }

  /**
   * @param numFeatures the number of features: the largest index allowed is that, or one less when zero-based
   * @param inferred    whether that limit was inferred (changes only the message when it is exceeded)
   * @param zeroBased   whether the indices start at 0 ({@code --zero-based}), not 1
   */
  public LibsvmRowParser(int numFeatures, boolean inferred, boolean zeroBased) {
    this(numFeatures, inferred ? Limit.COUNTED : Limit.GIVEN, LabelRule.ANY, LabelRule.ANY, zeroBased ? 0 : 1);
  }

  private LibsvmRowParser(int numFeatures, Limit limit, LabelRule labels, LabelRule labelWords, int base) {
    this(numFeatures, limit, labels, labelWords, base, false);
  }

  private LibsvmRowParser(int numFeatures, Limit limit, LabelRule labels, LabelRule labelWords, int base,
      boolean leavesOutBeyond) {
    this.numFeatures = numFeatures;
    this.limit = limit;
    this.leavesOutBeyond = leavesOutBeyond;
    this.labels = labels;
    this.labelWords = labelWords;
    this.base = base;
  }

  /** This parser, also refusing as bad values the labels that {@code rule} does not allow. */
  public LibsvmRowParser checkingLabels(LabelRule rule) {
    return new LibsvmRowParser(numFeatures, limit, rule, rule, base, leavesOutBeyond);
  }

  /**
   * This parser, telling a label written as a word (yes/no) as {@code rule} tells it ({@link LabelRule#wordProblem}),
   * but refusing no number: for the pass that counts the features ({@link LargestIndex}), which meets such a line
   * first, and whose message must be the reading pass's; a number that {@code rule} refuses is the reading pass's to
   * refuse (it is no bad record to pass over under {@code --on-bad-record skip}).
   */
  LibsvmRowParser hintingLabelWords(LabelRule rule) {
    return new LibsvmRowParser(numFeatures, limit, labels, rule, base, leavesOutBeyond);
  }

  /**
   * A parser for data scored by a model of {@code modelFeatures} features, its indices starting at 0 when
   * {@code zeroBased}, else 1: an index beyond the model's features is refused.
   */
  public static LibsvmRowParser forModel(int modelFeatures, boolean zeroBased) {
    return forModel(modelFeatures, zeroBased, false);
  }

  /**
   * As {@link #forModel(int, boolean)}; with {@code leavesOutBeyond} ({@code --unknown-features ignore}) an index
   * beyond the model's features is left out of the row ({@link #leftOut} counts them) instead of refused; the line
   * must still be well formed.
   */
  public static LibsvmRowParser forModel(int modelFeatures, boolean zeroBased, boolean leavesOutBeyond) {
    return new LibsvmRowParser(modelFeatures, Limit.MODEL, LabelRule.ANY, LabelRule.ANY, zeroBased ? 0 : 1,
        leavesOutBeyond);
  }

  /** The values beyond the model's features the line parsed last left out (--unknown-features ignore). */
  public int leftOut() {
    return leftOut;
  }

  /**
   * Whether {@code line} holds no record: it is blank, or, after leading whitespace, a comment ({@code #} to the end
   * of the line). Every reader of LIBSVM text skips such lines, as it skips blank ones.
   */
  public static boolean holdsNoRecord(String line) {
    int first = skipSpace(line, 0);
    return first == line.length() || line.charAt(first) == '#';
  }

  /**
   * The features the line parsed last needs: the 1-based position of its largest index (that index when
   * 1-based, one more when zero-based), 0 if it had no features.
   */
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
      return parseTokens(line, out);
    } catch (CsvRowParser.RowProblem p) {
      if (out != null) {
        out.discardRow();
      }
      throw p;
    }
  }

  private double parseTokens(String line, SparseBlockBuilder out) throws CsvRowParser.RowProblem {
    final int length = line.length();
    int pos = skipSpace(line, 0);
    int end = tokenEnd(line, pos);
    double label;
    try {
      label = number(line, pos, end, "label");
    } catch (CsvRowParser.RowProblem p) {
      String word = labelWords.wordProblem("label", line.substring(pos, end)); // yes/no: classes to recode
      if (word == null) {
        throw p;
      }
      throw new CsvRowParser.RowProblem(pos + 1, word);
    }
    String problem = labels.problem(label);
    if (problem != null) {
      throw new CsvRowParser.RowProblem(pos + 1, String.format("the label holds %s, %s", line.substring(pos, end),
          problem), false);
    }
    label = labels.stored(label);
    long previous = 0; // a long: an index left out may be a zero-based Integer.MAX_VALUE, position 2^31
    int largest = 0; // the largest position kept, and the column of its token
    int largestColumn = 0;
    largestIndex = 0;
    largestIndexColumn = 0;
    leftOut = 0;
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
      long position = (long) index - base + 1; // 1-based; a long, as a zero-based Integer.MAX_VALUE is one more
      // against a model (unless told to leave such values out): data and model that do not match, no record to skip
      if (position > numFeatures && !leavesOutBeyond) {
        throw new CsvRowParser.RowProblem(pos + 1, tooLarge(index), limit != Limit.MODEL);
      }
      if (position <= previous) {
        throw new CsvRowParser.RowProblem(pos + 1, position == previous
            ? String.format("index %d appears twice; each feature may appear once per line", index)
            : String.format("index %d follows index %d; LIBSVM indices must be ascending (sort each line's "
                + "features by index)", index, previous - 1 + base));
      }
      double value = number(line, colon + 1, end, "feature " + index);
      if (position > numFeatures) {
        leftOut++; // --unknown-features ignore
      } else {
        if (out != null) {
          out.add((int) position - 1, value);
        }
        largest = (int) position;
        largestColumn = pos + 1;
      }
      previous = position;
      pos = skipSpace(line, end);
    }
    largestIndex = largest;
    largestIndexColumn = largestColumn;
    return label;
  }

  private String tooLarge(int index) {
    long needed = (long) index - base + 1; // the --num-features that would allow the index
    String range = base == 0 ? String.format(" (zero-based: indices 0 to %d)", numFeatures - 1L) : "";
    return switch (limit) {
      case COUNTED -> base == 1 ? String.format("index %d is larger than the %d features counted", index, numFeatures)
          : String.format("index %d is beyond the %d features counted%s", index, numFeatures, range);
      case GIVEN -> base == 1
          ? String.format("index %d is larger than --num-features %d; raise --num-features or fix the line",
              index, numFeatures)
          : String.format("index %d is beyond --num-features %d%s; raise --num-features to %d or more, or fix the "
              + "line", index, numFeatures, range, needed);
      case MODEL -> String.format("feature index %d is beyond the model's %d features%s; score with a model trained "
          + "on these features (train with --num-features %d or more), or pass --unknown-features ignore to use the "
          + "rows without them%s", index, numFeatures, range, needed,
          base == 0 ? "; if this data's indices start at 1, pass --no-zero-based" : "");
    };
  }

  private int index(String line, int start, int colon) throws CsvRowParser.RowProblem {
    String raw = line.substring(start, colon);
    int index;
    try {
      index = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      if (raw.matches("\\d+")) {
        throw new CsvRowParser.RowProblem(start + 1, String.format(Locale.ROOT, "feature index %s is beyond %,d, the "
            + "largest index this reader takes; fix the line", raw, Integer.MAX_VALUE));
      }
      throw new CsvRowParser.RowProblem(start + 1, String.format(
          "expected a feature index (a whole number from %d), found \"%s\"%s", base, raw, raw.equalsIgnoreCase("qid")
              ? QID_HINT : ""));
    }
    if (index < base) {
      throw new CsvRowParser.RowProblem(start + 1, base == 0
          ? String.format("index %d is out of range; with --zero-based, indices start at 0", index)
          : index == 0 ? "index 0 is out of range; LIBSVM indices start at 1: if this file's indices start at 0, "
              + "pass --zero-based (scikit-learn's dump_svmlight_file writes zero-based indices unless "
              + "zero_based=False)"
          : String.format("index %d is out of range; LIBSVM indices start at 1", index));
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
      if (DecimalParser.spellsNotFinite(raw)) {
        throw notFinite(start, what, raw);
      }
      if (start == 0 && raw.startsWith("PAR1")) { // the magic number Parquet files start (and end) with
        throw new CsvRowParser.RowProblem(1, "this is a Parquet file (it starts with PAR1), not LIBSVM; pass --format "
            + "parquet, or check --data");
      }
      if (what.equals("label") && raw.indexOf(',') >= 0 && line.indexOf(':') < 0) {
        throw new CsvRowParser.RowProblem(start + 1, String.format("the line looks like CSV (%s: values separated by "
            + "commas), not LIBSVM (label index:value ...); pass --format csv (with --header false if the file has no "
            + "header line)", HiddenCharacter.printable(raw)));
      }
      String comma = DecimalComma.hint(raw);
      if (what.equals("label") && MULTI_LABEL.matcher(raw).matches()) {
        String classes = "a multi-label list of classes (scikit-learn's dump_svmlight_file(multilabel=True) writes "
            + "them so), which is not supported: one numeric label per line";
        throw new CsvRowParser.RowProblem(start + 1, comma != null && raw.indexOf(',') == raw.lastIndexOf(',')
            ? "label: expected a number, found " + comma + "; or, if these are classes, the label is " + classes
            : String.format("label: \"%s\" looks like %s%s", HiddenCharacter.printable(raw), classes, comma != null
                ? " (if the commas separate thousands, write " + raw.replace(",", "") + ")" : ""));
      }
      String hint = HiddenCharacter.misread(raw);
      throw new CsvRowParser.RowProblem(start + 1, hint != null ? what + ": expected a number, found " + hint
          : String.format("%s: expected a number, found \"%s\" (fix or delete the line)", what,
              HiddenCharacter.printable(raw)));
    }
    if (!Double.isFinite(v)) {
      throw notFinite(start, what, raw);
    }
    return v;
  }

  /** The problem of {@code raw}, NaN or infinite as written ({@code 1e400}, {@code NaN}, {@code inf}). */
  private static CsvRowParser.RowProblem notFinite(int start, String what, String raw) {
    return new CsvRowParser.RowProblem(start + 1, String.format("%s: %s is not a finite number (fix or delete the "
        + "line)", what, raw));
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
