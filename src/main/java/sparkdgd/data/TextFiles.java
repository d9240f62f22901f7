package sparkdgd.data;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
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
  private TextFiles() {}

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
