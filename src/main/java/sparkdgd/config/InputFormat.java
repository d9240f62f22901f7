package sparkdgd.config;

import java.util.Locale;

/** The training-data formats the trainer reads. */
public enum InputFormat {
  CSV("csv"),
  PARQUET("parquet");

  private final String extension;

  InputFormat(String extension) {
    this.extension = extension;
  }

  /** Parses a {@code --format} value; throws IllegalArgumentException naming the allowed values. */
  public static InputFormat parse(String value) {
    for (InputFormat f : values()) {
      if (f.extension.equalsIgnoreCase(value.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        String.format("--format must be one of csv, parquet, got \"%s\"", value));
  }

  /** The format named by a file name's extension, or null when the name does not tell. */
  public static InputFormat fromFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (InputFormat f : values()) {
      if (lower.endsWith("." + f.extension)) {
        return f;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return extension;
  }
}
