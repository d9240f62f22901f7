package sparkdgd.output;

import java.util.Locale;

/**
 * A count and its noun as the job prints and draws them: "1 epoch", "2 epochs", "1,000 rows"; and a size in bytes:
 * "116 kB".
 */
public final class Counts {
  private Counts() {}

  /**
   * The mean {@code v} of {@code rows} values that are all the same, as that value: the shortest decimal within the
   * mean's rounding ({@code rows} units in its last place, which a plain sum may add), written as Java writes that
   * double. A thousand labels of 0.1 average 0.09999999999999859 and read 0.1; 1733000000123 (epoch milliseconds)
   * keeps every digit, where a fixed 12 would have named 1.73300000012E12, a value not in the data.
   */
  public static String commonValue(double v, long rows) {
    if (!Double.isFinite(v) || v == 0) {
      return Double.toString(v);
    }
    double tolerance = Math.max(rows, 4) * Math.ulp(v);
    for (int digits = 1; digits < 17; digits++) {
      double candidate = new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).doubleValue();
      if (Math.abs(candidate - v) <= tolerance) {
        return Double.toString(candidate);
      }
    }
    return Double.toString(v);
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
