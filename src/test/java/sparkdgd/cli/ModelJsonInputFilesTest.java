package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * model.json's {@code inputFiles}: the files a run read, by full path, size and time, and a digest of that listing
 * (checked against a SHA-256 computed here from the files' own attributes) that changes when a file's time does.
 */
@Tag("spark")
class ModelJsonInputFilesTest {
  @Test
  void recordsEveryFileReadAndADigestOfTheirListing(@TempDir Path tmp) throws Exception {
    List<String> rows = Files.readAllLines(Path.of("sample-data", "tutorial.csv"));
    Path data = Files.createDirectories(tmp.resolve("data dir"));
    Path first = Files.write(data.resolve("a.csv"), rows.subList(0, 600));
    List<String> second = new java.util.ArrayList<>(List.of(rows.get(0)));
    second.addAll(rows.subList(600, rows.size()));
    Path last = Files.write(data.resolve("b.csv"), second);
    Files.setLastModifiedTime(first, FileTime.from(Instant.parse("2026-01-02T03:04:05.678Z")));

    JsonNode inputs = train(data, tmp.resolve("m1")).get("inputFiles");
    assertEquals(2, inputs.get("count").asInt(), inputs.toString());
    assertEquals(Files.size(first) + Files.size(last), inputs.get("bytes").asLong());
    assertTrue(inputs.get("listedAll").asBoolean());
    assertEquals(2, inputs.get("files").size());
    JsonNode a = inputs.get("files").get(0);
    assertEquals("file:" + first.toAbsolutePath(), a.get("path").asText()); // Hadoop's form, a space as itself
    assertEquals(Files.size(first), a.get("bytes").asLong());
    assertEquals("2026-01-02T03:04:05.678Z", a.get("modified").asText());
    assertEquals("sha256:" + sha256(listing(first, last)), inputs.get("listingDigest").asText());

    // the same files at another time are another listing, as --resume would see them
    Files.setLastModifiedTime(last, FileTime.from(Instant.parse("2026-03-04T05:06:07Z")));
    JsonNode touched = train(data, tmp.resolve("m2")).get("inputFiles");
    assertNotEquals(inputs.get("listingDigest").asText(), touched.get("listingDigest").asText());
    assertEquals("sha256:" + sha256(listing(first, last)), touched.get("listingDigest").asText());
  }

  private static JsonNode train(Path data, Path out) throws Exception {
    CliRun run = CliRun.of("--data", data.toString(), "--epochs", "2", "--no-plots", "--no-spark-model", "--output",
        out.toString());
    assertEquals(0, run.code(), run.err());
    return new ObjectMapper().readTree(out.resolve("model.json").toFile());
  }

  /** Each file's Hadoop path, length and modification time in milliseconds, a line each, as documented. */
  private static String listing(Path... files) throws Exception {
    StringBuilder text = new StringBuilder();
    for (Path f : files) {
      text.append("file:").append(f.toAbsolutePath()).append(' ')
          .append(Files.size(f)).append(' ').append(Files.getLastModifiedTime(f).toMillis()).append('\n');
    }
    return text.toString();
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
