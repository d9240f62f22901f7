package sparkdgd.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;

/**
 * The input files a run read, as model.json records them for an audit: how many, their bytes, a SHA-256 of their
 * listing (each file's full path, length and modification time, one line each: what {@code --resume} compares, not
 * their contents, which would take another read of the data) and the first {@link #LISTED} files themselves. Two
 * models with the same digest were trained on files of the same names, sizes and times.
 *
 * @param files  the number of files
 * @param bytes  their total length
 * @param digest {@code sha256:} and the hex SHA-256 of {@link #text}
 * @param listed the first {@link #LISTED} files, each its path, bytes and modification time (ISO-8601, UTC)
 */
public record InputListing(int files, long bytes, String digest, List<Map<String, Object>> listed) {
  /** The most files listed one by one (a Parquet data set may have tens of thousands; the digest covers them all). */
  public static final int LISTED = 1000;

  public InputListing {
    listed = List.copyOf(listed);
  }

  public static InputListing of(List<FileStatus> files) {
    long bytes = 0;
    for (FileStatus f : files) {
      bytes += f.getLen();
    }
    List<Map<String, Object>> listed = files.stream().limit(LISTED).map(InputListing::entry).toList();
    return new InputListing(files.size(), bytes, "sha256:" + sha256(text(files)), listed);
  }

  /** One line a file, {@code path length modificationTime} (milliseconds since 1970): what the digest is of. */
  public static String text(List<FileStatus> files) {
    StringBuilder text = new StringBuilder();
    for (FileStatus f : files) {
      text.append(f.getPath()).append(' ').append(f.getLen()).append(' ').append(f.getModificationTime())
          .append('\n');
    }
    return text.toString();
  }

  /** Whether every file is in {@link #listed}. */
  public boolean listedAll() {
    return listed.size() == files;
  }

  private static Map<String, Object> entry(FileStatus f) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("path", f.getPath().toString());
    e.put("bytes", f.getLen());
    e.put("modified", Instant.ofEpochMilli(f.getModificationTime()).toString());
    return e;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
