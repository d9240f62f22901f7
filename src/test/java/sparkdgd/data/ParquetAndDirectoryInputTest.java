package sparkdgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.InputFormat;
import sparkdgd.testing.Configs;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.ParquetFiles;
import sparkdgd.testing.PartitionLabels;
import sparkdgd.testing.SparkTestSession;
import sparkdgd.train.ProgressListener;
import sparkdgd.train.TrainingJob;
import sparkdgd.train.TrainingSummary;

/** The same rows as one CSV, as a directory of CSV parts and as Parquet train to the same model. */
@Tag("spark")
class ParquetAndDirectoryInputTest {

  private static double[] fit(Object data, int partitions) {
    return coefficientsAndIntercept(train(data, partitions));
  }

  private static TrainingSummary train(Object data, int partitions) {
    return TrainingJob.run(SparkTestSession.get(),
        Configs.data(data).epochs(60).tol(0).partitions(partitions).build(), ProgressListener.NONE);
  }

  private static double[] coefficientsAndIntercept(TrainingSummary s) {
    double[] c = java.util.Arrays.copyOf(s.model().coefficients(), s.model().coefficients().length + 1);
    c[c.length - 1] = s.model().intercept();
    return c;
  }

  /** Writes {@code d} as Parquet with an extra string column that must be ignored. */
  private static Path writeParquet(SparkSession spark, Dataset d, Path dir) {
    return writeParquet(spark, d, 0, d.rows(), dir);
  }

