package sparkdgd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecimalTextTest {

  @Test
  void readsWhatADoubleHoldsAsJavaDoes() {
    for (String t : new String[] {"0", "-0.0", "0e-999", "0.01", " 1e-3 ", "1.7976931348623157e308", "4.9e-324",
        "-2.5", "0x1p-3", "NaN", "Infinity", "-Infinity", "2d", "0.0f", "0.000e-500", "0x0p-2000", "+0.5"}) {
      assertEquals(Double.parseDouble(t.trim()), DecimalText.parse(t), 0.0, t);
    }
    assertTrue(Double.isNaN(DecimalText.parse("NaN")));
  }

  @Test
  void refusesWhatWouldBeReadAsInfinityOrZero() {
    for (String t : new String[] {"1e400", "-1e309", "1.8e308"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecimalText.parse(t), t);
      assertEquals("'" + t + "' is beyond the range of a double (sizes up to about 1.8e308)", e.getMessage());
    }
    for (String t : new String[] {"1e-400", "-2e-330", "1e-400d", "0x1p-1100", "-0x0.8p-1074", "1e-3000000000",
        "00.0001e-400"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DecimalText.parse(t), t);
      assertEquals("'" + t + "' is below the smallest number a double holds (about 4.9e-324) and would be read as 0",
          e.getMessage());
    }
    assertEquals("expected a number such as 0.01 or 1e-3, got 'ten'",
        assertThrows(IllegalArgumentException.class, () -> DecimalText.parse("ten")).getMessage());
  }
}
