package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.DeflateCodec;
import org.apache.hadoop.io.compress.Lz4Codec;
import org.apache.hadoop.io.compress.SnappyCodec;
import org.apache.hadoop.io.compress.ZStandardCodec;
import org.apache.hadoop.util.ReflectionUtils;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * Text compressed by the command-line tools' formats, which Hadoop's codecs of the same extension misread as no lines
 * (the lz4 tool's frames, the snappy framing format) or cannot read without native code (zstd): refused with exit 2,
 * naming the file, before any job; Hadoop's own framing, as Spark writes .lz4 and .snappy, is read as before.
 */
@Tag("spark")
class ToolCompressedInputTest {
  @TempDir
  Path tmp;

  /** n rows of y = 2x + 1, with a header when {@code csv}, else as LIBSVM. */
  private static byte[] rows(int n, boolean csv) {
    StringBuilder text = new StringBuilder(csv ? "x,y\n" : "");
    for (int i = 0; i < n; i++) {
      double x = i / (double) n;
      text.append(csv ? x + "," + (2 * x + 1) : (2 * x + 1) + " 1:" + x).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Path write(Path file, OutputStream out, byte[] bytes) throws Exception {
    try (out) {
      out.write(bytes);
    }
    return file;
  }

  private static Path lz4Tool(Path file, byte[] bytes) throws Exception {
    return write(file, new LZ4FrameOutputStream(Files.newOutputStream(file)), bytes);
  }

  private static Path hadoopWritten(Path file, Class<? extends CompressionCodec> codecClass, byte[] bytes)
      throws Exception {
    CompressionCodec codec = ReflectionUtils.newInstance(codecClass, new Configuration());
    return write(file, codec.createOutputStream(Files.newOutputStream(file)), bytes);
  }

  private CliRun train(Path data, String... more) {
    String[] args = {"--data", data.toString(), "--epochs", "2", "--no-plots", "--output",
        tmp.resolve("out").toString()};
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.of(all);
  }

  private long trainedRows() throws Exception {
    return new ObjectMapper().readTree(tmp.resolve("out").resolve("model.json").toFile()).get("rows").asLong();
  }

  @Test
  void anLz4ToolsFileBesideAPlainOneIsRefusedNotReadAsNoRows() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("data"));
    Files.write(dir.resolve("a.csv"), rows(200, true));
    Path b = lz4Tool(dir.resolve("b.csv.lz4"), rows(300, true));
    String line = train(dir).refusedInOneLine(tmp.resolve("out"));
    assertTrue(line.startsWith("error: " + b.toUri().toString().replace("file:///", "file:/") + ": written by the "
        + "lz4 tool (LZ4 frame format), which Hadoop's lz4 codec cannot read"), line);
    assertTrue(line.contains("decompress it (lz4 -d) or compress it with gzip or bzip2"), line);

    // skipped as a bad record when asked: a's 200 rows
    CliRun skipped = train(dir, "--on-bad-record", "skip");
    assertEquals(0, skipped.code(), skipped.err());
    assertTrue(skipped.out().contains("Skipped 1 bad record (--on-bad-record skip):"), skipped.out());
    assertEquals(200, trainedRows());
  }

  @Test
  void aLoneLz4ToolsLibsvmFileIsRefusedNotCalledEmpty() throws Exception {
    Path f = lz4Tool(tmp.resolve("rows.libsvm.lz4"), rows(100, false));
    String line = train(f).refusedInOneLine(tmp.resolve("out"));
    assertTrue(line.contains("rows.libsvm.lz4: written by the lz4 tool (LZ4 frame format)"), line);
    // skipped, it leaves nothing to read, and the error says why
    String skipped = train(f, "--on-bad-record", "skip").refusedInOneLine(tmp.resolve("out"));
    assertTrue(skipped.endsWith("rows.libsvm.lz4: every input file is empty or is compressed in a form Hadoop's "
        + "codec for its name cannot read here; check --data"), skipped);
  }

  @Test
  void aSnappyFramedFileIsRefused() throws Exception {
    Path f = write(tmp.resolve("rows.csv.snappy"), new SnappyFramedOutputStream(
        Files.newOutputStream(tmp.resolve("rows.csv.snappy"))), rows(100, true));
    String line = train(f).refusedInOneLine(tmp.resolve("out"));
    assertTrue(line.contains("rows.csv.snappy: in the snappy framing format"), line);
  }

  @Test
  void lz4SnappyBzip2AndDeflateInHadoopsFramingAreReadWhole() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("hadoop"));
    hadoopWritten(dir.resolve("a.csv.lz4"), Lz4Codec.class, rows(200, true));
    hadoopWritten(dir.resolve("b.csv.snappy"), SnappyCodec.class, rows(300, true));
    hadoopWritten(dir.resolve("c.csv.bz2"), BZip2Codec.class, rows(400, true));
    hadoopWritten(dir.resolve("d.csv.deflate"), DeflateCodec.class, rows(500, true));
    CliRun run = train(dir);
    assertEquals(0, run.code(), run.err());
    assertEquals(200 + 300 + 400 + 500, trainedRows());
  }

  @Test
  void predictRefusesAnLz4ToolsFile() throws Exception {
    Path f = lz4Tool(tmp.resolve("d.csv.lz4"), "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    String line = CliRun.of("predict", "--model", PredictCommandTest.model(tmp).toString(), "--data", f.toString(),
        "--output", tmp.resolve("out").toString()).refusedInOneLine(tmp.resolve("out"));
    assertTrue(line.contains("d.csv.lz4: written by the lz4 tool (LZ4 frame format)"), line);
  }

  @Test
  void zstdTextWithoutNativeSupportIsRefusedNamingTheFile() throws Exception {
    Assumptions.assumeFalse(ZStandardCodec.isNativeCodeLoaded(), "this libhadoop reads zstd");
    // what `printf '' | zstd` writes (magic 28 B5 2F FD): the codec fails before it reads a byte
    Path f = Files.write(tmp.resolve("rows.csv.zst"), new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0x24, 0x00,
        0x01, 0x00, 0x00, (byte) 0x99, (byte) 0xE9, (byte) 0xD8, 0x51});
    String line = train(f).refusedInOneLine(tmp.resolve("out"));
    assertTrue(line.contains("rows.csv.zst: cannot decompress .zst files here: native zStandard library not "
        + "available") && line.contains("decompress it (zstd -d) or compress it with gzip or bzip2"), line);
  }
}
