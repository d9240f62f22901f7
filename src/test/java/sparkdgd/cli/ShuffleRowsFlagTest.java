package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.LeastSquares;

/**
 * {@code --shuffle-rows} through the command line on sparse input with the other settings that touch the cached
 * blocks: a validation split, float32, more partitions than files. The model lands near the least-squares solution
 * of the same rows, the split holds out its share, and model.json says the rows were shuffled.
 */
@Tag("spark")
class ShuffleRowsFlagTest {

  @Test
  void sparseRowsShuffledWithAValidationSplitTrainNearLeastSquares(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(6000, new double[] {1.5, -2, 0.5}, 3, 0.3, 0.3, 11);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < d.rows(); i++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.17g", d.y()[i]));
      for (int j = 0; j < d.dims(); j++) {
        line.append(String.format(Locale.ROOT, " %d:%.17g", j + 1, d.x()[i][j]));
      }
      lines.add(line.toString());
    }
    Path data = Files.write(tmp.resolve("rows.libsvm"), lines);
    Path out = tmp.resolve("model");
    CliRun run = CliRun.of("--data", data.toString(), "--batch-fraction", "0.2", "--batch-run-rows", "16",
        "--shuffle-rows", "--validation-fraction", "0.2", "--precision", "float32", "--partitions", "3",
        "--learning-rate-schedule", "inverse-sqrt", "--epochs", "200", "--tol", "0", "--log-every", "100",
        "--no-plots", "--no-spark-model", "--output", out.toString());
    assertEquals(0, run.code(), run.err());
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    assertTrue(model.get("shuffleRows").asBoolean());
    long held = model.get("validationRows").asLong();
    assertTrue(Math.abs(held - 1200) < 120, "held out " + held + " of 6,000 rows at 0.2");
    Matcher rows = Pattern.compile("Data: ([\\d,]+) training rows \\(([\\d,]+) held out").matcher(run.out());
    assertTrue(rows.find(), run.out());
    assertEquals(6000, Long.parseLong(rows.group(1).replace(",", "")) + Long.parseLong(rows.group(2).replace(",", "")),
        "every row is trained on or held out once: " + rows.group());
    assertEquals(held, Long.parseLong(rows.group(2).replace(",", "")));
    double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
    double[] trained = new double[exact.length];
    for (int j = 0; j < d.dims(); j++) {
      trained[j] = model.get("coefficients").get(j).asDouble();
    }
    trained[d.dims()] = model.get("intercept").asDouble();
    double error = LeastSquares.relativeError(trained, exact);
    assertTrue(error < 1e-2, "relative error " + error + " against least squares on all rows");
  }
}
