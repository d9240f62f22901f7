package sparkdgd.config;

import java.util.List;
import java.util.Locale;

/** The training-data formats the trainer reads (and {@code generate} writes). */
public enum InputFormat {
  CSV("csv", List.of("csv", "tsv")),
  PARQUET("parquet", List.of("parquet")),
  LIBSVM("libsvm", List.of("libsvm", "svm"));

  private final String name;
  private final List<String> extensions;

  InputFormat(String name, List<String> extensions) {
    this.name = name;
    this.extensions = extensions;
  }

  /** Parses a {@code --format} value; throws IllegalArgumentException naming the allowed values. */
  public static InputFormat parse(String value) {
    for (InputFormat f : values()) {
      if (f.name.equalsIgnoreCase(value.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        String.format("--format must be one of csv, parquet, libsvm, got \"%s\"", value));
  }

  /**
   * Extensions of the compression codecs Hadoop's text reader decompresses (rows.csv.gz is CSV), and xz's, which it
   * cannot, so that rows.csv.xz is CSV, refused as compressed ({@code UnreadableCompression}), not of unknown format.
   */
  private static final List<String> COMPRESSED = List.of("gz", "bz2", "deflate", "zst", "lz4", "snappy", "xz");

  /** The format named by a file name's extension (after a compression codec's), or null when it does not tell. */
  public static InputFormat fromFileName(String name) {
    String lower = withoutCodec(name);
    for (InputFormat f : values()) {
      for (String ext : f.extensions) {
        if (lower.endsWith("." + ext)) {
          return f;
        }
      }
    }
    return null;
  }

  /**
   * Whether a file or directory name says tab-separated values ({@code .tsv}, after a compression codec's
   * extension; {@code scored.tsv/} too).
   */
  public static boolean tabSeparated(String name) {
    return withoutCodec(name.replaceAll("/+$", "")).endsWith(".tsv");
  }

  /** {@code name} in lower case without a compression codec's extension ({@code rows.csv.gz}: {@code rows.csv}). */
  private static String withoutCodec(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String codec : COMPRESSED) {
      if (lower.endsWith("." + codec)) {
        return lower.substring(0, lower.length() - codec.length() - 1);
      }
    }
    return lower;
  }

  /** The extension written by {@code generate}. */
  public String extension() {
    return extensions.get(0);
  }

  @Override
  public String toString() {
    return name;
  }
}
