package sparkdgd.config;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A number given on the command line, read as Java reads a double, except where that would silently change it: a
 * value beyond a double's range ({@code 1e400}) would become Infinity, and a non-zero value below its smallest
 * ({@code 1e-400}) would become 0, which means something else to several flags ({@code --tol 0}: never stop). Those
 * are refused naming the value as written. NaN and Infinity, when spelled so, are read as they are: each flag's own
 * check says what it accepts.
 */
public final class DecimalText {
  private DecimalText() {}

  /** @throws IllegalArgumentException a message naming {@code text} (without the flag), when it is not read as written */
  public static double parse(String text) {
    String t = text.trim();
    double v;
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(String.format("expected a number such as 0.01 or 1e-3, got '%s'", text));
    }
    if (Double.isInfinite(v) && !t.toLowerCase(Locale.ROOT).contains("infinity")) {
      throw new IllegalArgumentException(String.format(
          "'%s' is beyond the largest number a double holds (about 1.8e308)", text));
    }
    if (v == 0 && isNonZeroDecimal(t)) {
      throw new IllegalArgumentException(String.format(
          "'%s' is below the smallest number a double holds (about 4.9e-324) and would be read as 0", text));
    }
    return v;
  }

  /** Whether {@code t} is a decimal (not a hexadecimal float) whose value is not zero. */
  private static boolean isNonZeroDecimal(String t) {
    String digits = t.endsWith("d") || t.endsWith("D") || t.endsWith("f") || t.endsWith("F")
        ? t.substring(0, t.length() - 1) : t;
    try {
      return new BigDecimal(digits).signum() != 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
