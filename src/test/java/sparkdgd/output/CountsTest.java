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
}
