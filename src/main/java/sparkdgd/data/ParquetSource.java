package sparkdgd.data;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.SparkThrowable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.SchemaColumnConvertNotSupportedException;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import sparkdgd.block.Block;
import sparkdgd.block.BlockBuilder;
import sparkdgd.config.BlockSize;
import sparkdgd.data.ParquetFooters.FileSchema;

/**
 * Reads Parquet files (numeric columns) with Spark's reader and packs each partition's rows into
 * blocks. Rows exist only while a partition is being packed; the cache holds blocks.
 */
public final class ParquetSource {
  private ParquetSource() {}

  public static LoadedData load(SparkSession spark, String data, List<FileStatus> files, String labelCol,
      List<String> features, int numFeatures, int partitions, int blockRows, BadRecords bad, LabelRule labels,
      FeatureLimit limit) {
    return load(spark, data, files, labelCol, features, numFeatures, partitions, blockRows, bad, labels, limit, null);
  }

  /** As the loader above, each row weighed by the numeric column {@code weightCol} ({@code --weight-col}; or null). */
  public static LoadedData load(SparkSession spark, String data, List<FileStatus> files, String labelCol,
      List<String> features, int numFeatures, int partitions, int blockRows, BadRecords bad, LabelRule labels,
      FeatureLimit limit, String weightCol) {
    List<FileSchema> readable = new ArrayList<>();
    for (FileSchema f : ParquetFooters.read(spark, files)) {
      if (f.schema() != null) {
        readable.add(f);
      } else {
        bad.reject(f.unreadable(true, files.size() == 1));
      }
    }
    if (readable.isEmpty()) {
      throw InputError.of(data, "no readable Parquet file; check --data");
    }
    StructType schema = readable.get(0).schema();
    ParquetColumns columns = ParquetColumns.choose(data, readable.get(0).file(), schema, labelCol, features,
        weightCol);
    StructType widened = ParquetSchemaAgreement.require(readable, columns, labelCol, features);
    // Exactly the files InputFiles listed, not --data itself: Spark would list a directory again on its own terms,
    // finding no files in subdirectories (sub1/, sub2/) and taking k=v directories for a partition column. With the
    // first file's schema: the files agree on the columns read, and Spark infers none (no job, no file of its choice).
    // Its number columns widened where files hold other types one type reads (ParquetColumnTypes), and the values inside
    // its columns nullable: files that differ in that alone are each read as they are
    String[] paths = readable.stream().map(f -> InputFiles.literal(f.file())).toArray(String[]::new);
    StructType readSchema = ParquetSchemaAgreement.readable(widened);
    Dataset<Row> df;
    try {
      df = reader(CaseSensitiveReads.of(spark)).schema(readSchema).parquet(paths); // columns a and A may both be there
    } catch (RuntimeException e) {
      throw InputError.of(data, "cannot read as Parquet: " + firstLine(e.getMessage()));
    }
    List<String> unread = ParquetColumns.unread(schema, columns, labelCol, features);
    if (columns.vector()) {
      return VectorColumnSource.load(df, data, files.size(), columns.features().get(0), columns.label(), numFeatures,
          partitions, blockRows, bad, labels, limit, columns.weight()).withUnread(unread);
    }
    List<Column> selected = new ArrayList<>();
    for (String c : columns.read()) { // the features, then the label, then the weight
      selected.add(col(quote(c)).cast(DataTypes.DoubleType));
    }
    selected.add(col("_metadata.file_path"));
    selected.add(col("_metadata.row_index")); // for a bad value's place: Parquet has no lines
    Dataset<Row> rows = df.select(selected.toArray(new Column[0]));
    rows = ParquetPartitions.of(rows, partitions);
    List<String> names = columns.features();
    String labelName = columns.label();
    String weightName = columns.weight();
    int dims = names.size();
    int rowsPerBlock = BlockSize.denseRows(dims, blockRows);
    BlockSize.checkDense(dims, rowsPerBlock); // here, before any task allocates a block
    // Spark's internal rows, not Row objects: no boxed Double per value and no String per row for the file
    // path (it is converted only for an error message). The rows are reused by the reader: each is read
    // into the block before the next is fetched.
    JavaRDD<Block> blocks = rows.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(it -> pack(it, names, labelName, weightName, dims, rowsPerBlock, bad, labels));
    return new LoadedData(blocks, names, labelName, files.size(), unread, null, weightName);
  }

  /**
   * Spark's Parquet reader with page checksums verified: Parquet writers (Spark's included) store a CRC
   * per page, but readers skip the check by default, so a corrupt page would otherwise be decoded into
   * wrong numbers without an error. The options reach the Hadoop configuration of the scan.
   */
  private static org.apache.spark.sql.DataFrameReader reader(SparkSession spark) {
    return spark.read().option("parquet.page.verify-checksum.enabled", "true");
  }

