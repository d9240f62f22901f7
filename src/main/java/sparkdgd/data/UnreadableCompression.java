package sparkdgd.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Lz4Codec;
import org.apache.hadoop.io.compress.SnappyCodec;
import org.apache.hadoop.io.compress.ZStandardCodec;

/**
 * Compressed text files that the Hadoop codec their name gives cannot read, found on the driver before any job:
 * <ul>
 * <li>{@code .lz4} in the LZ4 frame format (the {@code lz4} tool's) and {@code .snappy} in the snappy framing format
 * (the {@code snappy} stream format of python-snappy and snzip): Hadoop's {@link Lz4Codec} and {@link SnappyCodec}
 * read Hadoop's own block framing (what Spark and Hadoop write), and read such a file as no lines at all, without an
 * error. Told by the file's first bytes, read for files of these two codecs only.</li>
 * <li>a codec whose decompressor cannot be made here: zstd ({@code .zst}) needs a native libhadoop built with zstd.
 * Tried once per codec, without opening a file.</li>
 * <li>xz, for which Hadoop has no codec at all: its text reader would read the compressed bytes as lines (a CSV
 * file's "first line is not text"). Told by the file's first bytes, xz's magic, whatever its name, so that plain text
 * named {@code .xz} is read as text. Read for files named {@code .xz}, files already read for the lz4 or snappy checks,
 * and the first other file without a codec that this check is given: one more open per input, not one per file of an
 * input of thousands (an xz file without its name among others than the first is read as binary text, as before).</li>
 * </ul>
 * Text input only: a Parquet file carries its own compression, whatever its name.
 */
public final class UnreadableCompression {
  /** The LZ4 frame format's magic number, 0x184D2204 little-endian. */
  private static final byte[] LZ4_FRAME = {0x04, 0x22, 0x4D, 0x18};
  /** The snappy framing format's stream identifier: chunk type 0xFF, length 6, "sNaPpY". */
  private static final byte[] SNAPPY_FRAMED = {(byte) 0xFF, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y'};
  /** The xz format's magic bytes: 0xFD, "7zXZ", 0x00. */
  private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0x00};

  private final Configuration conf;
  private final CompressionCodecFactory codecs;
  /** Per codec class: why its decompressor cannot be made here, or "" when it can. */
  private final Map<Class<?>, String> unavailable = new HashMap<>();
  /** Whether a file without a codec and not named .xz has been read for xz's magic (only the first is). */
  private boolean plainChecked;

  public UnreadableCompression(Configuration conf) {
    this.conf = conf;
    this.codecs = new CompressionCodecFactory(conf);
  }

  /** Throws the {@link #problem} of the first of {@code files} that has one. */
  public static void refuse(Configuration conf, List<FileStatus> files) {
    UnreadableCompression check = new UnreadableCompression(conf);
    for (FileStatus f : files) {
      InputError e = check.problem(f, "");
      if (e != null) {
        throw e;
      }
    }
  }

  /**
   * The error for {@code file} when its name's codec cannot read it (see above), naming it and the fix, which
   * {@code orElse} ends (", or pass --on-bad-record skip", or empty); null when it can, or is not compressed, or
   * cannot be opened (its reader says so as before).
   */
  public InputError problem(FileStatus file, String orElse) {
    Path path = file.getPath();
    CompressionCodec codec = codecs.getCodec(path);
    if (codec == null) {
      boolean named = path.getName().toLowerCase(Locale.ROOT).endsWith(".xz");
      if (!named && plainChecked) {
        return null;
      }
      plainChecked |= !named;
      return startsWith(start(path, XZ.length), XZ) ? xz(path, named, orElse) : null;
    }
    String why = unavailable.computeIfAbsent(codec.getClass(), c -> whyUnavailable(codec));
    if (!why.isEmpty()) {
      return InputError.of(path.toString(), String.format("cannot decompress %s files here: %s; decompress it%s or "
          + "compress it with gzip or bzip2, which need no native library%s%s", codec.getDefaultExtension(), why,
          codec instanceof ZStandardCodec ? " (zstd -d)" : "",
          codec instanceof ZStandardCodec ? " (Parquet compressed with zstd is read without it)" : "", orElse));
    }
    byte[] start = codec instanceof Lz4Codec || codec instanceof SnappyCodec ? start(path, SNAPPY_FRAMED.length)
        : new byte[0];
    if (startsWith(start, XZ)) {
      return xz(path, false, orElse);
    }
    if (codec instanceof Lz4Codec && lz4Frame(start)) {
      return InputError.of(path.toString(), "written by the lz4 tool (LZ4 frame format), which Hadoop's lz4 codec "
          + "cannot read (it reads Hadoop's own framing, as Spark writes it); decompress it (lz4 -d) or compress it "
          + "with gzip or bzip2" + orElse);
    }
    if (codec instanceof SnappyCodec && startsWith(start, SNAPPY_FRAMED)) {
      return InputError.of(path.toString(), "in the snappy framing format (python-snappy's or snzip's stream "
          + "format), which Hadoop's snappy codec cannot read (it reads Hadoop's own framing, as Spark writes it); "
          + "decompress it or compress it with gzip or bzip2" + orElse);
    }
    return null;
  }

  /** The error for an xz file, {@code named} with .xz at the end or not (xz -d refuses a name without it). */
  private static InputError xz(Path path, boolean named, String orElse) {
    return InputError.of(path.toString(), "compressed with xz" + (named ? "" : " (it starts with xz's magic bytes, "
        + "whatever its name)") + ", for which Hadoop has no codec (it would be read as binary text); decompress it "
        + (named ? "(xz -d)" : "(xz -dc FILE > rows.csv)") + " or compress it with gzip or bzip2" + orElse);
  }

  /**
   * Why the codec's decompressor cannot be made here, without a closing period (zstd: "native zStandard library not
   * available: this version of libhadoop was built without zstd support"), or "" when it can; the one made is released
   * at once. Taken from and given back to Hadoop's {@link CodecPool}, as the tasks' line reader does (bzip2's is a
   * placeholder whose {@code end} throws).
   */
  private static String whyUnavailable(CompressionCodec codec) {
    try {
      CodecPool.returnDecompressor(CodecPool.getDecompressor(codec));
      return "";
    } catch (RuntimeException | LinkageError e) {
      String why = String.valueOf(e.getMessage()).strip();
      return why.endsWith(".") ? why.substring(0, why.length() - 1) : why;
    }
  }

  /**
   * Whether {@code start} opens an LZ4 frame: its magic number, then a frame descriptor of version 01 (the top two
   * bits of its first byte). Hadoop's framing starts with a block's length (4 bytes, big-endian; the magic read so is
   * 69,356,824) and its first compressed chunk's length, which would then be at least 1 GiB: never both.
   */
  private static boolean lz4Frame(byte[] start) {
    return startsWith(start, LZ4_FRAME) && start.length > LZ4_FRAME.length
        && (start[LZ4_FRAME.length] & 0xC0) == 0x40;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** Up to the first {@code n} bytes of the file as stored; none when it cannot be read. */
  private byte[] start(Path path, int n) {
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return in.readNBytes(n);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
