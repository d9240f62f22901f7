package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.LeastSquares;

/**
 * A Parquet column of a type Spark's reader does not read: pyarrow writes a float16 column as FLOAT16 (a user review
 * saw exit code 1 and Spark's AnalysisException, naming neither the file nor the column).
 */
@Tag("spark")
class UnreadableParquetColumnTest {
  private static final int ROWS = 100;

  @TempDir
  Path tmp;

  /** Rows x, y = 2x + 1 + noise in double columns, and, with {@code half}, a column h of half-precision floats. */
  private static double[][] write(Path file, boolean half, long seed) throws IOException {
    Types.GroupBuilder<MessageType> columns = Types.buildMessage().required(PrimitiveTypeName.DOUBLE).named("x");
    if (half) {
      columns.required(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY).length(2).as(LogicalTypeAnnotation.float16Type())
          .named("h");
    }
    MessageType type = columns.required(PrimitiveTypeName.DOUBLE).named("y").named("frame");
    Random r = new Random(seed);
    double[][] rows = new double[ROWS][];
    try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toUri()))
        .withType(type).withConf(new Configuration()).build()) {
      SimpleGroupFactory groups = new SimpleGroupFactory(type);
      for (int i = 0; i < ROWS; i++) {
        double x = r.nextDouble();
        rows[i] = new double[] {x, 2 * x + 1 + 0.01 * r.nextGaussian()};
        Group g = groups.newGroup().append("x", x);
        if (half) {
          g.append("h", Binary.fromConstantByteArray(new byte[] {0, 0x3c})); // 1.0 in IEEE half precision
        }
        writer.write(g.append("y", rows[i][1]));
      }
    }
    return rows;
  }

  @Test
  void aFloat16ColumnIsNamedWithItsFileAndHowToWriteIt() throws Exception {
    Path data = tmp.resolve("half.parquet");
    write(data, true, 1);
    Path output = tmp.resolve("out");
    String line = CliRun.of("--data", data.toString(), "--epochs", "2", "--no-plots", "--output", output.toString())
        .refusedInOneLine(output);
    assertEquals("error: file:" + data + ": cannot read as Parquet: column \"h\": Illegal Parquet type: "
        + "FIXED_LEN_BYTE_ARRAY (FLOAT16); write such a column as float or double (pyarrow: .cast(pa.float32()), "
        + "pandas: .astype('float32')), or leave it out of the file, or pass --on-bad-record skip", line);

    Path scored = tmp.resolve("scored");
    line = CliRun.of("predict", "--model", model(), "--data", data.toString(), "--output", scored.toString())
        .refusedInOneLine(scored);
    assertTrue(line.contains(data + ": cannot read as Parquet: column \"h\": Illegal Parquet type: "
        + "FIXED_LEN_BYTE_ARRAY (FLOAT16); write such a column"), line);
    assertTrue(!line.contains("--on-bad-record"), line);
  }

  @Test
  void skippingTrainsOnTheOtherFiles() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    write(data.resolve("a-half.parquet"), true, 2);
    double[][] rows = write(data.resolve("b.parquet"), false, 3);
    Path output = tmp.resolve("out");
    CliRun run = CliRun.of("--data", data.toString(), "--on-bad-record", "skip", "--optimizer", "lbfgs", "--tol", "0",
        "--gradient-tol", "1e-12", "--epochs", "200", "--no-plots", "--no-spark-model", "--output", output.toString());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("column \"h\": Illegal Parquet type: FIXED_LEN_BYTE_ARRAY (FLOAT16)"), run.out());
    JsonNode model = new ObjectMapper().readTree(output.resolve("model.json").toFile());
    double[][] x = new double[ROWS][];
    double[] y = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      x[i] = new double[] {rows[i][0]};
      y[i] = rows[i][1];
    }
    double[] expected = LeastSquares.solveWithIntercept(x, y);
    double[] fitted = {model.get("coefficients").get(0).asDouble(), model.get("intercept").asDouble()};
    assertTrue(LeastSquares.relativeError(fitted, expected) < 1e-6, java.util.Arrays.toString(fitted));
  }

  /** A model of y on x, written by training on a file of double columns. */
  private String model() throws IOException {
    Path data = tmp.resolve("good.parquet");
    write(data, false, 4);
    Path output = tmp.resolve("model");
    CliRun run = CliRun.of("--data", data.toString(), "--epochs", "2", "--no-plots", "--no-spark-model", "--output",
        output.toString());
    assertEquals(0, run.code(), run.err());
    return output.toString();
  }
}
