package sparkdgd.output;

import java.util.Locale;

/**
 * A count and its noun as the job prints and draws them: "1 epoch", "2 epochs", "1,000 rows"; and a size in bytes:
 * "116 kB".
 */
public final class Counts {
  private Counts() {}

  /**
   * A value computed from many equal ones (a mean of labels that are all the same) as the value they were: rounded to
   * 12 significant digits, then written as Java writes that double, so that a thousand labels of 0.1, whose mean is
   * 0.09999999999999859, read 0.1 (and 5 reads 5.0).
   */
  public static String commonValue(double v) {
    if (!Double.isFinite(v) || v == 0) {
      return Double.toString(v);
    }
    return Double.toString(new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue());
  }

  /** {@code n} (grouped by thousands) and {@code noun}, with an "s" unless {@code n} is 1. */
  public static String of(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }

  /** {@code bytes} to three significant digits: "116 kB", "4.19 MB", "1.20 GB". */
  public static String bytes(long bytes) {
    // below 999.5 units, %.3g rounds under 1000 (999,600,000 bytes had read "1.00e+03 MB")
    return bytes < 999_500 ? String.format(Locale.ROOT, "%.3g kB", bytes / 1e3)
        : bytes < 999_500_000 ? String.format(Locale.ROOT, "%.3g MB", bytes / 1e6)
        : String.format(Locale.ROOT, "%.3g GB", bytes / 1e9);
  }
}
