package sparkdgd.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkdgd.data.InputListing;
import sparkdgd.output.HiddenSibling;

/**
 * A file of the checkpoint directory: a first line that says what it is, a second with the SHA-256 of the body that
 * follows. It is written under a hidden temporary name and renamed into place, so it is never seen half-written
 * (rename is atomic on HDFS and local disks), and read back only when the body still has its digest: a truncated or
 * corrupt file is told, never taken.
 */
final class SignedFile {
  private static final String DIGEST = "sha256 ";

  private SignedFile() {
  }

  /** Writes {@code body} to {@code target} under the first line {@code kind}; returns the body's digest. */
  static String write(FileSystem fs, Path target, String kind, byte[] body) throws IOException {
    String digest = InputListing.sha256(body);
    String header = kind + "\n" + DIGEST + digest + "\n";
    try (HiddenSibling temp = HiddenSibling.of(fs, target, "tmp")) {
      try (OutputStream out = fs.create(temp.path(), true)) {
        out.write(header.getBytes(StandardCharsets.UTF_8));
        out.write(body);
      }
      temp.replaceTarget();
    }
    return digest;
  }

  /** A file's body, verified to have the SHA-256 {@code sha256} its second line gives. */
  record Body(byte[] bytes, String sha256) {}

  /**
   * The body of {@code f}, whose first line must be one of {@code kinds} ({@code what} names such a file in the error)
   * and whose body must have the digest its second line gives.
   */
  static Body read(FileSystem fs, Path f, List<String> kinds, String what) throws IOException {
    byte[] all;
    try (InputStream in = fs.open(f)) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      all = buf.toByteArray();
    }
    int firstNewline = indexOf(all, 0);
    int secondNewline = firstNewline < 0 ? -1 : indexOf(all, firstNewline + 1);
    String first = firstNewline < 0 ? "" : new String(all, 0, firstNewline, StandardCharsets.UTF_8);
    String second = secondNewline < 0 ? ""
        : new String(all, firstNewline + 1, secondNewline - firstNewline - 1, StandardCharsets.UTF_8);
    if (!kinds.contains(first) || !second.startsWith(DIGEST)) {
      throw new IOException("not " + what + " (bad header)");
    }
    byte[] body = Arrays.copyOfRange(all, secondNewline + 1, all.length);
    String digest = second.substring(DIGEST.length());
    if (!InputListing.sha256(body).equals(digest)) {
      throw new IOException("checksum mismatch (truncated or corrupt)");
    }
    return new Body(body, digest);
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
