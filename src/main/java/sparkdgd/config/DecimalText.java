package sparkdgd.config;

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

  /**
   * Text that Java does not read as a number at all, which a flag may word its own way
   * ({@link #parse(String, String, String)}).
   */
  static final class NotANumber extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    NotANumber(String message) {
      super(message);
    }
  }

  /**
   * {@link #parse(String)} for a flag that parses its own value ({@code --learning-rate}, each of {@code --classes}'):
   * text that is no number is told {@code notANumber}, a number a double cannot hold the reason after the flag.
   */
  public static double parse(String flag, String text, String notANumber) {
    try {
      return parse(text);
    } catch (NotANumber e) {
      throw new IllegalArgumentException(notANumber, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
    }
  }

  /**
   * @throws NotANumber when {@code text} is no number
   * @throws IllegalArgumentException a message naming {@code text} (without the flag), when it is not read as written
   */
  public static double parse(String text) {
    String t = text.trim();
    double v;
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new NotANumber(String.format("expected a number such as 0.01 or 1e-3, got '%s'", text));
    }
    if (Double.isInfinite(v) && !t.toLowerCase(Locale.ROOT).contains("infinity")) {
      throw new IllegalArgumentException(String.format(
          "'%s' is beyond the range of a double (sizes up to about 1.8e308)", text));
    }
    if (v == 0 && hasNonZeroDigit(t)) {
      throw new IllegalArgumentException(String.format(
          "'%s' is below the smallest number a double holds (about 4.9e-324) and would be read as 0", text));
    }
    return v;
  }

  /**
   * Whether the digits of {@code t}, a number Java reads, before its exponent are not all zeros: its value is then
   * not zero, however small ({@code 1e-400}, {@code 0x1p-1100}, {@code 1e-3000000000}).
   */
  private static boolean hasNonZeroDigit(String t) {
    String lower = t.toLowerCase(Locale.ROOT);
    boolean hex = lower.startsWith("0x") || lower.startsWith("+0x") || lower.startsWith("-0x");
    int start = hex ? lower.indexOf('x') + 1 : 0;
    for (int i = start; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (hex ? c == 'p' : c == 'e' || c == 'd' || c == 'f') {
        return false; // the exponent, or a suffix: the digits before it were zeros
      }
      if (c >= '1' && c <= '9' || hex && c >= 'a' && c <= 'f') {
        return true;
      }
    }
    return false;
  }
}
