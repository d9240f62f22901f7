package sparkdgd.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import sparkdgd.config.BadRecordLimit;

/**
 * The error of a run that skipped more bad records than {@code --max-bad-records} allows: checked once the rows are
 * read, before any output is written (train: before the first epoch).
 */
public final class TooManyBadRecords {
  private TooManyBadRecords() {}

  /**
   * Throws unless {@code limit} allows the records {@code skipped} left out beside the {@code kept} ones.
   *
   * @param data the {@code --data} value
   */
  public static void check(BadRecordLimit limit, BadRecords.Report skipped, long kept, String data) {
    long read = kept + skipped.skipped();
    if (limit.allows(skipped.skipped(), read)) {
      return;
    }
    throw InputError.of(data, String.format(Locale.ROOT, "%,d of the %,d records read were bad and skipped "
            + "(%s%%), more than --max-bad-records %s allows (fix the input, or raise the limit)%s",
        skipped.skipped(), read, share(skipped.skipped(), read),
        limit.text(), skipped.examples().isEmpty() ? "" : "; the first: " + skipped.examples().get(0)));
  }

  /** 100 * part / whole: to a tenth, never rounded up to 100, from 1; to 2 significant digits below ("0.050"). */
  private static String share(long part, long whole) {
    double p = 100.0 * part / whole;
    return p >= 1 ? String.format(Locale.ROOT, "%.1f", Math.floor(p * 10) / 10)
        : new BigDecimal(p).round(new MathContext(2)).toPlainString();
  }
}
