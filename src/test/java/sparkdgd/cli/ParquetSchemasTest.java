package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.data.InputError;
import sparkdgd.data.ParquetSource;
import sparkdgd.testing.Generated;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.ParquetFiles;
import sparkdgd.testing.SparkTestSession;

/**
 * Parquet files whose schemas differ. Spark reads all files with one file's columns: before the footers were
 * compared, a column only the second file had was silently dropped (exit 0), one it lacked was "a null value",
 * and one of another type was "a data page is corrupt". Now the run stops before reading, naming both files.
 */
@Tag("spark")
class ParquetSchemasTest {
  private static final int ROWS = 200;

  @TempDir
  Path tmp;

  /** Feature a of row i (ScoringParquetSchemasTest's data too). */
  static double a(int i) {
    return (i * 37 % 101) / 10.0;
  }

  /** Feature b of row i. */
  static double b(int i) {
    return (i * 53 % 89) / 10.0;
  }

  /** y = 2a - b + 0.5 plus a deterministic wiggle, so no fit is exact. */
  private static double y(int i) {
    return 2 * a(i) - b(i) + 0.5 + 0.01 * ((i * 7 % 13) - 6);
  }

  /** Writes rows {@code from..from+ROWS-1} as the single Parquet file tmp/data/{@code name}. */
  private Path parquet(String name, StructType schema, int from, IntFunction<Object[]> row) throws IOException {
    return ParquetFiles.write(tmp, tmp.resolve("data"), name, schema, from, ROWS, row);
  }

  private static StructType doubles(String... names) {
    return ParquetFiles.doubles(names);
  }

  /** Runs on tmp/data; checks exit code 2, one line on stderr, no stack trace, no output; returns the line. */
  private String fails(String... flags) {
    Path out = tmp.resolve("out");
    List<String> args = new ArrayList<>(List.of("--data", tmp.resolve("data").toString(), "--format", "parquet",
        "--output", out.toString()));
    args.addAll(List.of(flags));
    return CliRun.of(args.toArray(new String[0])).refusedInOneLine(out);
  }

  @Test
  void aFeatureColumnOnlyTheSecondFileHasIsRefusedNamingBothFiles() throws Exception {
    Path f1 = parquet("f1.parquet", doubles("a", "y"), 0, i -> new Object[] {a(i), y(i)});
    Path f2 = parquet("f2.parquet", doubles("a", "b", "y"), ROWS, i -> new Object[] {a(i), b(i), y(i)});
    // before: exit 0, trained on a alone; b, a feature in f2, silently dropped
    String err = fails();
    assertTrue(err.startsWith("error: file:" + f2 + ": column \"b\" (double) would be a feature here but not in file:" + f1
        + "; without --features every numeric column but the label is a feature"), err);
    assertTrue(err.endsWith("rewrite the files with one schema, or choose the features they share with --features a"),
        err);
  }

  @Test
  void aColumnTheRunDoesNotReadMayDiffer() throws Exception {
    parquet("f1.parquet", doubles("a", "y"), 0, i -> new Object[] {a(i), y(i)});
    parquet("f2.parquet", doubles("a", "b", "y"), ROWS, i -> new Object[] {a(i), b(i), y(i)});
    Path out = tmp.resolve("model");
    CliRun run = CliRun.of("--data", tmp.resolve("data").toString(), "--features", "a", "--output", out.toString(),
        "--epochs", "50", "--tol", "0", "--no-plots", "--no-spark-model");
    assertEquals(0, run.code(), run.out() + run.err());
    // every row of both files, y on a alone: the least-squares line by the normal equations
    double[][] x = new double[2 * ROWS][];
    double[] y = new double[2 * ROWS];
    for (int i = 0; i < 2 * ROWS; i++) {
      x[i] = new double[] {a(i)};
      y[i] = y(i);
    }
    double[] fitted = Generated.coefficientsAndIntercept(new ObjectMapper().readTree(out.resolve("model.json").toFile()));
    // one standardised feature: the automatic step solves it in one epoch, so only rounding is left
    assertTrue(LeastSquares.relativeError(fitted, LeastSquares.solveWithIntercept(x, y)) < 1e-9,
        java.util.Arrays.toString(fitted));
  }

