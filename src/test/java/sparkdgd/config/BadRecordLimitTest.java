package sparkdgd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code --max-bad-records}: a count or a share of the records read, and only beside {@code --on-bad-record skip}. */
class BadRecordLimitTest {

  @Test
  void aCountAllowsUpToItself() {
    BadRecordLimit limit = BadRecordLimit.parse(" 3 ");
    assertTrue(limit.allows(0, 10));
    assertTrue(limit.allows(3, 3));
    assertFalse(limit.allows(4, 1_000_000));
    assertTrue(BadRecordLimit.parse("0").allows(0, 5));
    assertFalse(BadRecordLimit.parse("0").allows(1, 5));
    assertEquals("3", limit.text());
  }

  @Test
  void aShareCountsTheRecordsReadKeptAndSkipped() {
    BadRecordLimit limit = BadRecordLimit.parse("1%");
    assertTrue(limit.allows(3, 300));
    assertFalse(limit.allows(4, 300));
    BadRecordLimit tiny = BadRecordLimit.parse("0.05 %");
    assertTrue(tiny.allows(5, 10_000));
    assertFalse(tiny.allows(6, 10_000));
    assertFalse(BadRecordLimit.parse("0%").allows(1, Long.MAX_VALUE / 200));
    // exactly at the limit is within it, though no double holds 0.57 (0.57 * 10000 = 5699.999999999999)
    assertTrue(BadRecordLimit.parse("0.57%").allows(57, 10_000));
    assertFalse(BadRecordLimit.parse("0.57%").allows(58, 10_000));
    assertTrue(BadRecordLimit.parse("1.15%").allows(1150, 100_000));
    assertTrue(BadRecordLimit.parse("0.29%").allows(Long.MAX_VALUE / 1000, Long.MAX_VALUE / 1000 * 345));
  }

  @Test
  void noLimitAllowsAnyNumber() {
    assertTrue(BadRecordLimit.NONE.allows(Long.MAX_VALUE, Long.MAX_VALUE));
    assertFalse(BadRecordLimit.NONE.limits());
    assertTrue(BadRecordLimit.parse("5").limits());
    assertSame(BadRecordLimit.NONE, BadRecordLimit.NONE.requireSkipping(BadRecordPolicy.FAIL));
  }

  @Test
  void badValuesSayWhatIsAllowed() {
    for (String bad : new String[] {"abc", "1.5", "", "%", "ten%"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BadRecordLimit.parse(bad));
      assertEquals("--max-bad-records must be a whole number of records (100) or a percentage of the records read "
          + "(0.5%), got \"" + bad + "\"", e.getMessage());
    }
    assertEquals("--max-bad-records must be 0 or more records, got \"-1\"",
        assertThrows(IllegalArgumentException.class, () -> BadRecordLimit.parse("-1")).getMessage());
    assertEquals("--max-bad-records must be a percentage from 0% up to below 100%, got \"100%\"",
        assertThrows(IllegalArgumentException.class, () -> BadRecordLimit.parse("100%")).getMessage());
    assertEquals("--max-bad-records must be a percentage from 0% up to below 100%, got \"-2%\"",
        assertThrows(IllegalArgumentException.class, () -> BadRecordLimit.parse("-2%")).getMessage());
  }

  @Test
  void aLimitBesideFailIsRefusedSayingToSkip() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReadOptions(0, BadRecordPolicy.FAIL, true, ',', Precision.FLOAT64, false,
            BadRecordLimit.parse("10")));
    assertEquals("--max-bad-records 10 limits the records --on-bad-record skip drops, and this run stops at the "
        + "first (--on-bad-record fail); add --on-bad-record skip", e.getMessage());
    BadRecordLimit limit = BadRecordLimit.parse("10");
    assertSame(limit, limit.requireSkipping(BadRecordPolicy.SKIP));
  }
}
