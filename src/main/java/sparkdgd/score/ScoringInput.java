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
import sparkdgd.data.LibsvmRows;

/**
 * Data to score or evaluate, as a DataFrame with every input column, read from the same files the
 * trainer would read ({@link InputFiles}: file, directory or glob; CSV with a header, Parquet, or LIBSVM).
 * CSV columns stay text, exactly as written; the feature columns are parsed when rows are scored.
 *
 * @param rows   the input's columns, then {@link #FILE_COLUMN} (the file each row came from)
 * @param data   the {@code --data} value, for messages
 * @param format the format read
 */
public record ScoringInput(Dataset<Row> rows, String data, InputFormat format) {
  /** The hidden last column: the source file of each row, for error messages. */
  public static final String FILE_COLUMN = "__sparkdgd_file";
  /** The label column of LIBSVM data (its first field). */
  public static final String LIBSVM_LABEL = "label";

  /**
   * Lists and reads {@code data}; {@code format} null means from the file extension. LIBSVM input is
   * spread into the columns {@code label, x1..xD} (the names the trainer gives LIBSVM data) with
   * {@code libsvmFeatures} = D, the model's count: rows without the last indices still have them, and a
   * line with a larger index fails with its file, line and column ({@link LibsvmRows}).
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
        case LIBSVM -> LibsvmRows.read(spark, files, libsvmFeatures, FILE_COLUMN);
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

  /** The input's own column names (without {@link #FILE_COLUMN}). */
  public List<String> columns() {
    List<String> all = List.of(rows.columns());
    return all.subList(0, all.size() - 1);
  }

  /**
   * The columns, for messages; LIBSVM data's columns come from the model's feature count, not the data,
   * and the description says so.
   */
  public String describeColumns() {
    List<String> columns = columns();
    if (format != InputFormat.LIBSVM) {
      return columns.toString();
    }
    int d = columns.size() - 1;
    return String.format("%s, %s (LIBSVM data is read as its label and the model's %d feature%s)", LIBSVM_LABEL,
        d == 1 ? "x1" : "x1..x" + d, d, d == 1 ? "" : "s");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