  @Test
  void aFeatureColumnTheSecondFileLacksIsRefused() throws Exception {
    Path f1 = parquet("f1.parquet", doubles("a", "b", "y"), 0, i -> new Object[] {a(i), b(i), y(i)});
    Path f2 = parquet("f2.parquet", doubles("a", "y"), ROWS, i -> new Object[] {a(i), y(i)});
    // before: 'column "b" has a null value; fill or drop the nulls before training'
    assertEquals("error: file:" + f2 + ": has no column \"b\", which the run reads as a feature (it is in file:" + f1
        + "); every file needs the columns the run reads: rewrite the files with one schema, or choose with --features "
        + "columns every file has", fails());
  }

  @Test
  void aColumnOfAnotherTypeIsASchemaMismatchNotACorruptFile() throws Exception {
    StructType longs = new StructType().add("a", DataTypes.LongType, false).add("b", DataTypes.DoubleType, false)
        .add("y", DataTypes.DoubleType, false);
    Path f1 = parquet("f1.parquet", longs, 0, i -> new Object[] {(long) (10 * a(i)), b(i), y(i)});
    Path f2 = parquet("f2.parquet", doubles("a", "b", "y"), ROWS, i -> new Object[] {a(i), b(i), y(i)});
    // before: "cannot read as Parquet, a data page is corrupt (SchemaColumnConvertNotSupportedException ...)"
    assertEquals("error: file:" + f2 + ": column \"a\" is double here but bigint in file:" + f1 + "; the files must "
        + "agree on the type of every column the run reads: rewrite them with one schema (\"a\" of one type in every "
        + "file); int and bigint columns are read together, and so are int, float and double ones, but not bigint with "
        + "float or double, nor decimals", fails());
  }

