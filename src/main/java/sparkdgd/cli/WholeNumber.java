package sparkdgd.cli;

import java.math.BigDecimal;
import picocli.CommandLine;

/**
 * A count such as {@code --rows}, written as a whole number or in scientific notation ({@code 1000000}, {@code 1e6},
 * {@code 2.5e3}), as {@code benchmark --sizes 1e7x10} takes rows. A value with a fraction ({@code 1.5e0}) or beyond
 * a {@code long} is refused; the range of the count itself is the command's to check.
 */
public final class WholeNumber implements CommandLine.ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    return parse(value);
  }

  /** @throws CommandLine.TypeConversionException naming the value, which picocli prefixes with the option */
  static long parse(String value) {
    BigDecimal v;
    try {
      v = new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw refused(value);
    }
    if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
      throw refused(value);
    }
    try {
      return v.longValueExact();
    } catch (ArithmeticException e) { // the fraction was ruled out: too large for a long
      throw new CommandLine.TypeConversionException(String.format(
          "expected a whole number up to %d, got '%s'", Long.MAX_VALUE, value));
    }
  }

  private static CommandLine.TypeConversionException refused(String value) {
    return new CommandLine.TypeConversionException(String.format(
        "expected a whole number such as 1000000 or 1e6, got '%s'", value));
  }
}
