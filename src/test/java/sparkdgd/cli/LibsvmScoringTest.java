package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.SparkTestSession;

/**
 * predict and evaluate read LIBSVM like the trainer: a hand-written model y = 2 x1 - x3 + 0.5 over three
 * sparse rows, the last of which lacks the highest index; predictions and the MSE by hand.
 */
@Tag("spark")
class LibsvmScoringTest {

  @Test
  void scoresAndEvaluatesSparseRows(@TempDir Path tmp) throws Exception {
    Path model = Files.createDirectories(tmp.resolve("model"));
    Files.writeString(model.resolve("model.json"), "{\"featureNames\": [\"x1\", \"x2\", \"x3\"], "
        + "\"coefficients\": [2.0, 0.0, -1.0], \"intercept\": 0.5, \"labelName\": \"label\"}");
    // predictions: 2*1 - 4 + 0.5 = -1.5; 0.5 + 2*3 = 6.5; 0.5 (no features)
    Path data = Files.writeString(tmp.resolve("d.libsvm"), "-1 1:1 3:4\n7 1:3\n0.5 2:9\n");
    Path scored = tmp.resolve("scored");
    CliRun predict = CliRun.of("predict", "--model", model.toString(), "--data", data.toString(), "--output",
        scored.toString(), "--output-format", "parquet");
    assertEquals(0, predict.code(), predict.err());
    List<Row> rows = SparkTestSession.get().read().parquet(scored.toString()).orderBy("label")
        .select("label", "x3", "prediction").collectAsList();
    assertEquals(3, rows.size());
    assertEquals(-1.5, rows.get(0).getDouble(2), 0.0);
    assertEquals(4.0, rows.get(0).getDouble(1), 0.0);
    assertEquals(0.5, rows.get(1).getDouble(2), 0.0);
    assertEquals(6.5, rows.get(2).getDouble(2), 0.0);

    Path metrics = tmp.resolve("m.json");
    CliRun evaluate = CliRun.of("evaluate", "--model", model.toString(), "--data", data.toString(), "--output",
        metrics.toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    JsonNode m = new ObjectMapper().readTree(metrics.toFile());
    // residuals -0.5, 0, -0.5
    assertEquals((0.25 + 0 + 0.25) / 3, m.get("mse").asDouble(), 1e-15);
    assertTrue(evaluate.out().contains("MSE"), evaluate.out());
  }
}
