package sparkdgd.config;

import java.util.Locale;

/** How cached dense feature values are stored: {@code float64} (exact) or {@code float32} (half the bytes). */
public enum Precision {
  FLOAT64,
  FLOAT32;

  /** Parses a {@code --precision} value. */
  public static Precision parse(String value) {
    for (Precision p : values()) {
      if (p.name().equalsIgnoreCase(value.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(String.format("--precision must be float64 or float32, got \"%s\"", value));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
