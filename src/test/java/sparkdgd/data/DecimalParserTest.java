package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link DecimalParser} against the JDK's {@link Double#parseDouble}, bit for bit. */
class DecimalParserTest {
  private static void same(String s) {
    long expected = Double.doubleToRawLongBits(Double.parseDouble(s));
    long actual = Double.doubleToRawLongBits(DecimalParser.parse(s));
    assertEquals(expected, actual, () -> s + ": JDK " + Double.parseDouble(s) + ", ours " + DecimalParser.parse(s));
  }

  @Test
  void shortestRepresentationsOfRandomDoublesReadBack() {
    Random rnd = new Random(1);
    for (int k = 0; k < 300_000; k++) {
      double v = switch (k % 3) {
        case 0 -> rnd.nextGaussian();
        case 1 -> Double.longBitsToDouble(rnd.nextLong()); // any exponent, NaN and infinities included
        default -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
      };
      same(Double.toString(v));
      same(String.format(Locale.ROOT, "%.6f", v));
      same(String.format(Locale.ROOT, "%.12e", v));
    }
  }

  @Test
  void randomDecimalsOfUpToTwentyDigitsAtEveryExponent() {
    Random rnd = new Random(2);
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < 500_000; k++) {
      sb.setLength(0);
      if (rnd.nextBoolean()) {
        sb.append('-');
      }
      int digits = 1 + rnd.nextInt(20);
      int point = rnd.nextInt(digits + 1);
      for (int i = 0; i < digits; i++) {
        if (i == point) {
          sb.append('.');
        }
        sb.append((char) ('0' + rnd.nextInt(10)));
      }
      if (rnd.nextInt(4) > 0) {
        sb.append(rnd.nextBoolean() ? 'e' : 'E').append(rnd.nextInt(700) - 350);
      }
      same(sb.toString());
    }
  }

  @Test
  void halfwayCasesAndTheEdgesOfTheRange() {
    // a double's exact value and the exact midpoints to its neighbours, written out in full (up to 17 digits
    // round, more go to the JDK), and values at the ends of the range
    Random rnd = new Random(3);
    for (int k = 0; k < 20_000; k++) {
      double v = Double.longBitsToDouble(rnd.nextLong() & 0x7FFFFFFFFFFFFFFFL);
      if (!Double.isFinite(v) || v == 0) {
        continue;
      }
      BigDecimal exact = new BigDecimal(v);
      BigDecimal up = new BigDecimal(Math.nextUp(v));
      BigDecimal mid = exact.add(up).divide(BigDecimal.valueOf(2));
      same(mid.toString());
      same(mid.round(new java.math.MathContext(19)).toString());
      same(exact.round(new java.math.MathContext(17)).toString());
    }
    for (String s : List.of("9007199254740993", "9007199254740992", "9007199254740995", "18446744073709551615",
        "9999999999999999999", "10000000000000000000", "1e22", "1e23", "8.98846567431158e307",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.8e308", "2.2250738585072014e-308",
        "2.2250738585072011e-308", "4.9e-324", "2.5e-324", "1e-400", "1e400", "0", "-0", "0.0", "-0.0e5",
        "0.000000000000000000000000000001", "123456789012345678e-30", "7.2057594037927933e16", "+1.5", ".5",
        "5.", "-.5e-3", "00001.25000", "3.0e+10")) {
      same(s);
    }
  }

  @Test
  void whatIsNotAPlainDecimalIsTheJdksToo() {
    for (String s : List.of("NaN", "-Infinity", "Infinity", "+NaN", "1e100000", "1e-100000",
        "123456789012345678901234567890", "1234567890123456789012e-30", " 1.5", "2\t")) {
      same(s);
    }
    for (String bad : List.of("", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "--1", "1 2", "abc", "1e5x")) {
      NumberFormatException expected = assertThrows(NumberFormatException.class, () -> Double.parseDouble(bad));
      NumberFormatException ours = assertThrows(NumberFormatException.class, () -> DecimalParser.parse(bad));
      assertEquals(expected.getMessage(), ours.getMessage(), bad);
    }
  }

  /** Other spellings of NaN and the infinities are refused, as the JDK refuses them, and told apart for messages. */
  @Test
  void otherSpellingsOfNanAndInfinityAreRefusedButKnown() {
    for (String s : List.of("nan", "-nan", "inf", "-inf", "+inf", "Inf", "infinity", "INFINITY", "NAN")) {
      assertThrows(NumberFormatException.class, () -> DecimalParser.parse(s), s);
      assertTrue(DecimalParser.spellsNotFinite(s), s);
    }
    for (String s : List.of("in", "nana", "info", "1inf", "-", "n/a", "NA", "")) {
      assertFalse(DecimalParser.spellsNotFinite(s), s);
    }
  }

  /**
   * Java literals that {@code Double.parseDouble} reads but no CSV writer writes: a float or double suffix, hex.
   * Read as numbers, a typo such as 2f became 2.0 while abc was refused; they are refused as abc is.
   */
  @Test
  void javaLiteralsThatAreNotDecimalsAreRefused() {
    for (String java : List.of("1.5d", "1.5D", "2f", "2F", "-3.25e2d", "1e5f", "0x1p3", "0X1P-2", "0x1.8p1",
        "12345678901234567890123f", "1e100000d")) {
      Double.parseDouble(java); // the JDK reads each one
      NumberFormatException e = assertThrows(NumberFormatException.class, () -> DecimalParser.parse(java), java);
      assertEquals("For input string: \"" + java + "\"", e.getMessage());
    }
  }

  @Test
  void theFastMethodsDecideNearlyEveryEverydayNumber() {
    // not a matter of correctness (the JDK answers the rest), but of speed: count what Eisel-Lemire leaves over
    Random rnd = new Random(4);
    int undecided = 0;
    for (int k = 0; k < 100_000; k++) {
      long w = 1 + (rnd.nextLong() >>> 1) % 99_999_999_999_999_999L;
      if (DecimalParser.eiselLemire(w, rnd.nextInt(60) - 30) < 0) {
        undecided++;
      }
    }
    assertTrue(undecided < 100, undecided + " of 100,000 left to the JDK");
  }
}
