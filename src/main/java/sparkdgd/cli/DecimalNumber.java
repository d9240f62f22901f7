package sparkdgd.cli;

import picocli.CommandLine;
import sparkdgd.config.DecimalText;

/**
 * Every {@code double} flag's reading ({@link DecimalText}): a value beyond a double's range, or a non-zero one
 * below it, is refused as written instead of read as Infinity or 0.
 */
final class DecimalNumber implements CommandLine.ITypeConverter<Double> {
  @Override
  public Double convert(String value) {
    try {
      return DecimalText.parse(value);
    } catch (IllegalArgumentException e) { // picocli prefixes the message with the option
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
