package sparkdgd.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.Footer;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import scala.Tuple4;
import sparkdgd.config.InputFormat;

/**
 * Opens every Parquet file's footer, in one small distributed job (each task opens a few), and gives each
 * file's schema as Spark reads it, or why the footer cannot be read (not Parquet, truncated, corrupt). Spark
 * would otherwise fail the whole read with a message that does not always name the file, and reads every
 * file with the columns of one of them.
 */
final class ParquetFooters {
  private ParquetFooters() {}

  /**
   * One file: its schema, or (schema null) the problem that kept it from being read: its footer unreadable, or
   * ({@code columns}) columns of a type Spark's reader does not read, named in {@code problem}.
   */
  record FileSchema(String file, StructType schema, String problem, boolean columns) {
    /**
     * The error for a file whose footer or columns could not be read, {@code skippable} when the run can skip the
     * file (--on-bad-record skip). A damaged file is told to be replaced or deleted when its name is no help; a file
     * named as another format is told that format when it is the only one read; among Parquet files, that would
     * fail on the others, so it is told to move.
     */
    InputError unreadable(boolean skippable, boolean alone) {
      String skip = skippable ? BadRecords.SKIP_HINT : "";
      if (columns) {
        return InputError.of(file, "cannot read as Parquet: " + problem + "; write such a column as float or double "
            + "(pyarrow: .cast(pa.float32()), pandas: .astype('float32')), or leave it out of the file" + skip);
      }
      InputFormat named = InputFormat.fromFileName(file);
      if (named == null || named == InputFormat.PARQUET) {
        return InputError.of(file, "cannot read as Parquet (" + problem + "); replace or delete the file" + skip);
      }
      return InputError.of(file, "cannot read as Parquet (" + problem + "); its name says " + named.extension() + ": "
          + (alone ? "pass --format " + named.extension() + ", or replace or delete the file"
              : "move it out of the data, which is read as Parquet, or replace or delete it"));
    }
  }

  /** The settings of Spark's Parquet schema conversion, which its Configuration constructor reads. */
  private static final List<String> CONVERSION_SETTINGS = List.of(SQLConf.PARQUET_BINARY_AS_STRING().key(),
      SQLConf.PARQUET_INT96_AS_TIMESTAMP().key(), SQLConf.CASE_SENSITIVE().key(),
      SQLConf.PARQUET_INFER_TIMESTAMP_NTZ_ENABLED().key(), SQLConf.LEGACY_PARQUET_NANOS_AS_LONG().key(),
      SQLConf.PARQUET_FIELD_ID_READ_ENABLED().key(), SQLConf.PARQUET_IGNORE_VARIANT_ANNOTATION().key(),
      SQLConf.PARQUET_READER_RESPECT_UNKNOWN_TYPE_ANNOTATION().key());

  /** Every file's schema or problem, in the order of {@code files}. */
  static List<FileSchema> read(SparkSession spark, List<FileStatus> files) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> paths = new ArrayList<>();
    for (FileStatus f : files) {
      paths.add(f.getPath().toString());
    }
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    for (String key : CONVERSION_SETTINGS) {
      conf.set(key, spark.conf().get(key)); // the session's value, else Spark's default
    }
    HadoopConf shipped = new HadoopConf(conf);
    int slices = Math.max(1, Math.min(paths.size(), jsc.defaultParallelism()));
    jsc.setJobDescription("check the Parquet footers");
    try {
      List<FileSchema> out = new ArrayList<>();
      // the schema travels as JSON: task results go through Kryo, which takes neither records nor every DataType
      for (Tuple4<String, String, String, Boolean> t : jsc.parallelize(paths, slices).map(p -> schema(shipped, p))
          .collect()) {
        out.add(new FileSchema(t._1(), t._2() == null ? null : (StructType) DataType.fromJson(t._2()), t._3(), t._4()));
      }
      return out;
    } finally {
      jsc.setJobDescription(null);
    }
  }

  /**
   * As Spark infers a file's schema: the schema Spark wrote into the footer (vector columns), else the converted one;
   * the columns that pandas' metadata in the footer names as the DataFrame's index carry {@link PandasIndex#MARK}.
   */
  private static Tuple4<String, String, String, Boolean> schema(HadoopConf conf, String path)
      throws FileNotFoundException {
    Path p = new Path(path);
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(p, conf.get()))) {
      ParquetToSparkSchemaConverter converter = new ParquetToSparkSchemaConverter(conf.get());
      StructType schema;
      try {
        schema = ParquetFileFormat.readSchemaFromFooter(new Footer(p, reader.getFooter()), converter);
      } catch (Exception e) { // Spark's AnalysisException, a checked one, for a type its schema conversion refuses
        String columns = unreadableColumns(converter, reader.getFooter().getFileMetaData().getSchema());
        if (columns.isEmpty()) {
          throw e;
        }
        return new Tuple4<>(path, null, columns, true);
      }
      String pandas = reader.getFooter().getFileMetaData().getKeyValueMetaData().get(PandasIndex.FOOTER_KEY);
      return new Tuple4<>(path, PandasIndex.marked(schema, pandas).json(), null, false);
    } catch (FileNotFoundException e) {
      throw e; // listed by the driver but missing here: not a bad file, and not one to skip (UnsharedFile)
    } catch (Exception e) {
      return new Tuple4<>(path, null, firstLine(e), false);
    }
  }

  /**
   * The columns of {@code parquet} Spark's schema conversion refuses, each with its reason ({@code column "h": Illegal
   * Parquet type: FIXED_LEN_BYTE_ARRAY (FLOAT16)}, a half-precision float), joined by "; "; empty if none alone.
   */
  static String unreadableColumns(ParquetToSparkSchemaConverter converter, MessageType parquet) {
    List<String> refused = new ArrayList<>();
    for (Type column : parquet.getFields()) {
      try {
        converter.convert(new MessageType(parquet.getName(), column));
      } catch (Exception e) {
        String why = firstLine(e).replaceFirst("^\\[[A-Z_]+\\] ", "").replaceFirst("\\.? SQLSTATE: \\w+$", "");
        refused.add("column \"" + column.getName() + "\": " + why);
      }
    }
    return String.join("; ", refused);
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
