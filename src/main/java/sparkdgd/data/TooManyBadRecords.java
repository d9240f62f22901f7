package sparkdgd.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import sparkdgd.config.BadRecordLimit;

/**
 * The error of a run that skipped more bad records than {@code --max-bad-records} allows: checked once the rows are
 * read, before any output is written (train: before the first epoch).
 */
public final class TooManyBadRecords {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

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
        skipped.skipped(), read, share(skipped.skipped(), read, limit.percent()), limit.text(),
        skipped.examples().isEmpty() ? "" : "; the first: " + skipped.examples().get(0)));
  }

  /**
   * 100 * part / whole, rounded down (never 100 unless all were bad): to a tenth from 1, to 2 significant digits
   * below ("0.050"), and with more digits where fewer would not show it above {@code limit} (4.458 against a limit
   * of 4.45: "4.458", not "4.4").
   */
  static String share(long part, long whole, BigDecimal limit) {
    BigDecimal exact = BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole),
        MathContext.DECIMAL128);
    int scale = exact.compareTo(BigDecimal.ONE) >= 0 ? 1 : Math.max(1, exact.scale() - exact.precision() + 2);
    BigDecimal shown = exact.setScale(scale, RoundingMode.DOWN);
    while (limit != null && shown.compareTo(limit) <= 0 && shown.compareTo(exact) != 0) {
      shown = exact.setScale(++scale, RoundingMode.DOWN);
    }
    return shown.toPlainString();
  }
}
