package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The numbers in a divergence message: six significant digits, no trailing zeros, not a raw double. */
class ReadableNumbersTest {

  @Test
  void sixSignificantDigitsWithoutTrailingZeros() {
    assertEquals("1.23457e+308", Trainer.readable(1.2345678901234567E308)); // printed in full before
    assertEquals("1e+308", Trainer.readable(1e308));
    assertEquals("17161", Trainer.readable(17160.97947768593)); // docs/CONVERGENCE.md's 2.1 x auto row
    assertEquals("1.37521", Trainer.readable(1.375214022555901));
    assertEquals("0.22", Trainer.readable(0.22));
    assertEquals("5", Trainer.readable(5));
    assertEquals("0.102777", Trainer.readable(0.10277716));
    assertEquals("1.5e-05", Trainer.readable(1.5e-5));
    assertEquals("-2.5", Trainer.readable(-2.5));
    assertEquals("NaN", Trainer.readable(Double.NaN));
    assertEquals("Infinity", Trainer.readable(Double.POSITIVE_INFINITY));
  }
}
