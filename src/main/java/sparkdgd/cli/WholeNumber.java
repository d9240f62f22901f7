package sparkdgd.cli;

import java.math.BigDecimal;
import picocli.CommandLine;

/**
 * A count such as {@code --rows}, written as a whole number or in scientific notation ({@code 1000000}, {@code 1e6},
 * {@code 2.5e3}), as {@code benchmark --sizes 1e7x10} takes rows. A value with a fraction ({@code 1.5e0}) or beyond
 * a {@code long} ({@link Int}: an {@code int}) is refused; the range of the count itself is the command's to check.
 */
public final class WholeNumber implements CommandLine.ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    return parse(value);
  }

  /** The same notation for a count held in an {@code int} ({@code train --epochs 1e3}, {@code --block-rows 4e3}). */
  public static final class Int implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return parseInt(value);
    }
  }

  /** @throws CommandLine.TypeConversionException naming the value, which picocli prefixes with the option */
  static int parseInt(String value) {
    try {
      return whole(value).intValueExact();
    } catch (ArithmeticException e) { // the fraction was ruled out: too large for an int
      throw tooLarge(value, Integer.MAX_VALUE);
    }
  }

  /** @throws CommandLine.TypeConversionException naming the value, which picocli prefixes with the option */
  static long parse(String value) {
    try {
      return whole(value).longValueExact();
    } catch (ArithmeticException e) { // the fraction was ruled out: too large for a long
      throw tooLarge(value, Long.MAX_VALUE);
    }
  }

  /** The value as a number without a fraction, of any size. */
  private static BigDecimal whole(String value) {
    BigDecimal v;
    try {
      v = new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw refused(value);
    }
    if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
      throw refused(value);
    }
    return v;
  }

  private static CommandLine.TypeConversionException tooLarge(String value, long max) {
    return new CommandLine.TypeConversionException(String.format(java.util.Locale.ROOT,
        "expected a whole number up to %d, got '%s'", max, value));
  }

  private static CommandLine.TypeConversionException refused(String value) {
    return new CommandLine.TypeConversionException(String.format(
        "expected a whole number such as 1000000 or 1e6, got '%s'", value));
  }
}