  /** Writes rows {@code from} (inclusive) to {@code to} (exclusive) of {@code d} as Parquet into {@code dir}. */
  private static Path writeParquet(SparkSession spark, Dataset d, int from, int to, Path dir) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField("id", DataTypes.StringType, false));
    for (String name : d.featureNames()) {
      fields.add(DataTypes.createStructField(name, DataTypes.DoubleType, true));
    }
    fields.add(DataTypes.createStructField("y", DataTypes.DoubleType, true));
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Object[] v = new Object[d.dims() + 2];
      v[0] = "row-" + i;
      for (int j = 0; j < d.dims(); j++) {
        v[j + 1] = d.x()[i][j];
      }
      v[d.dims() + 1] = d.y()[i];
      rows.add(RowFactory.create(v));
    }
    spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0]))).repartition(3)
        .write().parquet(dir.toString());
    return dir;
  }

  /** {@code csv}'s rows in equal parts in {@code dir}, named {@code names}, each with the header line first. */
  private static Path writeParts(Path csv, Path dir, List<String> names) throws java.io.IOException {
    List<String> lines = Files.readAllLines(csv);
    int rows = (lines.size() - 1) / names.size();
    Files.createDirectories(dir);
    for (int p = 0; p < names.size(); p++) {
      List<String> part = new ArrayList<>(List.of(lines.get(0)));
      part.addAll(lines.subList(1 + p * rows, 1 + (p + 1) * rows));
      Files.write(dir.resolve(names.get(p)), part);
    }
    return dir;
  }

  @Test
  void csvFileCsvDirectoryAndParquetGiveTheSameModel(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(1500, new double[] {2, -1, 0.5}, 1.0, 0.5, 0.2, 31);
    Path csv = d.writeCsv(tmp.resolve("all.csv"));
    Path parts = writeParts(csv, tmp.resolve("parts"), List.of("part-0.csv", "part-1.csv", "part-2.csv"));
    Files.writeString(parts.resolve("_SUCCESS"), ""); // marker files are skipped
    Path parquet = writeParquet(SparkTestSession.get(), d, tmp.resolve("data.parquet"));

    double[] fromCsv = fit(csv, 3);
    double[] fromParts = fit(parts.toString() + "/", 3);
    double[] fromParquet = fit(parquet, 3);
    assertTrue(LeastSquares.relativeError(fromParts, fromCsv) < 1e-12, "directory of CSV parts");
    assertTrue(LeastSquares.relativeError(fromParquet, fromCsv) < 1e-12, "Parquet");
    // and all of them near the closed form after 60 epochs (a check that training ran at all)
    assertTrue(LeastSquares.relativeError(fromCsv, LeastSquares.solveWithIntercept(d.x(), d.y())) < 1e-3);
  }

  /**
   * The listing found part[1].csv, then Hadoop's text input took its path for a pattern ("matches 0 files", exit
   * 1), as it did part{2}.csv named on its own; Hadoop's list of input paths is split at commas, and a backslash in
   * it escapes (part\4.csv). And a glob over the directory reads what the directory does: not its _SUCCESS, nor a
   * .hidden.csv that is no data.
   */
  @Test
  void csvFilesWhoseNamesHoldGlobCharactersCommasOrBackslashesAreRead(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(1500, new double[] {2, -1, 0.5}, 1.0, 0.5, 0.2, 41);
    Path csv = d.writeCsv(tmp.resolve("all.csv"));
    Path parts = writeParts(csv, tmp.resolve("parts"),
        List.of("part[1].csv", "part{2}.csv", "part,3.csv", "part\\4.csv"));
    Files.writeString(parts.resolve("_SUCCESS"), "");
    Files.writeString(parts.resolve(".hidden.csv"), "not,data\n");
    Path second = Files.write(tmp.resolve("second.csv"), Files.readAllLines(parts.resolve("part{2}.csv")));

    double[] fromCsv = fit(csv, 3);
    assertTrue(LeastSquares.relativeError(fit(parts, 3), fromCsv) < 1e-12, "the directory");
    assertTrue(LeastSquares.relativeError(fit(parts + "/*", 3), fromCsv) < 1e-12, "every name in it");
    assertTrue(LeastSquares.relativeError(fit(parts + "/part\\{2\\}.csv", 3), fit(second, 3)) < 1e-12,
        "one file, its braces escaped");
  }

  @Test
  void parquetInNestedDirectoriesIsReadRecursively(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(1200, new double[] {2, -1, 0.5}, 1.0, 0.5, 0.2, 37);
    double[] fromCsv = fit(d.writeCsv(tmp.resolve("all.csv")), 3);
    SparkSession spark = SparkTestSession.get();
    // the README: a directory is read recursively; CSV files in sub1/ and sub2/ were, Parquet failed to infer a schema.
    // [1] in a name: Spark must take the listed files' paths as they are, not as glob patterns ("sub1").
    Path nested = tmp.resolve("nested");
    writeParquet(spark, d, 0, 700, nested.resolve("sub[1]"));
    writeParquet(spark, d, 700, 1200, nested.resolve("sub2"));
    assertTrue(LeastSquares.relativeError(fit(nested, 3), fromCsv) < 1e-12, "files in sub[1]/ and sub2/");
  }

  @Test
  void hiveStyleDirectoryNamesAreNotColumns(@TempDir Path tmp) throws Exception {
    Dataset d = Dataset.correlated(1200, new double[] {2, -1, 0.5}, 1.0, 0.5, 0.2, 37);
    double[] fromCsv = fit(d.writeCsv(tmp.resolve("all.csv")), 3);
    SparkSession spark = SparkTestSession.get();
    // Spark given the directory took k=1/ and k=2/ for a partition column k, and k became a fourth feature
    Path hive = tmp.resolve("hive");
    writeParquet(spark, d, 0, 700, hive.resolve("k=1"));
    writeParquet(spark, d, 700, 1200, hive.resolve("k=2"));
    TrainingSummary s = train(hive, 3);
    assertEquals(d.featureNames(), s.model().featureNames());
    assertTrue(LeastSquares.relativeError(coefficientsAndIntercept(s), fromCsv) < 1e-12, "k=1/ and k=2/");
  }

  /** Each partition's labels, as Spark holds the loaded blocks of {@code data} read with automatic partitions. */
  private static List<double[]> labelsByPartition(Path data) {
    return PartitionLabels.of(data, InputFormat.PARQUET, 0);
  }

  /**
   * One small Parquet file is one partition of Spark's reader. With automatic partitions its rows are spread over
   * Spark's default parallelism (2 on the test session, local[2,2]), dealt round robin: 750 rows each, every label
   * once; and they train to the model of the same rows as CSV in as many partitions (each partition's sums hold
   * other rows, so within rounding, not to the bit).
   */
  @Test
  void aSingleParquetFileIsSpreadOverTheDefaultParallelismWhenPartitionsAreAutomatic(@TempDir Path tmp)
      throws Exception {
    assertEquals(2, SparkTestSession.get().sparkContext().defaultParallelism(), "the test session is local[2,2]");
    Dataset d = Dataset.correlated(1500, new double[] {2, -1, 0.5}, 1.0, 0.5, 0.2, 43);
    Path file = ParquetFiles.write(tmp, tmp.resolve("one"), "rows.parquet", ParquetFiles.doubles("x1", "x2", "x3", "y"),
        0, d.rows(), i -> new Object[] {d.x()[i][0], d.x()[i][1], d.x()[i][2], d.y()[i]});

    List<double[]> parts = labelsByPartition(file);
    assertEquals(2, parts.size(), "partitions Spark reports");
    assertEquals(750, parts.get(0).length);
    assertEquals(750, parts.get(1).length);
    double[] all = parts.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
    double[] written = d.y().clone();
    Arrays.sort(written);
    assertArrayEquals(written, all, 0.0, "every row once, its label as written");

    TrainingSummary fromParquet = train(file, 0);
    assertEquals(2, fromParquet.partitions());
    double[] fromCsv = fit(d.writeCsv(tmp.resolve("all.csv")), 2);
    double diff = LeastSquares.relativeError(coefficientsAndIntercept(fromParquet), fromCsv);
    assertTrue(diff < 1e-12, "one Parquet file in 2 automatic partitions vs CSV in --partitions 2: " + diff);
  }

  @Test
  void nullInParquetIsABadInputNamingFileAndColumn(@TempDir Path tmp) {
    SparkSession spark = SparkTestSession.get();
    StructType schema = new StructType(new StructField[] {
        DataTypes.createStructField("x", DataTypes.DoubleType, true),
        DataTypes.createStructField("y", DataTypes.DoubleType, true)});
    Path dir = tmp.resolve("nulls.parquet");
    spark.createDataFrame(List.of(RowFactory.create(1.0, 2.0), RowFactory.create(null, 3.0)), schema)
        .coalesce(1).write().parquet(dir.toString());
    InputError e = firstInputError(() -> fit(dir, 1));
    assertTrue(e.getMessage().contains("nulls.parquet/part-"), e.getMessage());
    assertTrue(e.getMessage().endsWith(": row 2 of the file: column \"x\" has a null value; fill or drop the nulls "
        + "before training, or leave the column out with --features"), e.getMessage());
    assertEquals(-1, e.byteOffset());
  }

  @Test
  void aNonFiniteValueDeepInABigParquetFileIsPlacedByItsRowInTheFile(@TempDir Path tmp) {
    SparkSession spark = SparkTestSession.get();
    StructType schema = new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
    int rows = 30_000;
    int bad = 23_456; // 0-based: the file's row 23,457
    List<Row> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      data.add(RowFactory.create(i == bad ? Double.NaN : i * 1e-4, 2.0 * i * 1e-4));
    }
    Path dir = tmp.resolve("big.parquet");
    // row groups of 64 KiB: the file is read in several splits, so a task's count of its rows is not the place
    spark.createDataFrame(data, schema).coalesce(1).write().option("parquet.block.size", 64 * 1024)
        .parquet(dir.toString());
    for (int partitions : new int[] {1, 4}) {
      InputError e = firstInputError(() -> fit(dir, partitions));
      assertTrue(e.getMessage().endsWith(": row " + (bad + 1) + " of the file: column \"x\" holds NaN; training "
          + "needs finite values (fix or drop those rows)"), partitions + " partitions: " + e.getMessage());
    }
  }

  /** The {@link InputError} that {@code run} throws, or that Spark wraps in the exception it throws. */
  private static InputError firstInputError(org.junit.jupiter.api.function.Executable run) {
    return org.junit.jupiter.api.Assertions.assertThrows(InputError.class, () -> {
      try {
        run.execute();
      } catch (Exception wrapped) {
        for (Throwable t = wrapped; t != null; t = t.getCause()) {
          if (t instanceof InputError ie) {
            throw ie;
          }
        }
        throw wrapped;
      }
    });
  }
}
