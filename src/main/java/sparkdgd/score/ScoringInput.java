package sparkdgd.score;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import sparkdgd.config.InputFormat;
import sparkdgd.data.InputError;
import sparkdgd.data.InputFiles;

/**
 * Data to score or evaluate, as a DataFrame with every input column, read from the same files the
 * trainer would read ({@link InputFiles}: file, directory or glob; CSV with a header, or Parquet).
 * CSV columns stay text, exactly as written; the feature columns are parsed when rows are scored.
 *
 * @param rows   the input's columns, then {@link #FILE_COLUMN} (the file each row came from)
 * @param data   the {@code --data} value, for messages
 * @param format the format read
 */
public record ScoringInput(Dataset<Row> rows, String data, InputFormat format) {
  /** The hidden last column: the source file of each row, for error messages. */
  public static final String FILE_COLUMN = "__sparkdgd_file";

  /** Lists and reads {@code data}; {@code format} null means from the file extension. */
  public static ScoringInput read(SparkSession spark, String data, InputFormat format) {
    return read(spark, data, format, 0);
  }

  /**
   * As {@link #read(SparkSession, String, InputFormat)}; LIBSVM input is read with {@code libsvmFeatures}
   * features (the model's count, so rows without the last indices still have them) and spread into the
   * columns {@code label, x1..xD}, the names the trainer gives LIBSVM data.
   */
  public static ScoringInput read(SparkSession spark, String data, InputFormat format, int libsvmFeatures) {
    List<FileStatus> files = InputFiles.list(spark.sparkContext().hadoopConfiguration(), data);
    InputFormat f = format != null ? format : InputFiles.inferFormat(data, files);
    String[] paths = files.stream().map(s -> s.getPath().toString()).toArray(String[]::new);
    Dataset<Row> df;
    try {
      df = switch (f) {
        case CSV -> spark.read().option("header", "true").option("mode", "FAILFAST")
            .option("enforceSchema", "false").csv(paths);
        case PARQUET -> spark.read().parquet(paths);
        case LIBSVM -> libsvmColumns(spark.read().format("libsvm")
            .option("numFeatures", Integer.toString(Math.max(libsvmFeatures, 1))).load(paths), libsvmFeatures);
      };
    } catch (RuntimeException e) {
      throw InputError.of(data, "cannot read as " + f + ": " + firstLine(e.getMessage()));
    }
    if (f == InputFormat.LIBSVM) {
      return new ScoringInput(df, data, f);
    }
    if (List.of(df.columns()).contains(FILE_COLUMN)) {
      throw InputError.of(data, "the input has a column named " + FILE_COLUMN + ", which is reserved");
    }
    return new ScoringInput(df.select(col("*"), col("_metadata.file_path").as(FILE_COLUMN)), data, f);
  }

  /**
   * Runs a Spark action on these rows; a CSV line with more or fewer fields than the header (which
   * Spark's reader reports as a malformed record) becomes an {@link InputError}, like the trainer's.
   */
  public <T> T run(java.util.function.Supplier<T> action) {
    try {
      return action.get();
    } catch (Exception e) { // Spark's job failures are checked SparkExceptions thrown from Scala
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof InputError) {
          throw e;
        }
        if (t.getMessage() != null && t.getMessage().contains("MALFORMED_RECORD_IN_PARSING")) {
          throw InputError.of(data, "a line has a different number of fields than the header, or "
              + "cannot be parsed (" + firstLine(t.getMessage()).replaceAll("\\s+", " ").trim()
              + "); check the delimiter or fix the row");
        }
      }
      throw e;
    }
  }

  /**
   * {@code label, x1..xD} from Spark's LIBSVM reader's {@code label, features} (a vector), then the file
   * column (the file source's hidden {@code _metadata} exists only before this projection).
   */
  private static Dataset<Row> libsvmColumns(Dataset<Row> df, int dims) {
    org.apache.spark.sql.Column[] columns = new org.apache.spark.sql.Column[dims + 2];
    columns[0] = col("label");
    columns[dims + 1] = col("_metadata.file_path").as(FILE_COLUMN);
    org.apache.spark.sql.Column values = org.apache.spark.ml.functions.vector_to_array(col("features"), "float64");
    for (int j = 0; j < dims; j++) {
      columns[j + 1] = values.getItem(j).as("x" + (j + 1));
    }
    return df.select(columns);
  }

  /** The input's own column names (without {@link #FILE_COLUMN}). */
  public List<String> columns() {
    List<String> all = List.of(rows.columns());
    return all.subList(0, all.size() - 1);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
