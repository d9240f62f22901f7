package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Counts such as {@code generate --rows}: plain or scientific notation, whole numbers only. */
class WholeNumberTest {
  @Test
  void plainAndScientificNotationGiveTheSameCount() {
    assertEquals(1_000_000L, WholeNumber.parse("1e6"));
    assertEquals(1_000_000L, WholeNumber.parse("1E6"));
    assertEquals(1_000_000L, WholeNumber.parse("1000000"));
    assertEquals(2_500L, WholeNumber.parse("2.5e3"));
    assertEquals(7L, WholeNumber.parse("7.000"), "a fraction of zeros is whole");
    assertEquals(10_000_000_000L, WholeNumber.parse("1e10"), "beyond an int");
    assertEquals(Long.MAX_VALUE, WholeNumber.parse("9223372036854775807"), "every long, exactly (not via a double)");
    assertEquals(-3L, WholeNumber.parse("-3"), "the sign is the command's to check (--rows must be >= 1)");
    assertEquals(0L, WholeNumber.parse("0e5"));
  }

  @Test
  void fractionsWordsAndOverflowAreRefusedNamingTheValue() {
    for (String v : new String[] {"1.5e0", "0.5", "1e-3", "abc", "1e6x", "", "1,000"}) {
      TypeConversionException e = assertThrows(TypeConversionException.class, () -> WholeNumber.parse(v), v);
      assertEquals("expected a whole number such as 1000000 or 1e6, got '" + v + "'", e.getMessage());
    }
    TypeConversionException e = assertThrows(TypeConversionException.class, () -> WholeNumber.parse("1e19"));
    assertEquals("expected a whole number up to 9223372036854775807, got '1e19'", e.getMessage());
    assertThrows(TypeConversionException.class, () -> WholeNumber.parse("9223372036854775808"), "Long.MAX_VALUE + 1");
  }

  @Test
  void benchmarkLoadingTakesItsRowsTheSameWay() {
    CliRun run = CliRun.of("benchmark-loading", "--rows", "1.5e0");
    assertEquals(2, run.code(), run.err());
    assertEquals("error: Invalid value for option '--rows': expected a whole number such as 1000000 or 1e6, got "
        + "'1.5e0' (see benchmark-loading --help)", run.err().strip());
  }
}
