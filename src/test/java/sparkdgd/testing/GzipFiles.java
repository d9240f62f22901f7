package sparkdgd.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Gzip files whole and cut short, and what plain Java (java.util.zip, not Hadoop's codec) reads of them. */
public final class GzipFiles {
  private GzipFiles() {}

  /** {@code lines}, each ended by '\n', gzipped and cut to the first half of its bytes. */
  public static Path cutShort(Path file, List<String> lines) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = bytes.toByteArray();
    return Files.write(file, Arrays.copyOf(whole, whole.length / 2));
  }

  /** The lines of a gzip file cut short that end in '\n' before the data runs out: those a reader gets whole. */
  public static List<String> wholeLines(Path file) throws IOException {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) >= 0; ) {
        text.write(buf, 0, n);
      }
    } catch (EOFException cutHere) {
      // what came before is all there is
    }
    String s = text.toString(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(List.of(s.substring(0, s.lastIndexOf('\n') + 1).split("\n", -1)));
    lines.remove(lines.size() - 1); // after the last '\n'
    return lines;
  }
}
