package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.output.LinearModel;
import sparkdgd.score.SavedModel;

/**
 * model.json records every setting that decides how a run ends, and a model.json written before it did (without
 * them) still loads for --init-model, predict and evaluate.
 */
@Tag("spark")
class ModelJsonSettingsTest {
  private static final List<String> ADDED =
      List.of("tolEvaluations", "averageFrom", "gradientTol", "patience", "validationFraction", "stepEvery",
          "precision", "logEvery", "shuffleRows", "blockRows", "javaVersion", "sparkDgdVersion", "kernels", "inputFiles");

  @Test
  void recordsTheStoppingSettingsAndFilesWithoutThemStillLoad(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("model");
    CliRun train = CliRun.of("--data", "sample-data/tutorial.csv", "--epochs", "12", "--gradient-tol", "1e-12",
        "--patience", "50", "--tol-evaluations", "3", "--validation-fraction", "0.25", "--learning-rate-schedule",
        "step", "--step-every", "7",
        "--precision", "float32", "--log-every", "5", "--batch-fraction", "0.5", "--shuffle-rows", "--block-rows",
        "100", "--no-plots", "--no-spark-model", "--output", out.toString());
    assertEquals(0, train.code(), train.err());
    ObjectMapper mapper = new ObjectMapper();
    JsonNode json = mapper.readTree(out.resolve("model.json").toFile());
    assertEquals(1e-12, json.get("gradientTol").asDouble(), 0.0);
    assertEquals(50, json.get("patience").asInt());
    assertEquals(3, json.get("tolEvaluations").asInt());
    assertEquals(0, json.get("averageFrom").asInt(), "the last iterate");
    assertEquals(0.25, json.get("validationFraction").asDouble(), 0.0);
    assertEquals(7, json.get("stepEvery").asInt());
    assertEquals("float32", json.get("precision").asText());
    assertEquals(5, json.get("logEvery").asInt());
    assertTrue(json.get("shuffleRows").asBoolean());
    assertEquals(100, json.get("blockRows").asInt());
    assertEquals(System.getProperty("java.version"), json.get("javaVersion").asText());
    CliRun version = CliRun.withoutSpark("--version");
    assertEquals("spark-dgd " + json.get("sparkDgdVersion").asText(), version.out().strip());
    assertEquals(1, json.get("kernels").size(), json.toString());
    assertTrue(json.get("kernels").get(0).asText().startsWith("float32 blocks: the squared loss runs "),
        json.toString());

    // the same file as written before these settings were recorded
    ObjectNode older = (ObjectNode) json.deepCopy();
    older.remove(ADDED);
    Path oldDir = Files.createDirectories(tmp.resolve("older"));
    mapper.writeValue(oldDir.resolve("model.json").toFile(), older);
    LinearModel now = SavedModel.read(new Configuration(), out.toString());
    LinearModel before = SavedModel.read(new Configuration(), oldDir.toString());
    assertArrayEquals(now.coefficients(), before.coefficients(), 0.0);
    assertEquals(now.intercept(), before.intercept(), 0.0);

    CliRun evaluate = CliRun.of("evaluate", "--model", oldDir.toString(), "--data", "sample-data/tutorial.csv",
        "--output", tmp.resolve("evaluation.json").toString());
    assertEquals(0, evaluate.code(), evaluate.err());
    CliRun warmStart = CliRun.of("--data", "sample-data/tutorial.csv", "--epochs", "1", "--init-model",
        oldDir.toString(), "--no-plots", "--no-spark-model", "--output", tmp.resolve("again").toString());
    assertEquals(0, warmStart.code(), warmStart.err());
  }
}
