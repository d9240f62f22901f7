package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

/**
 * pandas' {@code DataFrame.to_parquet} writes a DataFrame's index as a column after the others: {@code
 * __index_level_0__} when it has no name, else its name, listed in the footer's pandas metadata. Such a column was
 * trained on as a feature, and, with no y or label column, taken as the label (the last column).
 */
@Tag("spark")
class PandasIndexColumnsTest {
  private static final int ROWS = 200;

  @TempDir
  Path tmp;

  /** Rows a, b, target = 3a - 2b + 1 + noise, and the row number, as pandas writes them. */
  private static double[][] rows() {
    Random r = new Random(11);
    double[][] rows = new double[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      double a = r.nextDouble();
      double b = r.nextDouble();
      rows[i] = new double[] {a, b, 3 * a - 2 * b + 1 + 0.01 * r.nextGaussian()};
    }
    return rows;
  }

  /** The least-squares coefficients and intercept of target on a and b. */
  private static double[] leastSquares(double[][] rows) {
    double[][] x = new double[ROWS][];
    double[] y = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      x[i] = new double[] {rows[i][0], rows[i][1]};
      y[i] = rows[i][2];
    }
    return LeastSquares.solveWithIntercept(x, y);
  }

  private JsonNode train(Path data, String name) throws Exception {
    CliRun run = CliRun.of("--data", data.toString(), "--optimizer", "lbfgs", "--tol", "0", "--gradient-tol", "1e-12",
        "--epochs", "500", "--no-plots", "--no-spark-model", "--output", tmp.resolve(name).toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("pandas' index, from DataFrame.to_parquet; --features names it to use it)"),
        run.out());
    return new ObjectMapper().readTree(tmp.resolve(name).resolve("model.json").toFile());
  }

  private static void assertFitOnAandB(JsonNode model, String label, double[] expected) {
    assertEquals(label, model.get("labelName").asText(), model.toString());
    assertEquals("[\"a\",\"b\"]", model.get("featureNames").toString(), model.toString());
    double[] fitted = {model.get("coefficients").get(0).asDouble(), model.get("coefficients").get(1).asDouble(),
        model.get("intercept").asDouble()};
    assertTrue(LeastSquares.relativeError(fitted, expected) < 1e-6, java.util.Arrays.toString(fitted));
  }

  @Test
  void anUnnamedIndexIsNeitherAFeatureNorTheLabel() throws Exception {
    double[][] rows = rows();
    List<Row> spark = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      spark.add(RowFactory.create(rows[i][0], rows[i][1], rows[i][2], (long) i));
    }
    StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
        .add("y", DataTypes.DoubleType).add("__index_level_0__", DataTypes.LongType);
    Path data = tmp.resolve("unnamed.parquet");
    SparkTestSession.get().createDataFrame(spark, schema).coalesce(1).write().parquet(data.toString());
    JsonNode model = train(data, "unnamed");
    assertFitOnAandB(model, "y", leastSquares(rows));
  }

  @Test
  void anIndexNamedInPandasMetadataIsNeitherAFeatureNorTheDefaultLabel() throws Exception {
    double[][] rows = rows();
    MessageType type = MessageTypeParser.parseMessageType(
        "message frame { required double a; required double b; required double target; required int64 id; }");
    String pandas = "{\"index_columns\": [\"id\"], \"column_indexes\": [], \"columns\": [], \"creator\": "
        + "{\"library\": \"pyarrow\"}, \"pandas_version\": \"2.2.3\"}";
    Path data = tmp.resolve("named.parquet");
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(data.toUri()))
        .withType(type).withConf(new Configuration()).withExtraMetaData(Map.of("pandas", pandas)).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(type);
      for (int i = 0; i < ROWS; i++) {
        writer.write(groups.newGroup().append("a", rows[i][0]).append("b", rows[i][1]).append("target", rows[i][2])
            .append("id", 1000L + i));
      }
    }
    JsonNode model = train(data, "named");
    assertFitOnAandB(model, "target", leastSquares(rows));
  }
}
