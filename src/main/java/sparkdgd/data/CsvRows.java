package sparkdgd.data;

import java.util.ArrayList;
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
 * CSV text as rows to score: every column as text, exactly as written (a field in double quotes may hold the
 * delimiter, and {@code ""} in it stands for one quote; an empty unquoted field is null, a quoted one empty text),
 * then the file of each line and the byte offset where the line starts, so that a bad value found later can be
 * reported with its line. Read
 * from the same byte-range splits and with the same header rules as the trainer ({@link CsvHeader}); a line
 * with more or fewer fields than the header fails with its file and line.
 */
public final class CsvRows {
  private CsvRows() {}

  /**
   * The rows of {@code files}, one partition per byte-range split: the columns of {@code header}, then
   * {@code fileColumn} and {@code offsetColumn}. Where the rows' text is written out again ({@code writesText}:
   * predict's), a row whose bytes are not UTF-8 is a bad record: its letters would be written as U+FFFD.
   */
  public static Dataset<Row> read(SparkSession spark, List<FileStatus> files, CsvHeader header, char delimiter,
      String fileColumn, String offsetColumn, BadRecords bad, boolean writesText) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows = TextSplits.lines(jsc, files, 0)
        .mapPartitionsWithInputSplit(new SplitToRows(header, delimiter, bad, writesText), false);
    List<String> columns = header.columns();
    StructField[] fields = new StructField[columns.size() + 2];
    for (int i = 0; i < columns.size(); i++) {
      fields[i] = new StructField(columns.get(i), DataTypes.StringType, true, Metadata.empty());
    }
    fields[columns.size()] = new StructField(fileColumn, DataTypes.StringType, false, Metadata.empty());
    fields[columns.size() + 1] = new StructField(offsetColumn, DataTypes.LongType, false, Metadata.empty());
    return spark.createDataFrame(rows, new StructType(fields));
  }

  /**
   * The fields of one line, unquoted.
   *
   * @throws CsvRowParser.RowProblem at the opening quote of a field that is not closed, or at text that
   *                                 follows a closing quote before the delimiter
   */
  static List<String> fields(String line, char delimiter) throws CsvRowParser.RowProblem {
    List<String> out = new ArrayList<>();
    final int n = line.length();
    int i = 0;
    while (true) {
      final int open = QuotedField.opening(line, i, delimiter);
      final StringBuilder quoted = open >= 0 ? new StringBuilder() : null;
      int end = open >= 0 ? QuotedField.read(line, open, delimiter, quoted) : line.indexOf(delimiter, i);
      if (end < 0) {
        end = n;
      }
      out.add(quoted != null ? quoted.toString() : end == i ? null : line.substring(i, end));
      if (end == n) {
        return out;
      }
      i = end + 1;
    }
  }

  /** Turns one input split's lines into rows, lazily; header lines and blank lines are skipped, as the trainer does. */
  private static final class SplitToRows
      implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<Row>> {
    private static final long serialVersionUID = 1L;
    private final CsvHeader header;
    private final char delimiter;
    private final BadRecords bad;
    private final boolean writesText;

    SplitToRows(CsvHeader header, char delimiter, BadRecords bad, boolean writesText) {
      this.header = header;
      this.delimiter = delimiter;
      this.bad = bad;
      this.writesText = writesText;
    }

    @Override
    public Iterator<Row> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
      String file = ((FileSplit) split).getPath().toString();
      int columns = header.columns().size();
      return new LineRows(LinesUntilDamaged.scoring(split, lines)) {
        @Override
        Row row(long offset, String line) {
          if (header.skips(file, offset, line) || line.isBlank()) {
            return null;
          }
          List<String> fields;
          try {
            fields = fields(line, delimiter);
          } catch (CsvRowParser.RowProblem p) {
            bad.reject(InputError.atOffset(file, offset, p.charColumn(), p.getMessage()), p.skippable());
            return null; // skipped (--on-bad-record skip)
          }
          if (fields.size() != columns) {
            bad.reject(InputError.atOffset(file, offset, 0, String.format(
                "expected %d fields (%s), found %d; check the delimiter (--delimiter) or fix the row%s", columns,
                String.join(String.valueOf(delimiter), header.columns()), fields.size(),
                CsvRowParser.spacedHint(line, delimiter))));
            return null;
          }
          // said as training says them (a review had 'column "y" expected a number, found "y"', and 'is empty' of the
          // first column of a row of empty fields); the header compared whole only when its first name is there
          if (fields.stream().allMatch(f -> f == null || f.isBlank())) {
            bad.reject(InputError.atOffset(file, offset, 0, CsvRowParser.emptyRowMessage(line)));
            return null;
          }
          if (fields.get(0) != null && fields.get(0).trim().equals(header.columns().get(0))
              && header.isHeaderAgain(file, line)) {
            bad.reject(InputError.atOffset(file, offset, 0, header.headerAgain(file, LinesAbove.Kind.UNKNOWN)));
            return null;
          }
          if (writesText && notUtf8(line)) { // predict writes every column out again: not with letters lost
            for (int i = 0; i < columns; i++) {
              String f = fields.get(i);
              if (f != null && HiddenCharacter.notUtf8(f)) {
                bad.reject(InputError.atOffset(file, offset, line.indexOf('\ufffd') + 1, String.format(
                    "column \"%s\": \"%s\", %s", header.columns().get(i), HiddenCharacter.printable(f),
                    HiddenCharacter.NOT_UTF8)));
                return null; // skipped (--on-bad-record skip)
              }
            }
          }
          Object[] values = fields.toArray(new Object[columns + 2]);
          values[columns] = file;
          values[columns + 1] = offset;
          return RowFactory.create(values);
        }
      };
    }
  }
}
