package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gzip-compressed text input, as Hadoop's text reader reads it: the format from the name under the codec's
 * extension, the header from the decompressed text, and a bad line named by its line in the text.
 */
@Tag("spark")
class CompressedInputTest {
  @TempDir
  Path tmp;

  private static String rows(int n, int badLine) {
    StringBuilder text = new StringBuilder("x1,x2,y\n");
    for (int i = 1; i < n; i++) {
      double x1 = Math.sin(i);
      double x2 = Math.cos(3.0 * i);
      String y = i + 1 == badLine ? "n/a" : Double.toString(2 * x1 - x2 + 0.5 + 0.01 * Math.sin(7.0 * i));
      text.append(x1).append(',').append(x2).append(',').append(y).append('\n');
    }
    return text.toString();
  }

  private Path gzip(String name, String text) throws Exception {
    Path f = tmp.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return f;
  }

  private JsonNode train(Path data, String out) throws Exception {
    CliRun run = CliRun.of("--data", data.toString(), "--epochs", "30", "--partitions", "1", "--no-plots",
        "--output", tmp.resolve(out).toString());
    assertEquals(0, run.code(), run.err());
    return new ObjectMapper().readTree(tmp.resolve(out).resolve("model.json").toFile());
  }

  @Test
  void aGzippedCsvTrainsAsThePlainOne() throws Exception {
    String text = rows(3000, -1);
    JsonNode plain = train(Files.writeString(tmp.resolve("rows.csv"), text), "plain");
    JsonNode gzipped = train(gzip("rows.csv.gz", text), "gzipped");
    assertEquals(3000 - 1, gzipped.get("rows").asLong());
    assertEquals(plain.get("featureNames"), gzipped.get("featureNames"));
    assertEquals(plain.get("coefficients"), gzipped.get("coefficients"), "one partition each: the same bits");
    assertEquals(plain.get("intercept"), gzipped.get("intercept"));
  }

  @Test
  void aBadValueInAGzippedCsvIsNamedByItsLineInTheText() throws Exception {
    Path f = gzip("rows.csv.gz", rows(3000, 1500));
    CliRun run = CliRun.of("--data", f.toString(), "--epochs", "1", "--output", tmp.resolve("out").toString());
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains(f + ":1500:"), run.err());
    assertTrue(run.err().contains("label column \"y\": expected a number, found \"n/a\""), run.err());
  }
}
