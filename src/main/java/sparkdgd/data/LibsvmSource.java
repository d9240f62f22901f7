package sparkdgd.data;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import sparkdgd.block.Block;
import sparkdgd.block.SparseBlockBuilder;
import sparkdgd.config.BlockSize;

/**
 * Reads LIBSVM text files into sparse blocks (CSR), one partition per byte-range split, or the lines spread over
 * {@code --partitions} when the splits are fewer (a gzip file is one split; automatic partitions spread it over Spark's
 * default parallelism). The feature count is {@code --num-features}, or the largest index in the data, found by a
 * first pass over the text ({@link LargestIndex}, as Spark's {@code MLUtils.loadLibSVMFile} does); either is refused,
 * naming the line of the index or the flag, when it is more than the driver can hold ({@link FeatureLimit}). Indices
 * start at 1, or at 0 with {@code --zero-based}; either way features are named {@code x1..xD} by position (with
 * {@code --zero-based}, index 0 is {@code x1}), and D is the number of features: the largest index, or one more when
 * zero-based.
 */
public final class LibsvmSource {
  private LibsvmSource() {}

  /**
   * @param numFeatures the feature count, or 0 to infer it
   * @param zeroBased   whether the indices start at 0 ({@code --zero-based}), not 1
   * @param partitions  the number of partitions wanted, or 0 for automatic
   * @param labels      the labels allowed: another is a bad value of its line ({@link LabelRule})
   * @param limit       the widest model the driver can train
   */
  public static LoadedData load(JavaSparkContext jsc, List<FileStatus> files, int numFeatures, boolean zeroBased,
      int partitions, int blockRows, BadRecords bad, LabelRule labels, FeatureLimit limit) {
    JavaNewHadoopRDD<LongWritable, Text> lines = TextSplits.lines(jsc, files, partitions);
    int dims = numFeatures;
    boolean inferred = numFeatures == 0;
    if (inferred) {
      jsc.setJobDescription("count the LIBSVM features (largest index)");
      LargestIndex.Found largest = lines.mapPartitionsWithInputSplit(new LargestIndex(bad, zeroBased, labels), false)
          .reduce(LargestIndex.Found::merged);
      jsc.setJobDescription(null);
      if (largest.index() == 0) {
        throw noFeature(jsc, files, largest);
      }
      if (!limit.allows(largest.index())) { // before a name, a block or a vector of that width exists
        throw largest.error(limit.inferredTooLarge(largest.index() - (zeroBased ? 1 : 0), largest.index()));
      }
      dims = largest.index();
    } else {
      limit.checkGiven(numFeatures);
    }
    JavaRDD<Block> blocks = TextSplits.located(lines, TextSplits.spreadOver(jsc, files, partitions), bad).mapPartitions(
        new LinesToBlocks(new LibsvmRowParser(dims, inferred, zeroBased).checkingLabels(labels), dims,
            BlockSize.sparseRows(blockRows), bad));
    if (partitions > 0 && blocks.getNumPartitions() > partitions) {
      blocks = blocks.coalesce(partitions);
    }
    return new LoadedData(blocks, SlotNames.positional(dims), "label", files.size()); // x1..xD by index
  }

  /**
   * The error of an input in which no line has a feature: with {@code --on-bad-record skip} because every line with
   * a record was bad, which says how many and the first (with its fix), as a run left with no rows does.
   */
  private static InputError noFeature(JavaSparkContext jsc, List<FileStatus> files, LargestIndex.Found largest) {
    String input = files.get(0).getPath().toString();
    if (largest.skipped() == 0) {
      return InputError.of(input, "no line has a feature (index:value); check --data, or give --num-features");
    }
    String first = LineLocator.resolve(jsc.hadoopConfiguration(), largest.firstSkipped()).getMessage()
        .replace(BadRecords.SKIP_HINT, "");
    return InputError.of(input, String.format(Locale.ROOT, "no line left has a feature (index:value): %,d bad record%s "
        + "skipped (--on-bad-record skip), the first: %s", largest.skipped(), largest.skipped() == 1 ? " was"
        : "s were", first));
  }

  /** Turns one partition's lines into sparse blocks, lazily. */
  private static final class LinesToBlocks implements FlatMapFunction<Iterator<LocatedLine>, Block> {
    private static final long serialVersionUID = 1L;
    private final LibsvmRowParser parser;
    private final int dims;
    private final int blockRows;
    private final BadRecords bad;

    LinesToBlocks(LibsvmRowParser parser, int dims, int blockRows, BadRecords bad) {
      this.parser = parser;
      this.dims = dims;
      this.blockRows = blockRows;
      this.bad = bad;
    }

    @Override
    public Iterator<Block> call(Iterator<LocatedLine> lines) {
      return new Iterator<>() {
        private final SparseBlockBuilder builder = new SparseBlockBuilder(dims, blockRows);
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
            String line = t.text();
            if (LibsvmRowParser.holdsNoRecord(line)) {
              continue;
            }
            try {
              builder.commitRow(parser.parse(line, builder));
            } catch (CsvRowParser.RowProblem p) {
              bad.reject(InputError.atOffset(t.file(), t.offset(), p.charColumn(), p.getMessage()), p.skippable());
              continue;
            }
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
