package sparkdgd.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;

/**
 * Text input opened on the driver as the tasks' reader ({@code TextInputFormat}) opens it: through the Hadoop
 * codec the file's name gives ({@code rows.csv.gz}: gzip), if any, so that its header and its line numbers are
 * those of the text, not of the compressed bytes.
 */
final class TextFiles {
  /**
   * The largest file {@link #onlyBlankLines} reads. A file of blank lines is a few bytes (a gzip of nothing, 20; a
   * gzip of 100,000 line breaks, about 130), and data files this small hold a header and a row or two, so the driver
   * opens few files for the check, where opening every small part file of an input of thousands (a streaming sink's,
   * say) would cost a round trip to the store each.
   */
  static final long BLANK_CHECK_MAX_BYTES = 256;

  private TextFiles() {}

  /**
   * Whether {@code file}, of at most {@link #BLANK_CHECK_MAX_BYTES} stored, is text of blank lines only (spaces, tabs,
   * line breaks, a byte-order mark; a gzip of nothing), so that it holds no data, as a 0-byte file holds none. Read on
   * the driver up to its first character that is not blank. False for a larger file (whose blank lines the readers
   * skip, as anywhere: it gives no rows), and for one that cannot be read, whose reader says so as before.
   */
  static boolean onlyBlankLines(Configuration conf, FileStatus file) {
    if (file.getLen() > BLANK_CHECK_MAX_BYTES) {
      return false;
    }
    try (Reader text = new InputStreamReader(open(conf, file.getPath()), StandardCharsets.UTF_8)) {
      char[] chars = new char[1024];
      boolean start = true;
      for (int n = text.read(chars); n >= 0; n = text.read(chars)) {
        for (int i = 0; i < n; i++) {
          if (!Character.isWhitespace(chars[i]) && !(start && i == 0 && chars[i] == '\uFEFF')) {
            return false;
          }
        }
        start = start && n == 0;
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The file's text bytes: decompressed when its name ends in a codec's extension. */
  static InputStream open(Configuration conf, Path path) throws IOException {
    InputStream raw = path.getFileSystem(conf).open(path);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    if (codec == null) {
      return raw;
    }
    try {
      return codec.createInputStream(raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /**
   * Whether {@code e}, met reading a file, comes from its codec: the compressed data is damaged or cut short (gzip's
   * "not a gzip file", "Unexpected end of input stream"), not the file system failing to give its bytes, nor a
   * checksum mismatch (thrown by the file system, below the codec), which are no bad records.
   */
  static boolean fromCodec(IOException e) {
    StackTraceElement[] at = e.getStackTrace();
    return at.length > 0 && at[0].getClassName().startsWith("org.apache.hadoop.io.compress.");
  }

  /**
   * The error for a compressed file that cannot be decompressed ({@link #fromCodec}): from the line at
   * {@code lineOffset} on (the driver turns it into a line number), or from its start when -1 (nothing read, or a
   * codec split into blocks, whose offsets are no place in the text). {@code fix} says what to do.
   */
  static InputError damaged(String file, long lineOffset, IOException e, String fix) {
    String problem = "(" + e.getMessage() + "): the compressed data is damaged or cut short; " + fix;
    return lineOffset < 0 ? InputError.of(file, "cannot read the file " + problem)
        : InputError.atOffset(file, lineOffset, 0, "cannot read the file from this line on " + problem);
  }

  /**
   * Whether the tasks' reader reads this file as one split whatever its size: a file compressed by a codec that
   * cannot be split (gzip), as {@code TextInputFormat.isSplitable} decides; false for plain files and bzip2.
   */
  static boolean readWhole(Configuration conf, Path path) {
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    return codec != null && !(codec instanceof SplittableCompressionCodec);
  }

  /**
   * Whether the tasks' byte offsets into this file count its text bytes, so that the newlines before an offset
   * give its line: true for plain files and codecs read whole (gzip); false for codecs split into blocks
   * (bzip2), whose offsets are positions in the compressed file.
   */
  static boolean offsetsCountText(Configuration conf, Path path) {
    return !(new CompressionCodecFactory(conf).getCodec(path) instanceof SplittableCompressionCodec);
  }
}
