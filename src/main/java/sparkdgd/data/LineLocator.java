package sparkdgd.data;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Turns the byte offset of a text line into its 1-based line number by counting the newlines before
 * it (in the decompressed text of a gzip file, whose offsets count those bytes). Runs on the driver, and only when an error is reported, so normal reads never count lines.
 */
public final class LineLocator {
  private LineLocator() {}

  public static long lineAt(Configuration conf, String file, long byteOffset) throws IOException {
    Path path = new Path(file);
    if (!TextFiles.offsetsCountText(conf, path)) {
      throw new IOException(file + " is compressed in blocks: its offsets are not positions in its text");
    }
    long newlines = 0;
    try (InputStream in = TextFiles.open(conf, path)) {
      newlines = countNewlines(in, byteOffset);
    }
    return newlines + 1;
  }

  /**
   * The line ends among the first {@code limit} bytes, as Hadoop's line reader ends lines: at {@code \n}, at
   * {@code \r\n}, and at a {@code \r} alone (old Mac text).
   */
  static long countNewlines(InputStream in, long limit) throws IOException {
    byte[] buf = new byte[1 << 16];
    long seen = 0;
    long newlines = 0;
    boolean afterReturn = false;
    while (seen < limit) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, limit - seen));
      if (n < 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (buf[i] == '\r') {
          newlines++;
        } else if (buf[i] == '\n' && !afterReturn) {
          newlines++;
        }
        afterReturn = buf[i] == '\r';
      }
      seen += n;
    }
    return newlines;
  }

  /** {@code error} with its line filled in when it carries a byte offset; otherwise unchanged. */
  public static InputError resolve(Configuration conf, InputError error) {
    if (error.byteOffset() < 0) {
      return error;
    }
    try {
      return error.withLine(lineAt(conf, error.file(), error.byteOffset()));
    } catch (IOException e) {
      return error;
    }
  }
}
