package sparkdgd.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import sparkdgd.config.BadRecordPolicy;
import sparkdgd.config.UsageError;

/**
 * How train, predict and evaluate tell of the records {@code --on-bad-record skip} left out: a count and a few of them
 * with their places ({@link sparkdgd.data.BadRecords#snapshot}), and a few words for the final line, which a
 * {@code --quiet} run prints too.
 */
final class SkippedRecords {
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

  /** "3 bad records skipped", for a final line. */
  static String count(long count) {
    return String.format(Locale.ROOT, "%,d bad record%s skipped", count, count == 1 ? "" : "s");
  }
}
