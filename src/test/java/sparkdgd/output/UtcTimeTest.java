package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** Every moment the outputs write has the same shape: three digits of milliseconds, in UTC, whatever the instant. */
class UtcTimeTest {
  @Test
  void alwaysThreeDigitsOfMillisecondsInUtc() {
    assertEquals("2026-12-07T14:17:52.000Z", UtcTime.of(Instant.parse("2026-12-07T14:17:52Z")));
    assertEquals("2026-12-07T14:17:52.400Z", UtcTime.of(Instant.parse("2026-12-07T14:17:52.4Z")));
    assertEquals("2026-12-07T14:17:52.449Z", UtcTime.of(Instant.parse("2026-12-07T14:17:52.449825873Z")));
    assertEquals("1970-01-01T00:00:01.234Z", UtcTime.ofMillis(1234));
    // one fixed pattern reads them all back
    DateTimeFormatter pattern = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX");
    assertEquals(Instant.parse("2026-12-07T14:17:52.449Z"),
        Instant.from(pattern.parse(UtcTime.of(Instant.parse("2026-12-07T14:17:52.449825873Z")))));
  }
}
