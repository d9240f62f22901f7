package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import sparkdgd.config.BadRecordLimit;

/** The share of bad records a --max-bad-records error shows: rounded down, and never seeming within the limit. */
class TooManyBadRecordsTest {

  @Test
  void theShareIsRoundedDownToATenthOrTwoSignificantDigits() {
    assertEquals("33.3", TooManyBadRecords.share(3, 9, null));
    assertEquals("4.4", TooManyBadRecords.share(7, 157, null));
    assertEquals("99.9", TooManyBadRecords.share(9_999, 10_000, null), "not 100 unless all were bad");
    assertEquals("100.0", TooManyBadRecords.share(5, 5, null));
    assertEquals("0.50", TooManyBadRecords.share(5, 1_000, null));
    assertEquals("0.33", TooManyBadRecords.share(1, 300, null));
    assertEquals("0.0049", TooManyBadRecords.share(49, 1_000_000, null));
  }

  @Test
  void theShareHasTheDigitsThatShowItAboveTheLimit() {
    assertEquals("4.458", TooManyBadRecords.share(4_458, 100_000, new BigDecimal("4.45")));
    assertEquals("0.5001", TooManyBadRecords.share(5_001, 1_000_000, new BigDecimal("0.5")));
    assertEquals("33.3", TooManyBadRecords.share(3, 9, new BigDecimal("33")));
  }

  @Test
  void theErrorNamesTheCountTheShareTheLimitAndTheFirst() {
    BadRecords.Report skipped = new BadRecords.Report(5_001, List.of("file:/d/a.csv:7: column \"x\" is empty"));
    InputError e = assertThrows(InputError.class,
        () -> TooManyBadRecords.check(BadRecordLimit.parse("0.5%"), skipped, 994_999, "/d"));
    assertEquals("/d: 5,001 of the 1,000,000 records read were bad and skipped (0.5001%), more than "
        + "--max-bad-records 0.5% allows (fix the input, or raise the limit); the first: file:/d/a.csv:7: column "
        + "\"x\" is empty", e.getMessage());
    TooManyBadRecords.check(BadRecordLimit.parse("5001"), skipped, 0, "/d"); // within: no error
  }
}
