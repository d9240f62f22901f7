package sparkdgd.config;

import java.util.function.BooleanSupplier;

/**
 * How the input is read, beyond where and in which format: the format-specific settings, validated once.
 *
 * @param numFeatures LIBSVM: the number of features (the largest index allowed, or one more with
 *                    {@code zeroBased}); 0 infers it from the data
 * @param onBadRecord stop at the first bad record, or skip and count bad records
 * @param header      CSV: whether every file starts with a header line naming the columns
 * @param delimiter   CSV: the field separator, or {@link #BY_FILE_NAMES}
 * @param precision   how cached dense feature values are stored (sparse values stay double)
 * @param zeroBased   LIBSVM: the indices start at 0 (scikit-learn's default), not 1
 * @param maxBadRecords how many records {@code skip} may drop before the run fails instead (not in the fingerprint:
 *                    it changes whether a run goes on, not what it computes)
 */
public record ReadOptions(int numFeatures, BadRecordPolicy onBadRecord, boolean header, char delimiter,
    Precision precision, boolean zeroBased, BadRecordLimit maxBadRecords) {
  /**
   * The delimiter when {@code --delimiter} is not given: a tab for files named {@code .tsv}, a comma for others,
   * settled once the files are listed ({@link #settled}).
   */
  public static final char BY_FILE_NAMES = 0;

  /** The command line's defaults, on comma-separated files. */
  public static final ReadOptions DEFAULTS = new ReadOptions(0, BadRecordPolicy.FAIL, true, ',', Precision.FLOAT64,
      false);

  /** These options without a limit on the bad records skipped, as before {@code --max-bad-records} existed. */
  public ReadOptions(int numFeatures, BadRecordPolicy onBadRecord, boolean header, char delimiter,
      Precision precision, boolean zeroBased) {
    this(numFeatures, onBadRecord, header, delimiter, precision, zeroBased, BadRecordLimit.NONE);
  }

  /** These options without a precision, as before {@code --precision} existed: float64. */
  public ReadOptions(int numFeatures, BadRecordPolicy onBadRecord, boolean header, char delimiter) {
    this(numFeatures, onBadRecord, header, delimiter, Precision.FLOAT64, false);
  }

  /** These options with 1-based LIBSVM indices, as before {@code --zero-based} existed. */
  public ReadOptions(int numFeatures, BadRecordPolicy onBadRecord, boolean header, char delimiter,
      Precision precision) {
    this(numFeatures, onBadRecord, header, delimiter, precision, false);
  }

  /**
   * These options for a checkpoint's fingerprint, but for {@link #zeroBased}: as {@code toString()} wrote them before
   * {@code --zero-based} existed, so that checkpoints of those runs still resume.
   */
  public String fingerprintText() {
    return String.format("ReadOptions[numFeatures=%d, onBadRecord=%s, header=%s, delimiter=%s, precision=%s]",
        numFeatures, onBadRecord, header, delimiter, precision);
  }

  /** Parses a {@code --delimiter} value: one character, or {@code \t} / {@code tab}. */
  public static char parseDelimiter(String text) {
    if (text.equals("\\t") || text.equalsIgnoreCase("tab")) {
      return '\t';
    }
    Checks.arg(text.length() == 1, "--delimiter must be one character (or \\t or tab), got \"%s\"", text);
    return text.charAt(0);
  }

  public ReadOptions {
    Checks.arg(numFeatures >= 0, "--num-features must be >= 1 (or 0 to infer it), got %d", numFeatures);
    Checks.arg(onBadRecord != null, "--on-bad-record must be fail or skip");
    Checks.arg(precision != null, "--precision must be float64 or float32");
    Checks.arg(maxBadRecords != null, "--max-bad-records must be a count or a percentage");
    maxBadRecords.requireSkipping(onBadRecord);
    checkDelimiter(delimiter);
  }

  /**
   * These options with the delimiter settled: as given, or by {@code tabSeparated}, which says (asked only then)
   * whether the files' names say tab-separated values.
   */
  public ReadOptions settled(BooleanSupplier tabSeparated) {
    return delimiter != BY_FILE_NAMES ? this
        : new ReadOptions(numFeatures, onBadRecord, header, settled(delimiter, tabSeparated), precision, zeroBased,
            maxBadRecords);
  }

  /** {@code delimiter} as given, or for {@link #BY_FILE_NAMES} a tab if {@code tabSeparated} says so, else a comma. */
  public static char settled(char delimiter, BooleanSupplier tabSeparated) {
    return delimiter != BY_FILE_NAMES ? delimiter : tabSeparated.getAsBoolean() ? '\t' : ',';
  }

  /** Refuses a delimiter that a CSV line's numbers or quotes could hold. */
  public static void checkDelimiter(char delimiter) {
    if (delimiter == BY_FILE_NAMES) {
      return;
    }
    Checks.arg(delimiter != '"' && delimiter != '\n' && delimiter != '\r' && delimiter != '.'
            && delimiter != '-' && delimiter != '+' && !Character.isLetterOrDigit(delimiter),
        "--delimiter must not be a quote, a line break or a character of numbers, got '%s'", delimiter);
  }
}
