package sparkdgd.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * LIBSVM text as rows to score with a model of {@code D} features: {@code label, x1..xD} (0 where a line
 * has no value; the first feature, index 1 or with {@code --zero-based} 0, is {@code x1}), the file of each line
 * and the byte offset where it starts. Parsed in the tasks by the trainer's {@link LibsvmRowParser},
 * so a bad line, or an index beyond the model's {@code D}, fails with its file, line and column.
 */
public final class LibsvmRows {
  private LibsvmRows() {}

  /**
   * The rows of {@code files}, one partition per byte-range split, with the file and offset columns named
   * {@code fileColumn} and {@code offsetColumn}.
   */
  public static Dataset<Row> read(SparkSession spark, List<FileStatus> files, int modelFeatures, boolean zeroBased,
      String fileColumn, String offsetColumn) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows = TextSplits.lines(jsc, files, 0)
        .mapPartitionsWithInputSplit(new SplitToRows(modelFeatures, zeroBased), false);
    StructField[] fields = new StructField[modelFeatures + 3];
    fields[0] = new StructField("label", DataTypes.DoubleType, false, Metadata.empty());
    for (int j = 1; j <= modelFeatures; j++) {
      fields[j] = new StructField("x" + j, DataTypes.DoubleType, false, Metadata.empty());
    }
    fields[modelFeatures + 1] = new StructField(fileColumn, DataTypes.StringType, false, Metadata.empty());
    fields[modelFeatures + 2] = new StructField(offsetColumn, DataTypes.LongType, false, Metadata.empty());
    return spark.createDataFrame(rows, new StructType(fields));
  }

  /** Turns one input split's lines into rows, lazily; blank and comment lines are skipped, as the trainer does. */
  private static final class SplitToRows
      implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<Row>> {
    private static final long serialVersionUID = 1L;
    private final int dims;
    private final boolean zeroBased;

    SplitToRows(int dims, boolean zeroBased) {
      this.dims = dims;
      this.zeroBased = zeroBased;
    }

    @Override
    public Iterator<Row> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
      String file = ((FileSplit) split).getPath().toString();
      LibsvmRowParser parser = LibsvmRowParser.forModel(dims, zeroBased);
      double[] x = new double[dims];
      return new LineRows(LinesUntilDamaged.scoring(split, lines)) {
        @Override
        Row row(long offset, String line) {
          if (LibsvmRowParser.holdsNoRecord(line)) {
            return null;
          }
          Arrays.fill(x, 0.0);
          double label;
          try {
            label = parser.parseDense(line, x);
          } catch (CsvRowParser.RowProblem p) {
            throw InputError.atOffset(file, offset, p.charColumn(), p.getMessage());
          }
          Object[] values = new Object[dims + 3];
          values[0] = label;
          for (int j = 0; j < dims; j++) {
            values[j + 1] = x[j];
          }
          values[dims + 1] = file;
          values[dims + 2] = offset;
          return RowFactory.create(values);
        }
      };
    }
  }
}
