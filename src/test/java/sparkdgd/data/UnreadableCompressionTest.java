package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.Decompressor;
import org.apache.hadoop.io.compress.DefaultCodec;
import org.apache.hadoop.io.compress.DeflateCodec;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.io.compress.Lz4Codec;
import org.apache.hadoop.io.compress.SnappyCodec;
import org.apache.hadoop.util.ReflectionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * Compressed files Hadoop's codec for their name cannot read: the lz4 tool's frames and the snappy framing format
 * (told from Hadoop's own framing, which Spark writes), and a codec without its native library.
 */
class UnreadableCompressionTest {
  private static final Configuration CONF = new Configuration();
  private static final String TEXT = "x,y\n1,2\n3,4\n";

  @TempDir
  Path dir;

  private FileStatus status(Path file) throws Exception {
    return FileSystem.getLocal(CONF).getFileStatus(new org.apache.hadoop.fs.Path(file.toUri()));
  }

  private FileStatus write(OutputStream out, Path file) throws Exception {
    try (out) {
      out.write(TEXT.getBytes(StandardCharsets.UTF_8));
    }
    return status(file);
  }

  /** {@code TEXT} written through Hadoop's codec, as Spark's {@code saveAsTextFile(path, codec)} writes it. */
  private FileStatus hadoopWritten(String name, Class<? extends CompressionCodec> codecClass) throws Exception {
    CompressionCodec codec = ReflectionUtils.newInstance(codecClass, CONF);
    Path file = dir.resolve(name);
    return write(codec.createOutputStream(Files.newOutputStream(file)), file);
  }

  @Test
  void theLz4ToolsFrameFormatIsRefusedAndHadoopsFramingIsNot() throws Exception {
    Path tool = dir.resolve("tool.csv.lz4");
    FileStatus frame = write(new LZ4FrameOutputStream(Files.newOutputStream(tool)), tool);
    assertArrayEquals(new byte[] {0x04, 0x22, 0x4D, 0x18}, Arrays.copyOf(Files.readAllBytes(tool), 4), "an LZ4 frame's magic number");
    InputError e = new UnreadableCompression(CONF).problem(frame, ", or pass --on-bad-record skip");
    assertNotNull(e);
    assertEquals(frame.getPath().toString(), e.file());
    assertTrue(e.getMessage().contains("written by the lz4 tool (LZ4 frame format), which Hadoop's lz4 codec cannot "
        + "read") && e.getMessage().contains("decompress it (lz4 -d)")
        && e.getMessage().endsWith(", or pass --on-bad-record skip"), e.getMessage());
    assertNull(new UnreadableCompression(CONF).problem(hadoopWritten("spark.csv.lz4", Lz4Codec.class), ""));
  }

  /** Hadoop has no xz codec: its text reader read the compressed bytes as a line ("the first line is not text"). */
  @Test
  void xzIsRefusedByItsNameWithTheFix() throws Exception {
    Path xz = Files.write(dir.resolve("rows.csv.xz"), sparkdgd.testing.XzFile.bytes());
    assertEquals(sparkdgd.config.InputFormat.CSV, sparkdgd.config.InputFormat.fromFileName("rows.csv.xz"),
        "CSV under xz, not a name that does not tell");
    InputError e = new UnreadableCompression(CONF).problem(status(xz), ", or pass --on-bad-record skip");
    assertNotNull(e);
    assertEquals(status(xz).getPath().toString(), e.file());
    assertEquals(status(xz).getPath() + ": compressed with xz, for which Hadoop has no codec (it would be read as "
        + "binary text); decompress it "
        + "(xz -d) or compress it with gzip or bzip2, or pass --on-bad-record skip", e.getMessage());
  }

  /** xz is told by its magic bytes (FD 37 7A 58 5A 00), not by the name: plain text named .xz is read as text. */
  @Test
  void xzIsToldByItsFirstBytesWhateverItsName() throws Exception {
    UnreadableCompression check = new UnreadableCompression(CONF);
    Path plain = Files.writeString(dir.resolve("plain2.xz"), TEXT);
    assertNull(check.problem(status(plain), ""), "plain text named .xz trains, as before the xz check");
    Path unnamed = Files.write(dir.resolve("rows.csv"), sparkdgd.testing.XzFile.bytes());
    InputError e = check.problem(status(unnamed), "");
    assertNotNull(e, "an xz file named without .xz, the first file without a codec");
    assertEquals(status(unnamed).getPath() + ": compressed with xz (it starts with xz's magic bytes, whatever its "
        + "name), for which Hadoop has no codec (it would be read as binary text); decompress it "
        + "(xz -dc FILE > rows.csv) or compress it with gzip or bzip2", e.getMessage());
    Path lz4Named = Files.write(dir.resolve("rows.csv.lz4"), sparkdgd.testing.XzFile.bytes());
    assertTrue(String.valueOf(check.problem(status(lz4Named), "")).contains("compressed with xz (it starts with"),
        "a file opened for the lz4 check is told as xz too");
    // the cost: of the files without a codec and without .xz, only the first is opened, not each of thousands
    Path second = Files.write(dir.resolve("part-2.csv"), sparkdgd.testing.XzFile.bytes());
    assertNull(check.problem(status(second), ""), "left to the reader, as before");
  }

  @Test
  void theSnappyFramingFormatIsRefusedAndHadoopsFramingIsNot() throws Exception {
    Path tool = dir.resolve("tool.csv.snappy");
    FileStatus framed = write(new SnappyFramedOutputStream(Files.newOutputStream(tool)), tool);
    InputError e = new UnreadableCompression(CONF).problem(framed, "");
    assertNotNull(e);
    assertTrue(e.getMessage().contains("in the snappy framing format"), e.getMessage());
    assertNull(new UnreadableCompression(CONF).problem(hadoopWritten("spark.csv.snappy", SnappyCodec.class), ""));
  }

  @Test
  void plainGzipAndUnopenableFilesAreLeftToTheReader() throws Exception {
    UnreadableCompression check = new UnreadableCompression(CONF);
    assertNull(check.problem(write(Files.newOutputStream(dir.resolve("a.csv")), dir.resolve("a.csv")), ""));
    // every codec that needs no native library here passes the decompressor check (bzip2's placeholder one too)
    assertNull(check.problem(hadoopWritten("b.csv.gz", GzipCodec.class), ""));
    assertNull(check.problem(hadoopWritten("b.csv.bz2", BZip2Codec.class), ""));
    assertNull(check.problem(hadoopWritten("b.csv.deflate", DeflateCodec.class), ""));
    // an lz4 file too short to hold a frame's magic, and one that is gone: its reader says what is wrong
    Files.write(dir.resolve("c.csv.lz4"), new byte[] {0x04, 0x22});
    assertNull(check.problem(status(dir.resolve("c.csv.lz4")), ""));
    FileStatus gone = status(dir.resolve("c.csv.lz4"));
    Files.delete(dir.resolve("c.csv.lz4"));
    assertNull(check.problem(gone, ""));
  }

  /**
   * A codec whose decompressor needs a native library that is not there, as zstd's without libhadoop's zstd: both
   * methods Hadoop's pool calls throw, as ZStandardCodec's do.
   */
  public static final class NativeOnlyCodec extends DefaultCodec {
    static final AtomicInteger TRIED = new AtomicInteger();

    @Override
    public Class<? extends Decompressor> getDecompressorType() {
      TRIED.incrementAndGet();
      throw new RuntimeException("native nativeonly library not available.");
    }

    @Override
    public Decompressor createDecompressor() {
      TRIED.incrementAndGet();
      throw new RuntimeException("native nativeonly library not available.");
    }

    @Override
    public String getDefaultExtension() {
      return ".nativeonly";
    }
  }

  @Test
  void aCodecWithoutItsNativeLibraryIsRefusedAfterOneTry() throws Exception {
    Configuration conf = new Configuration(CONF);
    conf.set("io.compression.codecs", NativeOnlyCodec.class.getName());
    FileStatus a = status(Files.writeString(dir.resolve("a.csv.nativeonly"), TEXT));
    FileStatus b = status(Files.writeString(dir.resolve("b.csv.nativeonly"), TEXT));
    NativeOnlyCodec.TRIED.set(0);
    UnreadableCompression check = new UnreadableCompression(conf);
    InputError e = check.problem(a, "");
    assertNotNull(check.problem(b, ""));
    assertEquals(1, NativeOnlyCodec.TRIED.get(), "tried once for the codec, not once per file");
    assertEquals(a.getPath().toString(), e.file());
    assertTrue(e.getMessage().contains("cannot decompress .nativeonly files here: native nativeonly library not "
        + "available; decompress it or compress it with gzip or bzip2"), e.getMessage());
    // predict and evaluate: the first such file refused, no bad-record hint
    InputError refused = assertThrows(InputError.class,
        () -> UnreadableCompression.refuse(conf, List.of(status(dir.resolve("a.csv.nativeonly")))));
    assertEquals(a.getPath().toString(), refused.file());
  }
}
