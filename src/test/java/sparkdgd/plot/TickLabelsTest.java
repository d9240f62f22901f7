package sparkdgd.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Tick labels by hand: each rounded to the power of ten at or below the gap to the next tick down. */
class TickLabelsTest {

  @Test
  void linearTicksKeepTheDecimalsOfTheirUnit() {
    // unit 2e-7: rounded to 1e-7, zeros kept so the labels line up
    assertEquals("0.0105950", TickLabels.linear(0.010595, 2e-7));
    assertEquals("0.0105952", TickLabels.linear(0.0105952, 2e-7));
    // unit 1e-6 (as a double 9.99..e-7): 6 decimals, not 7
    assertEquals("0.010591", TickLabels.linear(0.010591, 1e-6));
    // the tick as JFreeChart computes it, 52975 x 2e-7, one ulp off 0.010595
    assertEquals("0.0105950", TickLabels.linear(52975 * 2e-7, 2e-7));
    assertEquals("1.5", TickLabels.linear(1.5, 0.5));
    assertEquals("12000", TickLabels.linear(12000, 2000));
    // E notation below 1e-3: 1.0500e-4 in steps of 5e-9, so down to the 1e-9 digit
    assertEquals("1.05000E-04", TickLabels.linear(1.05e-4, 5e-9));
    assertEquals("2.0004E+07", TickLabels.linear(20_004_000, 2000));
  }

  @Test
  void logTicksHaveThreeDigitsOrAsManyAsTheirGapNeeds() {
    double tenth = Math.pow(10, 0.1); // ticks 10^(k/10) apart
    // 10^0.1 = 1.2589..: the gap below is 0.26, so 3 significant digits
    assertEquals("1.26", TickLabels.log(Math.pow(10, 0.1), tenth));
    assertEquals("0.794", TickLabels.log(Math.pow(10, -0.1), tenth));
    assertEquals("1", TickLabels.log(1.0, tenth));
    assertEquals("2.51E-07", TickLabels.log(Math.pow(10, -6.6), tenth));
    assertEquals("1.00E-09", TickLabels.log(1e-9, tenth));
    // ticks 10^0.0002 apart (a factor 1.00046): the gap below 0.0105921 is 4.9e-6, so down to 1e-6
    double r = Math.pow(10, 0.0002);
    assertEquals("0.010592", TickLabels.log(0.0105921, r));
    assertEquals("0.010597", TickLabels.log(0.0105921 * r, r));
  }
}