  /**
   * A failure of Spark's Parquet reader inside a task (a page that fails its checksum or cannot be
   * decoded, or a column stored as another type than the one read) as an {@link InputError} naming the file, or
   * null when {@code e} is not one (running out of memory, or a file the task cannot find). Also used on the driver,
   * where a failure in a shuffle's map stage (Parquet read before the rows are spread over more partitions,
   * {@link ParquetPartitions}) arrives as the cause of the job's exception.
   */
  public static InputError readFailure(Throwable e) {
    String file = failedFile(e);
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      root = t;
    }
    // out of memory is not the file's fault; nor is a file the task cannot find (UnsharedFile: the driver can)
    if (file == null || root instanceof Error || root instanceof java.io.FileNotFoundException) {
      return null;
    }
    SchemaColumnConvertNotSupportedException mismatch = typeMismatch(e);
    if (mismatch != null) {
      // a column of another type than the schema the run reads (the first file's, widened: ParquetColumnTypes):
      // ParquetSchemaAgreement refuses such files before the read, but a file can be replaced in between. Not a
      // corrupt file.
      return InputError.of(file, String.format("column \"%s\" is stored as %s in this file but read as %s, the type "
          + "the run reads it as in every file; the files' schemas differ: rewrite them with one schema",
          columnName(mismatch),
          mismatch.getPhysicalType(), mismatch.getLogicalType()));
    }
    String why = root == e ? "unreadable data" : root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    String unsupported = unsupported(root);
    if (unsupported != null) {
      return InputError.of(file, "cannot read as Parquet: " + unsupported + " (" + why + ")");
    }
    return InputError.of(file, "cannot read as Parquet, a data page is corrupt (" + why
        + "); replace or delete the file");
  }

  /**
   * What a valid file written in a way this Spark cannot read uses, and what to do, or null: a compression codec whose
   * class is missing (pyarrow's Brotli), an encoding the vectorized reader does not decode (BYTE_STREAM_SPLIT). A
   * user review of Parquet had both called corrupt, with "replace or delete the file" as the fix.
   */
  public static String unsupported(Throwable root) {
    String message = String.valueOf(root.getMessage());
    if (root instanceof ClassNotFoundException && message.contains("org.apache.hadoop.io.compress.")) {
      String codec = message.substring(message.lastIndexOf('.') + 1).replace("Codec", "");
      return "it is compressed with " + codec + ", a codec this Spark cannot decompress (its class is not on the "
          + "classpath); rewrite it with snappy, zstd or gzip (pyarrow: compression='zstd')";
    }
    if (message.contains("Unsupported encoding")) {
      return "it uses an encoding Spark's vectorized Parquet reader does not decode; add --conf "
          + "spark.sql.parquet.enableVectorizedReader=false (slower), or rewrite it without it (pyarrow: "
          + "use_byte_stream_split=False)";
    }
    return null;
  }

  private static SchemaColumnConvertNotSupportedException typeMismatch(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SchemaColumnConvertNotSupportedException m) {
        return m;
      }
    }
    return null;
  }

  /** The column of {@code e}: Spark gives its path as "[a]", or "[features, values]" inside a struct. */
  private static String columnName(SchemaColumnConvertNotSupportedException e) {
    String c = e.getColumn() == null ? "?" : e.getColumn();
    if (c.startsWith("[") && c.endsWith("]")) {
      c = c.substring(1, c.length() - 1);
    }
    return c.replace(", ", ".");
  }

  /** The file Spark's reader was reading when {@code e} happened (its FAILED_READ_FILE error), or null. */
  public static String failedFile(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SparkThrowable st && st.getCondition() != null
          && st.getCondition().startsWith("FAILED_READ_FILE")) {
        return st.getMessageParameters().get("path");
      }
    }
    return null;
  }

  /** Rethrows {@code t} as it is, checked or not. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException unchanged(Throwable t) throws T {
    throw (T) t;
  }

  private static Iterator<Block> pack(Iterator<InternalRow> rows, List<String> names, String labelName,
      String weightName, int dims, int blockRows, BadRecords bad, LabelRule labels) {
    return new Iterator<>() {
      private final BlockBuilder builder = new BlockBuilder(dims, blockRows, weightName != null);
      /** Where the row's file path is: after the features, the label and the weight. */
      private final int place = dims + (weightName != null ? 2 : 1);
      private Block next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          try {
            while (rows.hasNext() && !builder.isFull()) {
              add(rows.next());
            }
          } catch (InputError e) {
            throw e;
          } catch (Exception e) { // Scala code throws SparkException (checked) without declaring it
            InputError corrupt = readFailure(e);
            if (corrupt == null) {
              throw ParquetSource.<RuntimeException>unchanged(e); // e.g. a fetch failure Spark must see as is
            }
            // the reader cannot resume inside the file, so even --on-bad-record skip stops here
            throw corrupt;
          }
          next = builder.isEmpty() ? null : builder.build();
        }
        return next != null;
      }

      @Override
      public Block next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Block b = next;
        next = null;
        return b;
      }

      private void add(InternalRow row) {
        double[] slot = builder.featureSlot();
        int off = builder.slotOffset();
        double label;
        double weight = 1;
        try {
          for (int j = 0; j < dims; j++) {
            slot[off + j] = value(row, j, names.get(j));
          }
          label = value(row, dims, labelName);
          if (weightName != null) {
            weight = value(row, dims + 1, weightName);
            String refusal = WeightRule.refusal(weightName, String.valueOf(weight), weight);
            if (refusal != null) {
              throw badValue(row, refusal);
            }
          }
        } catch (InputError e) {
          bad.reject(e);
          return;
        }
        String refusal = labels.refusal(labelName, String.valueOf(label), label);
        if (refusal != null) {
          bad.reject(badValue(row, refusal), false);
          return;
        }
        builder.commitRow(labels.stored(label), weight);
      }

      private double value(InternalRow row, int k, String column) {
        if (row.isNullAt(k)) {
          // a column null in every row, picked by default, had every row skipped with no word of --features
          throw badValue(row, String.format("column \"%s\" has a null value; fill or drop the nulls before training%s",
              column, k < dims ? ", or leave the column out with --features" : ""));
        }
        double v = row.getDouble(k);
        if (!Double.isFinite(v)) {
          throw badValue(row, String.format("column \"%s\" holds %s; training needs finite values (fix or drop "
              + "those rows)", column, v));
        }
        return v;
      }

      /** {@code problem} at the row's file and place in it, read after the features, label and weight. */
      private InputError badValue(InternalRow row, String problem) {
        return InputError.atRow(row.getUTF8String(place).toString(), row.getLong(place + 1), problem);
      }
    };
  }

  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
