package sparkdgd.config;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How many bad records {@code --on-bad-record skip} may drop before the run fails instead ({@code --max-bad-records}):
 * a count ({@code 100}) or a share of the records read ({@code 0.5%}), for a nightly input that may hold a few bad
 * lines but not a broken export. {@link #NONE} drops any number.
 *
 * @param count   the most records that may be dropped, or -1
 * @param percent the most, in percent of the records read (kept and dropped), exactly as given, or null
 * @param text    the value as given, for messages
 */
public record BadRecordLimit(long count, BigDecimal percent, String text) {
  /** No limit: {@code skip} drops any number of records (the default). */
  public static final BadRecordLimit NONE = new BadRecordLimit(-1, null, "none");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public BadRecordLimit {
    Checks.arg(count < 0 || percent == null, "--max-bad-records is a count or a percentage, not both");
    Checks.arg(percent == null || percent.signum() >= 0 && percent.compareTo(HUNDRED) < 0,
        "--max-bad-records must be a percentage from 0%% up to below 100%%, got \"%s\"", text);
  }

  /** Parses a {@code --max-bad-records} value: a whole number of records, or a percentage such as {@code 0.5%}. */
  public static BadRecordLimit parse(String value) {
    String v = value.trim();
    try {
      if (v.endsWith("%")) {
        return new BadRecordLimit(-1, new BigDecimal(v.substring(0, v.length() - 1).trim()), v);
      }
      long n = Long.parseLong(v);
      Checks.arg(n >= 0, "--max-bad-records must be 0 or more records, got \"%s\"", value);
      return new BadRecordLimit(n, null, v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "--max-bad-records must be a whole number of "
          + "records (100) or a percentage of the records read (0.5%%), got \"%s\"", value));
    }
  }

  /**
   * Whether {@code skipped} bad records among {@code read} records in all (kept and skipped) are within the limit;
   * a share is compared exactly (57 of 10,000 is within 0.57%, which no double holds).
   */
  public boolean allows(long skipped, long read) {
    if (count >= 0) {
      return skipped <= count;
    }
    return percent == null || BigDecimal.valueOf(skipped).multiply(HUNDRED)
        .compareTo(percent.multiply(BigDecimal.valueOf(read))) <= 0;
  }

  /** This limit, unless it limits records that {@code policy} does not skip (a usage error). */
  public BadRecordLimit requireSkipping(BadRecordPolicy policy) {
    Checks.arg(!limits() || policy == BadRecordPolicy.SKIP, "--max-bad-records %s limits the records "
        + "--on-bad-record skip drops, and this run stops at the first (--on-bad-record fail); add "
        + "--on-bad-record skip", text);
    return this;
  }

  /** Whether this is a limit at all. */
  public boolean limits() {
    return count >= 0 || percent != null;
  }
}
