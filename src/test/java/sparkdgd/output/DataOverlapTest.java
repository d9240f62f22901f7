package sparkdgd.output;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.UsageError;

class DataOverlapTest {
  private final Configuration conf = new Configuration();

  @Test
  void globsAreComparedByTheirLiteralDirectory() {
    assertEquals("/a/b", DataOverlap.literalPrefix("/a/b/*.csv"));
    assertEquals("/a", DataOverlap.literalPrefix("/a/b?/x.csv"));
    assertEquals("hdfs://nn:8020/d", DataOverlap.literalPrefix("hdfs://nn:8020/d/part-{0,1}.csv"));
    assertEquals("/a/b/c.csv", DataOverlap.literalPrefix("/a/b/c.csv"));
    assertEquals("/", DataOverlap.literalPrefix("/*.csv"));
  }

  @Test
  void sameHoldingAndInsideAreRefusedSiblingsAndPrefixesOfNamesAreNot(@TempDir Path tmp) {
    String data = tmp.resolve("data").toString();
    assertTrue(refusal("--output", data, data).contains(" is the --data "));
    assertTrue(refusal("--output", tmp.toString(), data).contains(" holds the --data "));
    assertTrue(refusal("--output", data + "/model", data).contains(" is inside the --data "));
    assertTrue(refusal("--output", "file://" + data, data).contains(" is the --data "), "qualified or not");
    assertTrue(refusal("--output", tmp.toString(), "file:" + data + "/*.csv").contains(" holds the --data "));
    assertDoesNotThrow(() -> DataOverlap.refuse(conf, "--output", tmp.resolve("model").toString(), data));
    assertDoesNotThrow(() -> DataOverlap.refuse(conf, "--output", data + "-model", data), "data-model is no child");
    assertDoesNotThrow(() -> DataOverlap.refuse(conf, "--output", data + "2", data + "/x.csv"));
    assertDoesNotThrow(() -> DataOverlap.refuse(conf, "--output", data + "/out", data + "/*.parquet"),
        "the glob does not match out");
    assertTrue(refusal("--output", data + "/day-2/model", data + "/day-*").contains(" is inside the --data "));
    assertTrue(refusal("--output", data + "/day-2", data + "/day-*").contains(" is inside the --data "));
  }

  /** A directory named with pattern characters is read as it is written, so an output inside it is refused. */
  @Test
  void aDataDirectoryNamedLikeAPatternIsComparedAsItIsWritten(@TempDir Path tmp) throws Exception {
    String data = java.nio.file.Files.createDirectories(tmp.resolve("day[1]")).toString();
    assertTrue(refusal("--output", data + "/model", data).contains(" is inside the --data "));
    assertTrue(refusal("--output", data, data).contains(" is the --data "));
    assertDoesNotThrow(() -> DataOverlap.refuse(conf, "--output", tmp.resolve("day1").toString(), data),
        "day1 is what the pattern would match, not the directory read");
    assertTrue(refusal("--output", tmp.resolve("day1").toString() + "/model", tmp.resolve("day[12]").toString())
        .contains(" is inside the --data "), "a pattern that names nothing as written is still a pattern");
  }

  @Test
  void aRelativeOutputIsResolvedAgainstTheWorkingDirectory() {
    String cwd = Path.of("").toAbsolutePath().toString();
    assertTrue(refusal("--output", "sample-data", cwd + "/sample-data/tutorial.csv").contains("holds the --data"));
  }

  private String refusal(String flag, String written, String data) {
    return assertThrows(UsageError.class, () -> DataOverlap.refuse(conf, flag, written, data)).getMessage();
  }

  /**
   * Inside a model directory a new file is harmless (the model's own files are read by name), but writing over one
   * of its files or into one of its directories (spark-model/, read whole by Spark ML) is refused.
   */
  @Test
  void insideAModelOnlyItsOwnFilesAndDirectoriesAreRefused(@TempDir Path tmp) throws Exception {
    Path model = java.nio.file.Files.createDirectories(tmp.resolve("model").resolve("spark-model"))
        .getParent();
    java.nio.file.Files.writeString(model.resolve("model.json"), "{}");
    String m = model.toString();
    assertEquals("--output " + m + "/model.json is inside the --model " + m + ": writing there would replace its "
        + "model.json; choose another --output", replacing(m + "/model.json", m));
    assertEquals("--output " + m + "/spark-model/data/x.json is inside the --model " + m + ": writing there would "
        + "change its spark-model/; choose another --output", replacing(m + "/spark-model/data/x.json", m));
    assertTrue(replacing(m + "/model.json", m + "/model.json").startsWith("--output " + m + "/model.json is the "
        + "--model " + m + "/model.json: "));
    java.nio.file.Files.writeString(model.resolve("history.csv"), "epoch\n");
    assertEquals("--output " + m + "/history.csv is inside the --model " + m + "/model.json: writing there would "
        + "replace its history.csv; choose another --output", replacing(m + "/history.csv", m + "/model.json"),
        "--model naming the model.json protects its directory's files too");
    java.nio.file.Files.writeString(model.resolve("test-metrics.json"), "{}"); // an earlier evaluation's
    assertDoesNotThrow(() -> DataOverlap.refuseReplacing(conf, "--output", m + "/test-metrics.json", "--model", m));
    assertDoesNotThrow(() -> DataOverlap.refuseReplacing(conf, "--output", m + "/eval/m.json", "--model", m));
    assertDoesNotThrow(() -> DataOverlap.refuseReplacing(conf, "--output", m + "-metrics.json", "--model", m));
  }

  private String replacing(String written, String model) {
    return assertThrows(UsageError.class,
        () -> DataOverlap.refuseReplacing(conf, "--output", written, "--model", model)).getMessage();
  }
}
