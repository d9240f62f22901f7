package sparkdgd.data;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import sparkdgd.block.Block;
import sparkdgd.block.BlockBuilder;
import sparkdgd.config.BlockSize;

/**
 * Reads CSV files ({@link CsvHeader}: with a header line, or columns named by position) into packed blocks,
 * one partition per byte-range split of the files, or the lines spread over {@code --partitions} when the splits
 * are fewer (a gzip file is one split; automatic partitions spread it over Spark's default parallelism). Each
 * partition's lines are parsed straight into blocks; a bad line fails the task with its file, byte offset and column,
 * which the driver turns into a line number.
 */
public final class CsvSource {
  private CsvSource() {}

  /**
   * @param partitions the number of partitions wanted, or 0 for automatic: one per split of a file
   *                   ({@link TextSplits#lines}), a gzip file spread over {@code defaultParallelism}
   * @param delimiter  the field separator
   * @param hasHeader  whether every file starts with a header line; without one the columns are named
   *                   {@code c1..cN} after their position
   * @param labels     the labels allowed: another is a bad value of its line ({@link LabelRule})
   */
  public static LoadedData load(JavaSparkContext jsc, List<FileStatus> files, String labelCol,
      List<String> features, int partitions, int blockRows, BadRecords bad, char delimiter, boolean hasHeader,
      LabelRule labels) {
    return load(jsc, files, labelCol, features, partitions, blockRows, bad, delimiter, hasHeader, labels, null);
  }

  /** As the loader above, each row weighed by the column {@code weightCol} ({@code --weight-col}; null: none). */
  public static LoadedData load(JavaSparkContext jsc, List<FileStatus> files, String labelCol,
      List<String> features, int partitions, int blockRows, BadRecords bad, char delimiter, boolean hasHeader,
      LabelRule labels, String weightCol) {
    CsvHeader header = CsvHeader.read(jsc.hadoopConfiguration(), files, delimiter, hasHeader, bad);
    List<String> columns = header.columns();
    String firstFile = header.firstFile();
    boolean[] usable = new boolean[columns.size()];
    java.util.Arrays.fill(usable, true);
    ColumnSelection selection = ColumnSelection.resolve(firstFile, firstFile, columns, usable, labelCol, features,
        weightCol);
    int rows = BlockSize.denseRows(selection.dims(), blockRows);
    BlockSize.checkDense(selection.dims(), rows); // here, before any task allocates a block

    JavaNewHadoopRDD<LongWritable, Text> lines = TextSplits.lines(jsc, files, partitions);
    JavaRDD<Block> blocks = TextSplits.located(lines, TextSplits.spreadOver(jsc, files, partitions), bad).mapPartitions(
        new LinesToBlocks(new CsvRowParser(delimiter, selection, labels), header, selection.dims(), rows, bad));
    if (partitions > 0 && blocks.getNumPartitions() > partitions) {
      blocks = blocks.coalesce(partitions);
    }
    return new LoadedData(blocks, selection.featureNames(), selection.labelName(), files.size())
        .withWeightName(selection.weightName());
  }

  /** Turns one partition's lines into blocks, lazily. */
  private static final class LinesToBlocks implements FlatMapFunction<Iterator<LocatedLine>, Block> {
    private static final long serialVersionUID = 1L;
    private final CsvRowParser parser;
    private final CsvHeader header;
    private final int dims;
    private final int blockRows;
    private final BadRecords bad;

    LinesToBlocks(CsvRowParser parser, CsvHeader header, int dims, int blockRows, BadRecords bad) {
      this.parser = parser;
      this.header = header;
      this.dims = dims;
      this.blockRows = blockRows;
      this.bad = bad;
    }

    @Override
    public Iterator<Block> call(Iterator<LocatedLine> lines) {
      return new Iterator<>() {
        private final BlockBuilder builder = new BlockBuilder(dims, blockRows, parser.weighted());
        /** The row's weight, which the parser writes where the rows have a weight column; 1 otherwise. */
        private final double[] weight = {1};
        private final LinesAbove above = new LinesAbove();
        private Block next;

        @Override
        public boolean hasNext() {
          if (next == null) {
            next = fill();
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

        private Block fill() {
          while (lines.hasNext()) {
            LocatedLine t = lines.next();
            String file = t.file();
            long offset = t.offset();
            String line = t.text();
            if (header.skips(file, offset, line) || line.isBlank()) {
              above.skipped(file, offset, line);
              continue;
            }
            try {
              double label = parser.parse(line, builder.featureSlot(), builder.slotOffset(), weight);
              builder.commitRow(label, weight[0]);
            } catch (CsvRowParser.RowProblem p) {
              bad.reject(header.isHeaderAgain(file, line)
                  ? InputError.atOffset(file, offset, 0, header.headerAgain(file, above.above(file, offset)))
                  : InputError.atOffset(file, offset, p.charColumn(), p.getMessage()
                      + header.headerlessHint(file, offset, line)), p.skippable());
              above.notBlank(file, offset);
              continue;
            }
            above.notBlank(file, offset);
            if (builder.isFull()) {
              return builder.build();
            }
          }
          return builder.isEmpty() ? null : builder.build();
        }
      };
    }
  }
}
