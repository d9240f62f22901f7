package sparkdgd.score;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import sparkdgd.config.InputFormat;
import sparkdgd.config.ReadOptions;
import sparkdgd.data.CaseSensitiveReads;
import sparkdgd.data.BadRecords;
import sparkdgd.data.CsvHeader;
import sparkdgd.data.CsvRows;
import sparkdgd.data.HiddenCharacter;
import sparkdgd.data.InputError;
import sparkdgd.data.InputFiles;
import sparkdgd.data.LibsvmRows;
import sparkdgd.data.ParquetSchemaAgreement;
import sparkdgd.data.UnknownFeatures;
import sparkdgd.data.UnreadableCompression;

/**
 * Data to score or evaluate, as a DataFrame with every input column, read from the same files the
 * trainer would read ({@link InputFiles}: file, directory or glob; CSV, Parquet, or LIBSVM). CSV columns
 * stay text, exactly as written ({@link CsvRows}); the feature columns are parsed when rows are scored.
 *
 * @param rows   the input's columns, then {@link #FILE_COLUMN} and {@link #OFFSET_COLUMN}
 * @param data   the {@code --data} value, for messages
 * @param format the format read
 * @param csv    how CSV files were split into columns (the delimiter settled by their names when not given); the
 *               layout given, for other formats
 * @param unknown what a row whose features are longer than the model's does (--unknown-features): a LIBSVM index
 *               beyond them, or a vector or array column of more elements
 */
public record ScoringInput(Dataset<Row> rows, String data, InputFormat format, CsvLayout csv,
    UnknownFeatures unknown) {
  /** A hidden column after the input's: the source file of each row, for error messages. */
  public static final String FILE_COLUMN = "__sparkdgd_file";
  /**
   * The last hidden column, for error messages: the byte offset where a text row's line starts, or a Parquet row's
   * index in its file.
   */
  public static final String OFFSET_COLUMN = "__sparkdgd_offset";
  /** The label column of LIBSVM data (its first field). */
  public static final String LIBSVM_LABEL = LibsvmRows.LABEL;
  private static final int HIDDEN_COLUMNS = 2;

  /**
   * How CSV files are split into columns: the trainer's {@code --delimiter} ({@link ReadOptions#BY_FILE_NAMES} when
   * not given) and {@code --header}.
   */
  public record CsvLayout(char delimiter, boolean header) {
    public CsvLayout {
      ReadOptions.checkDelimiter(delimiter);
    }

    /** This layout with the delimiter settled: as given, or by {@code tabSeparated} (asked only then). */
    CsvLayout settled(BooleanSupplier tabSeparated) {
      return new CsvLayout(ReadOptions.settled(delimiter, tabSeparated), header);
    }
  }

  /**
   * Lists and reads {@code data}; {@code format} null means from the file extension. LIBSVM input is read into the
   * columns {@code label, features}, a sparse vector of {@code libsvmFeatures} = D, the model's count, whose elements
   * are the model's {@code x1..xD} (the names the trainer gives LIBSVM data): a line with a larger index fails with its
   * file, line and column ({@link LibsvmRows}), or is scored without it as {@code unknown} says (which a Parquet
   * vector or array column longer than the model's features follows too, {@link NumericColumns}). Its indices start at
   * 0 when {@code libsvmZeroBased}, else at 1; either way the first feature is {@code x1}. A text line that cannot be
   * read as a row (a CSV line of another number of fields, an unclosed quote, a malformed LIBSVM line) goes to {@code
   * bad}: thrown under {@code --on-bad-record fail}, counted and left out under {@code skip}; so is a CSV row whose
   * bytes are not UTF-8 where {@code writesText} (predict writes every column out again).
   */
  public static ScoringInput read(SparkSession spark, String data, InputFormat format, int libsvmFeatures,
      boolean libsvmZeroBased, CsvLayout csv, BadRecords bad, boolean writesText, UnknownFeatures unknown) {
    var conf = spark.sparkContext().hadoopConfiguration();
    List<FileStatus> files = InputFiles.list(conf, data);
    InputFiles.refuseUnreadableNames(files); // whatever --on-bad-record: predict and evaluate skip rows, not files
    InputFormat f = format != null ? format : InputFiles.inferFormat(data, files);
    if (f != InputFormat.PARQUET) {
      UnreadableCompression.refuse(conf, files); // the lz4 tool's files, read as no rows; zstd without native support
    }
    CsvLayout layout = csv.settled(() -> f == InputFormat.CSV && InputFiles.tabSeparated(data, files));
    Dataset<Row> df = switch (f) {
      case CSV -> CsvRows.read(spark, files, CsvHeader.read(conf, files, layout.delimiter(), layout.header()),
          layout.delimiter(), FILE_COLUMN, OFFSET_COLUMN, bad, writesText);
      case LIBSVM -> LibsvmRows.read(spark, files, libsvmFeatures, libsvmZeroBased, FILE_COLUMN, OFFSET_COLUMN, bad,
          unknown);
      case PARQUET -> parquet(spark, data, files);
    };
    ScoringInput input = new ScoringInput(df, data, f, layout, unknown);
    for (String hidden : List.of(FILE_COLUMN, OFFSET_COLUMN)) {
      if (input.columns().contains(hidden)) {
        throw InputError.of(data, "the input has a column named " + hidden + ", which is reserved");
      }
    }
    return input;
  }

  private static Dataset<Row> parquet(SparkSession spark, String data, List<FileStatus> files) {
    // every file's columns, or the read would take one file's and drop or fail on the others' (ParquetSchemaAgreement)
    StructType schema = ParquetSchemaAgreement.sharedBy(spark, data, files);
    Dataset<Row> df;
    try {
      // by case: columns a and A may both be there, and are both written out
      df = CaseSensitiveReads.of(spark).read().schema(schema).parquet(files.stream()
          .map(s -> InputFiles.literal(s.getPath().toString())).toArray(String[]::new));
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ChecksumException c) {
          throw InputError.checksumMismatch(c, data);
        }
      }
      throw InputError.of(data, "cannot read as parquet: " + firstLine(e.getMessage()));
    }
    return df.select(col("*"), col("_metadata.file_path").as(FILE_COLUMN),
        col("_metadata.row_index").as(OFFSET_COLUMN));
  }

  /** The input's own column names (without the hidden ones). */
  public List<String> columns() {
    List<String> all = List.of(rows.columns());
    return all.subList(0, all.size() - HIDDEN_COLUMNS);
  }

  /** The index of {@link #FILE_COLUMN} in {@link #rows}; {@link #OFFSET_COLUMN} follows it. */
  public int fileColumnIndex() {
    return rows.columns().length - HIDDEN_COLUMNS;
  }

  /**
   * The columns, for messages; LIBSVM data's columns come from the model's feature count, not the data,
   * and the description says so.
   */
  public String describeColumns() {
    List<String> columns = columns();
    if (format != InputFormat.LIBSVM) { // a name that holds a comma, quoted as CSV does: "c, the ""3rd""" is one
      return columns.stream().map(c -> {
        String shown = HiddenCharacter.printable(c, 200); // a name cut at 40 characters could hide what differs
        return c.contains(",") || c.contains("\"") || !c.equals(c.strip()) ? "\"" + shown.replace("\"", "\"\"") + "\""
            : shown;
      }).toList().toString();
    }
    return String.format("%s, %s (LIBSVM data is read as its label and a vector of the model's features, x1 first)",
        LIBSVM_LABEL, LibsvmRows.FEATURES);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
