package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Counts: the noun in the singular for exactly 1, in the plural for 0 and 2 or more, thousands grouped. */
class CountsTest {

  @Test
  void oneIsSingularEverythingElsePlural() {
    assertEquals("1 epoch", Counts.of(1, "epoch"));
    assertEquals("2 epochs", Counts.of(2, "epoch"));
    assertEquals("0 epochs", Counts.of(0, "epoch"));
    assertEquals("1,234,567 rows", Counts.of(1_234_567, "row"));
    assertEquals("1 warm-up", Counts.of(1, "warm-up"));
  }

  @Test
  void bytesStayBelowAThousandOfTheirUnit() {
    assertEquals("16.0 kB", Counts.bytes(16_000));
    assertEquals("1.00 MB", Counts.bytes(999_600)); // not "1.00e+03 kB"
    assertEquals("1.00 GB", Counts.bytes(999_600_000)); // not "1.00e+03 MB" (a review's)
    assertEquals("528 MB", Counts.bytes(528_000_000));
  }

  /** A mean of equal values reads as the value: a thousand labels of 0.1, added plainly, are not 0.1 on average. */
  @Test
  void aCommonValueReadsAsTheValuesItCameFrom() {
    double sum = 0;
    for (int i = 0; i < 1000; i++) {
      sum += 0.1;
    }
    double mean = sum / 1000;
    assertEquals(false, mean == 0.1, "the plain mean is off: " + mean);
    assertEquals("0.1", Counts.commonValue(mean, 1000));
    assertEquals("5.0", Counts.commonValue(5.0, 2));
    assertEquals("-2.5E-7", Counts.commonValue(-2.5e-7, 2));
    assertEquals("0.0", Counts.commonValue(0, 2));
    assertEquals("NaN", Counts.commonValue(Double.NaN, 2));
    // every digit of a value that has them (a fixed 12 had named 1.73300000012E12)
    assertEquals("1.733000000123E12", Counts.commonValue(1733000000123.0, 1000));
    assertEquals("0.123456789012345", Counts.commonValue(0.123456789012345, 2));
  }
}
