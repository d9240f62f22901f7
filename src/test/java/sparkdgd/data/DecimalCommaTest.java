package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers written with a decimal comma get a hint with the number as it must be written; other text gets none. */
class DecimalCommaTest {
  @Test
  void decimalCommasAreToldWithTheNumberToWrite() {
    assertEquals("\"2,5\", which has a decimal comma; only '.' is accepted as the decimal point: write 2.5 (export "
        + "the file with '.' decimals)", DecimalComma.hint("2,5"));
    assertEquals("\"-0,25\", which has a decimal comma; only '.' is accepted as the decimal point: write -0.25 "
        + "(export the file with '.' decimals)", DecimalComma.hint("-0,25"));
    // '.' between thousands, as German and French exports group them: 1.234,5 is 1234.5
    assertEquals("\"1.234,5\", which has a decimal comma; only '.' is accepted as the decimal point: write 1234.5 "
        + "(export the file with '.' decimals)", DecimalComma.hint("1.234,5"));
    assertEquals("\"3,5e-2\", which has a decimal comma; only '.' is accepted as the decimal point: write 3.5e-2 "
        + "(export the file with '.' decimals)", DecimalComma.hint("3,5e-2"));
  }

  @Test
  void aCommaThatMaySeparateThousandsGetsBothReadings() {
    assertEquals("\"1,234\", which has a comma; only '.' is accepted as the decimal point, and numbers take no "
        + "thousands separators: write 1.234 if the comma is a decimal comma, 1234 if it separates thousands",
        DecimalComma.hint("1,234"));
    assertEquals("\"12,345,678\", which has commas between thousands; numbers take no separators: write 12345678",
        DecimalComma.hint("12,345,678"));
    // commas between thousands before a decimal point, as in the US: no decimal-comma reading
    assertEquals("\"1,234.5\", which has a thousands separator; numbers take no separators: write 1234.5",
        DecimalComma.hint("1,234.5"));
    assertEquals("\"-12,345,678.25e3\", which has a thousands separator; numbers take no separators: write "
        + "-12345678.25e3", DecimalComma.hint("-12,345,678.25e3"));
  }

  @Test
  void otherTextIsNoDecimalComma() {
    for (String s : List.of("abc", "1,2,3", "2,", ",", "1.5", "n/a", "1,5x", "2;5")) {
      assertNull(DecimalComma.hint(s), s);
    }
    // and what the hint says to write is a number, as written
    for (String s : List.of("2,5", "-0,25", "1.234,5", "3,5e-2", "1,234")) {
      String hint = DecimalComma.hint(s);
      String written = hint.substring(hint.indexOf("write ") + 6).split(" ")[0];
      assertEquals(Double.parseDouble(written), DecimalParser.parse(written), 0.0);
    }
    assertThrows(NumberFormatException.class, () -> DecimalParser.parse("2,5"), "a decimal comma is no number");
  }
}
