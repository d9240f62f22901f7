package sparkdgd.data;

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
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import sparkdgd.block.SparseBlock;
import sparkdgd.block.SparseBlockBuilder;

/**
 * LIBSVM text as rows to score with a model of {@code D} features: {@code label, features} (a Spark ML sparse vector of
 * size D holding the line's values; the first feature, index 1 or with {@code --zero-based} 0, is its element 0, the
 * model's {@code x1}), the file of each line and the byte offset where it starts. Parsed in the tasks by the trainer's
 * {@link LibsvmRowParser}, so a bad line, or an index beyond the model's {@code D}, fails with its file, line and
 * column (unless {@code --unknown-features ignore} leaves such values out: {@link UnknownFeatures}). A row holds its
 * non-zeros only: a column per feature had made a plan of D columns, which at 100,000 features Spark did not finish
 * planning in minutes.
 */
public final class LibsvmRows {
  /** The label's column. */
  public static final String LABEL = "label";

  /** The features' column: a vector of the model's size. */
  public static final String FEATURES = "features";

  private LibsvmRows() {}

  /**
   * The rows of {@code files}, one partition per byte-range split, with the file and offset columns named
   * {@code fileColumn} and {@code offsetColumn}.
   */
  public static Dataset<Row> read(SparkSession spark, List<FileStatus> files, int modelFeatures, boolean zeroBased,
      String fileColumn, String offsetColumn, BadRecords bad, UnknownFeatures unknown) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows = TextSplits.lines(jsc, files, 0)
        .mapPartitionsWithInputSplit(new SplitToRows(modelFeatures, zeroBased, bad, unknown), false);
    StructField[] fields = {
        new StructField(LABEL, DataTypes.DoubleType, false, Metadata.empty()),
        new StructField(FEATURES, SQLDataTypes.VectorType(), false, Metadata.empty()),
        new StructField(fileColumn, DataTypes.StringType, false, Metadata.empty()),
        new StructField(offsetColumn, DataTypes.LongType, false, Metadata.empty())};
    return spark.createDataFrame(rows, new StructType(fields));
  }

  /**
   * Turns one input split's lines into rows, lazily; blank and comment lines are skipped, as the trainer does, and
   * lines that cannot be read go to {@link BadRecords} (thrown under fail, counted and skipped under skip).
   */
  private static final class SplitToRows
      implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<Row>> {
    private static final long serialVersionUID = 1L;
    private final int dims;
    private final boolean zeroBased;
    private final BadRecords bad;
    private final UnknownFeatures unknown;

    SplitToRows(int dims, boolean zeroBased, BadRecords bad, UnknownFeatures unknown) {
      this.dims = dims;
      this.zeroBased = zeroBased;
      this.bad = bad;
      this.unknown = unknown;
    }

    @Override
    public Iterator<Row> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
      String file = ((FileSplit) split).getPath().toString();
      LibsvmRowParser parser = LibsvmRowParser.forModel(dims, zeroBased, unknown.ignores());
      SparseBlockBuilder x = new SparseBlockBuilder(dims, 1); // a block of the line alone
      return new LineRows(LinesUntilDamaged.scoring(split, lines)) {
        @Override
        Row row(long offset, String line) {
          if (LibsvmRowParser.holdsNoRecord(line)) {
            return null;
          }
          try {
            x.commitRow(parser.parse(line, x));
          } catch (CsvRowParser.RowProblem p) { // the parser has dropped the line's values
            bad.reject(InputError.atOffset(file, offset, p.charColumn(), p.getMessage()), p.skippable());
            return null; // skipped (--on-bad-record skip)
          }
          if (parser.leftOut() > 0) {
            unknown.leftOut(parser.leftOut());
          }
          SparseBlock row = x.build();
          return RowFactory.create(row.labels()[0], new SparseVector(dims, row.indices(), row.values()), file, offset);
        }
      };
    }
  }
}
