package sparkdgd.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import sparkdgd.config.BadRecordLimit;
import sparkdgd.config.BadRecordPolicy;
import sparkdgd.config.UsageError;

/**
 * How train, predict and evaluate tell of the records {@code --on-bad-record skip} left out: a count and a few of them
 * with their places ({@link sparkdgd.data.BadRecords#snapshot}), and a few words for the final line, which a
 * {@code --quiet} run prints too.
 */
final class SkippedRecords {
  /** What --on-bad-record does to a line that cannot be split into the columns, in predict's and evaluate's help. */
  static final String UNSPLIT = "a cell that is empty, null, not a number, NaN or infinite; a line that cannot be "
      + "split into the columns: a CSV line of another number of fields, an unclosed quote, a malformed LIBSVM line). "
      + "fail: stop, naming its file, line (Parquet: its row in the file) and column. skip: ";

  /**
   * The start of --max-bad-records' help in train, predict and evaluate, which each end it with what is not written
   * and what a broken export would otherwise give.
   */
  static final String MAX_BAD_RECORDS = "With --on-bad-record skip: the most bad records that may be skipped, as a "
      + "count (100) or a share of the records read (0.5%%); more fail the run (exit 2, naming the count and the "
      + "first) ";

  private SkippedRecords() {}

  /** A {@code --on-bad-record} value; a bad one is a usage error (exit 2). */
  static BadRecordPolicy policy(String value) {
    try {
      return BadRecordPolicy.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /**
   * A {@code --max-bad-records} value ({@link BadRecordLimit#NONE} when not given) for {@code policy}; a bad one, or
   * one beside {@code --on-bad-record fail}, is a usage error (exit 2).
   */
  static BadRecordLimit limit(String value, BadRecordPolicy policy) {
    if (value == null) {
      return BadRecordLimit.NONE;
    }
    try {
      return BadRecordLimit.parse(value).requireSkipping(policy);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
  }

  /**
   * The count and up to {@link sparkdgd.data.BadRecords#EXAMPLES} of the records, sorted by file and position: each
   * task keeps the first few it meets, so with several partitions (or rows spread by a shuffle) they need not be the
   * input's first.
   */
  static void print(PrintStream out, long count, List<String> examples) {
    out.printf(Locale.ROOT, "Skipped %,d bad record%s (--on-bad-record skip)%s%n", count, count == 1 ? "" : "s",
        examples.size() < count ? "; " + examples.size() + " of them:" : ":");
    for (String e : examples) {
      out.println("  " + e);
    }
  }

  /** {@link #print} when any were skipped; nothing otherwise. */
  static void printAny(PrintStream out, long count, List<String> examples) {
    if (count > 0) {
      print(out, count, examples);
    }
  }

  /**
   * The warning of {@code count} records skipped, which a pipeline sees on stderr (the listing goes to stdout, which
   * --quiet leaves out): "990 bad records skipped (--on-bad-record skip): rows not trained on; the first: ...";
   * empty when none were.
   *
   * @param what what the other rows were ("trained on", "scored")
   */
  static java.util.Optional<String> warning(long count, List<String> examples, String what) {
    return count == 0 ? java.util.Optional.empty() : java.util.Optional.of(count(count) + " (--on-bad-record skip): "
        + "rows not " + what + (examples.isEmpty() ? "" : "; the first: " + examples.get(0)));
  }

  /** " (3 bad records skipped)" for a final line, "" when none were. */
  static String suffix(long count) {
    return count == 0 ? "" : " (" + count(count) + ")";
  }

  /** "3 bad records skipped", for a final line. */
  static String count(long count) {
    return String.format(Locale.ROOT, "%,d bad record%s skipped", count, count == 1 ? "" : "s");
  }
}
