package sparkdgd.output;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one form the outputs write a moment in: ISO 8601 in UTC with milliseconds, always three digits
 * ({@code 2026-12-07T14:17:52.449Z}). {@code Instant.toString} had written up to nine digits, fewer when they ended
 * in zeros and none on a whole second, which a fixed pattern (strptime's {@code %S.%fZ}) could not read every time.
 */
public final class UtcTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private UtcTime() {}

  public static String of(Instant instant) {
    return FORMAT.format(instant);
  }

  public static String ofMillis(long epochMillis) {
    return of(Instant.ofEpochMilli(epochMillis));
  }

  public static String now() {
    return of(Instant.now());
  }
}
