package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.ParquetFiles;
import sparkdgd.testing.SparkTestSession;

/**
 * A Parquet file with columns a and A (pandas writes such files, and Spark with spark.sql.caseSensitive=true): every
 * command stopped with exit 1 and Spark's bare "[COLUMN_ALREADY_EXISTS] The column `a` already exists", naming no
 * file, even when --features chose neither column. Read by case, the columns are two, as in the file.
 */
@Tag("spark")
class ColumnsDifferingInCaseTest {
  private static final int ROWS = 50;

  @TempDir
  Path tmp;

  /** Columns a, b, c, y, A (a = i, A = -i, y = 2b - c + 1), written as Spark writes them when names differ by case. */
  private Path caseDistinct() throws Exception {
    SparkSession spark = SparkTestSession.get();
    String key = SQLConf.CASE_SENSITIVE().key();
    spark.conf().set(key, "true");
    try {
      return ParquetFiles.write(tmp, tmp.resolve("data"), "cased.parquet",
          ParquetFiles.doubles("a", "b", "c", "y", "A"), 0, ROWS,
          i -> new Object[] {i * 1.0, i % 7 * 1.0, i % 3 * 1.0, 2.0 * (i % 7) - (i % 3) + 1, -i * 1.0});
    } finally {
      spark.conf().unset(key);
    }
  }

  @Test
  void columnsWhoseNamesDifferOnlyInCaseAreReadAsTwoByEveryCommand() throws Exception {
    String file = caseDistinct().toString();
    Path all = tmp.resolve("all");
    CliRun run = CliRun.of("--data", file, "--output", all.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals("[\"a\",\"b\",\"c\",\"A\"]", model(all).get("featureNames").toString(), "every column but y");

    Path chosen = tmp.resolve("chosen");
    run = CliRun.of("--data", file, "--features", "b,c", "--output", chosen.toString());
    assertEquals(0, run.code(), run.err());
    JsonNode m = model(chosen);
    assertEquals(2.0, m.get("coefficients").get(0).asDouble(), 1e-6, "b");
    assertEquals(-1.0, m.get("coefficients").get(1).asDouble(), 1e-6, "c");
    assertEquals(1.0, m.get("intercept").asDouble(), 1e-6);

    Path scored = tmp.resolve("scored");
    run = CliRun.of("predict", "--model", chosen.toString(), "--data", file, "--output", scored.toString(),
        "--output-format", "csv");
    assertEquals(0, run.code(), run.err());
    try (Stream<Path> parts = Files.list(scored)) {
      Path part = parts.filter(p -> p.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
      assertEquals("a,b,c,y,A,prediction", Files.readAllLines(part).get(0), "both columns written back");
    }
    Path metrics = tmp.resolve("metrics.json");
    run = CliRun.of("evaluate", "--model", chosen.toString(), "--data", file, "--output", metrics.toString());
    assertEquals(0, run.code(), run.err());
    assertEquals(ROWS, new ObjectMapper().readTree(metrics.toFile()).get("rows").asLong());
  }

  private static JsonNode model(Path dir) throws Exception {
    return new ObjectMapper().readTree(dir.resolve("model.json").toFile());
  }
}
