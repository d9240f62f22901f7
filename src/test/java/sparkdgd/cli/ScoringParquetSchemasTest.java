package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static sparkdgd.cli.ParquetSchemasTest.a;
import static sparkdgd.cli.ParquetSchemasTest.b;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.ParquetFiles;
import sparkdgd.testing.SparkTestSession;

/**
 * predict and evaluate over Parquet files whose schemas differ. Spark reads every file with one file's columns:
 * predict dropped a column only a later file had from all its output (exit 0), and a column of another type failed
 * as a corrupt file. Like CSV files, which must share one header, the files must now share their columns and types
 * (in any order); the run stops before reading, naming both files. The model is {@link PredictCommandTest}'s:
 * y = 2.5 a - 1.0 b + 0.5.
 */
@Tag("spark")
class ScoringParquetSchemasTest {
  private static final int ROWS = 50;

  @TempDir
  Path tmp;


  private Path parquet(String name, StructType schema, int from, IntFunction<Object[]> row) throws IOException {
    return ParquetFiles.write(tmp, tmp.resolve("data"), name, schema, from, ROWS, row);
  }

  /** Runs predict or evaluate on tmp/data; checks exit code 2, one line on stderr, no stack trace, no output. */
  private String fails(String command, String... flags) throws Exception {
    Path out = tmp.resolve("out");
    List<String> args = new java.util.ArrayList<>(List.of(command, "--model", PredictCommandTest.model(tmp).toString(),
        "--data", tmp.resolve("data").toString(), "--output", out.toString()));
    args.addAll(List.of(flags));
    return CliRun.of(args.toArray(new String[0])).refusedInOneLine(out);
  }

  @Test
  void aColumnOnlyTheSecondFileHasIsRefusedByPredict() throws Exception {
    Path f1 = parquet("f1.parquet", ParquetFiles.doubles("a", "b", "y"), 0, i -> new Object[] {a(i), b(i), 1.0});
    Path f2 = parquet("f2.parquet", ParquetFiles.doubles("a", "b", "y", "note"), ROWS,
        i -> new Object[] {a(i), b(i), 1.0, 7.0});
    // before: exit 0, and "note" missing from every output row, f2's too
    assertEquals("error: file:" + f2 + ": has column \"note\" (double), which file:" + f1 + " has not; the files "
        + "must have the same columns with the same types (in any order), as CSV files share one header: rewrite "
        + "them with one schema", fails("predict"));
  }

  @Test
  void aColumnTheSecondFileLacksIsRefusedByEvaluate() throws Exception {
    Path f1 = parquet("f1.parquet", ParquetFiles.doubles("a", "b", "y"), 0, i -> new Object[] {a(i), b(i), 1.0});
    Path f2 = parquet("f2.parquet", ParquetFiles.doubles("a", "y"), ROWS, i -> new Object[] {a(i), 1.0});
    assertEquals("error: file:" + f2 + ": has no column \"b\" (double), which file:" + f1 + " has; the files "
        + "must have the same columns with the same types (in any order), as CSV files share one header: rewrite "
        + "them with one schema", fails("evaluate"));
  }

  @Test
  void aColumnOfAnotherTypeIsASchemaMismatchNotACorruptFile() throws Exception {
    StructType longs = new StructType().add("a", DataTypes.LongType, false).add("b", DataTypes.DoubleType, false)
        .add("y", DataTypes.DoubleType, false);
    Path f1 = parquet("f1.parquet", longs, 0, i -> new Object[] {(long) (10 * a(i)), b(i), 1.0});
    Path f2 = parquet("f2.parquet", ParquetFiles.doubles("a", "b", "y"), ROWS, i -> new Object[] {a(i), b(i), 1.0});
    String expected = "error: file:" + f2 + ": column \"a\" is double here but bigint in file:" + f1 + "; the files "
        + "must have the same columns with the same types (in any order), as CSV files share one header: rewrite "
        + "them with one schema; int and bigint columns are read together, and so are int, float and double ones, but "
        + "not bigint with float or double, nor decimals";
    assertEquals(expected, fails("predict"));
    assertEquals(expected, fails("evaluate"));
  }

  @Test
  void aFileThatIsNotParquetIsNamed() throws Exception {
    parquet("f1.parquet", ParquetFiles.doubles("a", "b", "y"), 0, i -> new Object[] {a(i), b(i), 1.0});
    Path text = Files.writeString(tmp.resolve("data/f2.parquet"), "a,b,y\n1,2,3\n");
    String err = fails("predict");
    assertTrue(err.startsWith("error: file:" + text + ": cannot read as Parquet ("), err);
    assertTrue(err.endsWith("); replace or delete the file"), err);
  }

  @Test
  void aColumnNamedInAnotherCaseIsCalledSo() throws Exception {
    Path f1 = parquet("f1.parquet", ParquetFiles.doubles("a", "b", "y"), 0, i -> new Object[] {a(i), b(i), 1.0});
    Path f2 = parquet("f2.parquet", ParquetFiles.doubles("a", "B", "y"), ROWS, i -> new Object[] {a(i), b(i), 1.0});
    assertEquals("error: file:" + f2 + ": has no column \"b\" (double), which file:" + f1 + " has (it has \"B\": "
        + "column names must match in case too); the files must have the same columns with the same types (in any "
        + "order), as CSV files share one header: rewrite them with one schema", fails("evaluate"));
  }

  @Test
  void aCsvFileAmongParquetFilesIsToldToMoveNotToChangeTheFormat() throws Exception {
    parquet("f1.parquet", ParquetFiles.doubles("a", "b", "y"), 0, i -> new Object[] {a(i), b(i), 1.0});
    Path notes = Files.writeString(tmp.resolve("data/notes.csv"), "a,b,y\n1,2,3\n");
    String err = fails("predict", "--format", "parquet"); // without it the mix of formats is refused first
    assertTrue(err.startsWith("error: file:" + notes + ": cannot read as Parquet ("), err);
    assertTrue(err.endsWith("); its name says csv: move it out of the data, which is read as Parquet, or replace or "
        + "delete it"), err);
  }

  @Test
  void filesWithTheirColumnsInAnotherOrderAreScoredByName() throws Exception {
    parquet("f1.parquet", ParquetFiles.doubles("a", "b", "y"), 0, i -> new Object[] {a(i), b(i), (double) i});
    parquet("f2.parquet", ParquetFiles.doubles("y", "b", "a"), ROWS, i -> new Object[] {(double) i, b(i), a(i)});
    Path out = tmp.resolve("scored");
    CliRun run = CliRun.of("predict", "--model", PredictCommandTest.model(tmp).toString(), "--data",
        tmp.resolve("data").toString(), "--output", out.toString(), "--output-format", "parquet");
    assertEquals(0, run.code(), run.out() + run.err());
    List<Row> rows = SparkTestSession.get().read().parquet(out.toString()).collectAsList();
    assertEquals(2 * ROWS, rows.size());
    for (Row r : rows) {
      int i = (int) r.getDouble(r.fieldIndex("y")); // y holds the row's number
      assertEquals(a(i), r.getDouble(r.fieldIndex("a")), 0.0);
      assertEquals(2.5 * a(i) - b(i) + 0.5, r.getDouble(r.fieldIndex("prediction")), 1e-12);
    }
  }
}
