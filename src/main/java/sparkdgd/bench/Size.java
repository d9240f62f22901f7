package sparkdgd.bench;

import java.util.Locale;
import sparkdgd.config.Checks;

/**
 * One benchmarked data size: {@code rows x features}. Parsed from {@code 1e7x10} or {@code 1000000x100}
 * (rows may use an exponent; both must be whole numbers).
 */
public record Size(long rows, int features) {
  public Size {
    Checks.arg(rows >= 1, "--sizes: rows must be >= 1, got %d", rows);
    Checks.arg(features >= 1, "--sizes: features must be >= 1, got %d", features);
  }

  /** Parses {@code ROWSxFEATURES}, e.g. {@code 1e7x10}. */
  public static Size parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    int x = t.lastIndexOf('x');
    Checks.arg(x > 0 && x < t.length() - 1,
        "--sizes: expected ROWSxFEATURES such as 1e7x10, got \"%s\"", text);
    return new Size(whole(t.substring(0, x), text), (int) whole(t.substring(x + 1), text));
  }

  private static long whole(String part, String text) {
    double v;
    try {
      v = Double.parseDouble(part);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(String.format(
          "--sizes: expected ROWSxFEATURES such as 1e7x10, got \"%s\" (\"%s\" is not a number)", text, part));
    }
    Checks.arg(v >= 1 && v <= 9e15 && v == Math.rint(v),
        "--sizes: rows and features must be whole numbers >= 1, got \"%s\"", text);
    return (long) v;
  }

  /** Short label like {@code 1e7 x 10} when the row count is a power of ten, else {@code 1,234 x 10}. */
  public String label() {
    long r = rows;
    int exp = 0;
    while (r % 10 == 0 && r > 1) {
      r /= 10;
      exp++;
    }
    String rowText = exp >= 3 ? (r == 1 ? "1e" + exp : r + "e" + exp) : String.format(Locale.ROOT, "%,d", rows);
    return rowText + " x " + features;
  }
}
