package sparkdgd.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
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
 * @param listed the first {@link #LISTED} files
 */
public record InputListing(int files, long bytes, String digest, List<InputListing.File> listed) {
  /** The most files listed one by one (a Parquet data set may have tens of thousands; the digest covers them all). */
  public static final int LISTED = 1000;

  /** One file: its full path as Hadoop names it, its length and its modification time in milliseconds since 1970. */
  public record File(String path, long bytes, long modifiedMillis) {}

  public InputListing {
    listed = List.copyOf(listed);
  }

  public static InputListing of(List<FileStatus> files) {
    long bytes = 0;
    for (FileStatus f : files) {
      bytes += f.getLen();
    }
    List<File> listed = files.stream().limit(LISTED)
        .map(f -> new File(f.getPath().toString(), f.getLen(), f.getModificationTime())).toList();
    return new InputListing(files.size(), bytes, "sha256:" + sha256(text(files).getBytes(StandardCharsets.UTF_8)),
        listed);
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

  /** The hex SHA-256 of {@code bytes}: the listing's digest here, and the checkpoints' ({@code Fingerprint}). */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
