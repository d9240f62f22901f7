package sparkdgd.data;

import java.util.regex.Pattern;

/**
 * Tells a number written with a decimal comma ({@code 2,5}, {@code -0,25}, {@code 1.234,5}), as spreadsheets in
 * much of Europe export it, from other text that is not a number, so that the error says what to change: only
 * {@code .} is a decimal point here, as in Spark's and Java's number parsing. {@code 1,234} may also be a thousands
 * separator; the hint then gives both readings. {@code 1,234.5} has commas between thousands and a decimal point.
 */
public final class DecimalComma {
  /** Digits, a comma, digits: optional sign, '.'-grouped thousands before the comma, an exponent after. */
  private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?(\\d{1,3}(\\.\\d{3})+|\\d*),\\d+([eE][+-]?\\d+)?");
  /** What may also be thousands grouped by commas: 1,234 or 12,345,678. */
  private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+");
  /** Commas between thousands and a decimal point, as in the US and UK: 1,234.5. */
  private static final Pattern THOUSANDS_POINT =
      Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+\\.\\d*([eE][+-]?\\d+)?");

  private DecimalComma() {}

  /**
   * What to write instead of {@code raw} when it is a number with a decimal comma (or commas between thousands), for
   * the end of a message; null when it is not such a number.
   */
  public static String hint(String raw) {
    if (THOUSANDS.matcher(raw).matches() && raw.indexOf(',') != raw.lastIndexOf(',')) {
      return String.format("\"%s\", which has commas between thousands; numbers take no separators: write %s", raw,
          raw.replace(",", ""));
    }
    if (THOUSANDS_POINT.matcher(raw).matches()) {
      return String.format("\"%s\", which has a thousands separator; numbers take no separators: write %s", raw,
          raw.replace(",", ""));
    }
    if (THOUSANDS.matcher(raw).matches()) {
      return String.format("\"%s\", which has a comma; only '.' is accepted as the decimal point, and numbers take no "
          + "thousands separators: write %s if the comma is a decimal comma, %s if it separates thousands", raw,
          raw.replace(',', '.'), raw.replace(",", ""));
    }
    if (DECIMAL_COMMA.matcher(raw).matches()) {
      return String.format("\"%s\", which has a decimal comma; only '.' is accepted as the decimal point: write %s "
          + "(export the file with '.' decimals)", raw, raw.replace(".", "").replace(',', '.'));
    }
    return null;
  }
}