  /**
   * Files appended over time in other number types (int then bigint, float then double) train and score together,
   * read as the one type that holds both exactly: the least-squares solution of every row, as read; they were refused
   * ("column a is bigint here but int in ...").
   */
  @Test
  void numberColumnsInTypesOneTypeReadsTrainAndScoreTogether() throws Exception {
    StructType narrow = new StructType().add("a", DataTypes.IntegerType, false).add("b", DataTypes.FloatType, false)
        .add("y", DataTypes.FloatType, false);
    StructType wide = new StructType().add("a", DataTypes.LongType, false).add("b", DataTypes.DoubleType, false)
        .add("y", DataTypes.DoubleType, false);
    parquet("f1.parquet", narrow, 0, i -> new Object[] {i % 11, (float) b(i), (float) y(i)});
    parquet("f2.parquet", wide, ROWS, i -> new Object[] {(long) (i % 11), b(i), y(i)});
    double[][] x = new double[2 * ROWS][];
    double[] labels = new double[2 * ROWS];
    for (int i = 0; i < 2 * ROWS; i++) {
      boolean first = i < ROWS;
      x[i] = new double[] {i % 11, first ? (float) b(i) : b(i)};
      labels[i] = first ? (float) y(i) : y(i);
    }
    Path out = tmp.resolve("model");
    CliRun run = CliRun.of("--data", tmp.resolve("data").toString(), "--output", out.toString(), "--optimizer",
        "lbfgs", "--tol", "1e-14", "--epochs", "500", "--no-plots");
    assertEquals(0, run.code(), run.err());
    double[] c = Generated.coefficientsAndIntercept(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        out.resolve("model.json").toFile()));
    assertTrue(LeastSquares.relativeError(c, LeastSquares.solveWithIntercept(x, labels)) < 1e-8,
        java.util.Arrays.toString(c));
    Path scored = tmp.resolve("scored.parquet");
    CliRun predict = CliRun.of("predict", "--model", out.toString(), "--data", tmp.resolve("data").toString(),
        "--output", scored.toString());
    assertEquals(0, predict.code(), predict.err());
    List<org.apache.spark.sql.Row> rows = SparkTestSession.get().read().parquet(scored.toString()).collectAsList();
    assertEquals(2 * ROWS, rows.size());
    // the rows written, (a, b, prediction), against the rows as written to the input (f1's b a float): the same
    // values, each with w.x + b computed here from them
    double[][] written = new double[rows.size()][];
    for (int i = 0; i < written.length; i++) {
      org.apache.spark.sql.Row r = rows.get(i);
      written[i] = new double[] {r.getDouble(r.fieldIndex("a")), r.getDouble(r.fieldIndex("b")),
          r.getDouble(r.fieldIndex("prediction"))};
    }
    java.util.Comparator<double[]> byAB = java.util.Comparator.<double[]>comparingDouble(v -> v[0])
        .thenComparingDouble(v -> v[1]);
    java.util.Arrays.sort(written, byAB);
    double[][] input = x.clone();
    java.util.Arrays.sort(input, byAB);
    for (int i = 0; i < input.length; i++) {
      assertEquals(input[i][0], written[i][0], 0.0, "a of row " + i);
      assertEquals(input[i][1], written[i][1], 0.0, "b of row " + i);
      double expected = c[0] * input[i][0] + c[1] * input[i][1] + c[2];
      assertEquals(expected, written[i][2], 1e-12 * (1 + Math.abs(expected)), "prediction of row " + i);
    }
  }

  @Test
  void aLabelEachFileWouldChooseDifferentlyIsRefused() throws Exception {
    // no y, no label: the label is the last column, z in f1 but b in f2
    Path f1 = parquet("f1.parquet", doubles("a", "b", "z"), 0, i -> new Object[] {a(i), b(i), y(i)});
    Path f2 = parquet("f2.parquet", doubles("a", "z", "b"), ROWS, i -> new Object[] {a(i), y(i), b(i)});
    assertEquals("error: file:" + f2 + ": without --label-col the label would be \"b\" here but is \"z\" in file:" + f1
        + " (the column y, else label, else the last column); pass --label-col", fails("--features", "a"));
  }

  @Test
  void sparksColumnTypeFailureInATaskIsReportedAsASchemaMismatch() throws Exception {
    // what Spark does with a file replaced after the footers were compared: the run's schema says int, the file double
    Path f = parquet("f.parquet", doubles("a", "y"), 0, i -> new Object[] {a(i), y(i)});
    StructType asInts = new StructType().add("a", DataTypes.IntegerType).add("y", DataTypes.DoubleType);
    Exception e = assertThrows(Exception.class,
        () -> SparkTestSession.get().read().schema(asInts).parquet(f.toString()).collectAsList());
    InputError input = ParquetSource.readFailure(e);
    assertNotNull(input, "a failure of the Parquet reader naming the file");
    // Spark names the file file:///..., the listing file:/...
    assertTrue(input.getMessage().startsWith("file:") && input.getMessage().endsWith(f + ": column \"a\" is stored as "
        + "DOUBLE in this file but read as int, the type the run reads it as in every file; the files' schemas "
        + "differ: rewrite them with one schema"), input.getMessage());
  }

  @Test
  void aHiveStyleDirectoryNameIsNoColumnEvenWhenNamedInFeatures() throws Exception {
    Path k1 = parquet("part-1.parquet", doubles("a", "y"), 0, i -> new Object[] {a(i), y(i)});
    Files.move(k1, Files.createDirectories(tmp.resolve("data/k=1")).resolve("part-1.parquet"));
    // files are read one by one, without the partition discovery that made k a column (and a feature)
    String err = fails("--features", "a,k");
    assertTrue(err.endsWith("feature column \"k\" (from --features) is not among the columns [a, y]; \"k\" is in the "
        + "folder names (k=1/...): Spark's partitioning, while only the files' own columns are read"), err);
  }
}
