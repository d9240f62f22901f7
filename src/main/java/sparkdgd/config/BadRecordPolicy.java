package sparkdgd.config;

import java.util.Locale;

/** What to do with a record that cannot be used: stop at the first ({@code fail}) or drop and count ({@code skip}). */
public enum BadRecordPolicy {
  FAIL,
  SKIP;

  /** Parses a {@code --on-bad-record} value. */
  public static BadRecordPolicy parse(String value) {
    for (BadRecordPolicy p : values()) {
      if (p.name().equalsIgnoreCase(value.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(String.format("--on-bad-record must be fail or skip, got \"%s\"", value));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
