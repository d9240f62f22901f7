package sparkdgd.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;
import sparkdgd.block.Block;
import sparkdgd.block.BlockBuilder;

/**
 * Reads CSV files with a header line into packed blocks, one partition per byte-range split of the
 * files. Each split's lines are parsed straight into blocks; a bad line fails the task with its file,
 * byte offset and column, which the driver turns into a line number.
 */
public final class CsvSource {
  private CsvSource() {}

  /**
   * @param partitions the number of partitions wanted, or 0 for one per 128 MiB but at least
   *                   {@code defaultParallelism}
   */
  public static LoadedData load(JavaSparkContext jsc, List<FileStatus> files, String labelCol,
      List<String> features, int partitions, int blockRows, BadRecords bad) {
    return load(jsc, files, labelCol, features, partitions, blockRows, bad, ',', true);
  }

  /**
   * @param delimiter the field separator
   * @param hasHeader whether every file starts with a header line; without one the columns are named
   *                  {@code c1..cN} after their position
   */
  public static LoadedData load(JavaSparkContext jsc, List<FileStatus> files, String labelCol,
      List<String> features, int partitions, int blockRows, BadRecords bad, char delimiter, boolean hasHeader) {
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    FileStatus first = files.stream().filter(f -> f.getLen() > 0).findFirst()
        .orElseThrow(() -> InputError.of(files.get(0).getPath().toString(), "every input file is empty"));
    String firstFile = first.getPath().toString();
    String firstLine = readFirstLine(conf, first.getPath());
    List<String> columns = CsvRowParser.splitHeader(firstLine, delimiter);
    if (hasHeader) {
      checkHeader(firstFile, columns, delimiter);
    } else {
      if (columns.size() < 2) {
        throw InputError.atLine(firstFile, 1, 0, String.format("the first line has %d field; a CSV needs a label "
            + "and at least one feature separated by '%s' (check --delimiter)", columns.size(), delimiter));
      }
      List<String> named = new java.util.ArrayList<>();
      for (int i = 1; i <= columns.size(); i++) {
        named.add("c" + i);
      }
      columns = named;
    }
    String header = hasHeader ? firstLine : null;
    boolean[] usable = new boolean[columns.size()];
    java.util.Arrays.fill(usable, true);
    ColumnSelection selection = ColumnSelection.resolve(firstFile, columns, usable, labelCol, features);

    JavaNewHadoopRDD<LongWritable, Text> lines = TextSplits.lines(jsc, files, partitions);
    JavaRDD<Block> blocks = lines.mapPartitionsWithInputSplit(
        new SplitToBlocks(new CsvRowParser(delimiter, selection), header, selection.dims(), blockRows, bad),
        false);
    if (partitions > 0 && blocks.getNumPartitions() > partitions) {
      blocks = blocks.coalesce(partitions);
    }
    return new LoadedData(blocks, selection.featureNames(), selection.labelName(), files.size());
  }

  private static void checkHeader(String file, List<String> columns, char delimiter) {
    if (columns.size() < 2) {
      String line = String.join(String.valueOf(delimiter), columns);
      if (line.startsWith("PAR1")) {
        throw InputError.atLine(file, 1, 0, "this is a Parquet file (it starts with PAR1), not CSV; pass "
            + "--format parquet");
      }
      if (line.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' || c == 0xFFFD)) {
        throw InputError.atLine(file, 1, 0, "the first line is not text; a CSV needs a header line (for "
            + "Parquet or LIBSVM files pass --format parquet or --format libsvm)");
      }
      for (char other : new char[] {';', '\t', '|'}) {
        if (other != delimiter && line.indexOf(other) >= 0) {
          throw InputError.atLine(file, 1, 0, String.format("the header names 1 column (%s); if its fields are "
              + "separated by '%s', pass --delimiter '%s'", line, other == '\t' ? "\\t" : String.valueOf(other),
              other == '\t' ? "\\t" : String.valueOf(other)));
        }
      }
      throw InputError.atLine(file, 1, 0, String.format(
          "the header names %d column (%s); a CSV needs a header line with a label and at least one "
              + "feature, separated by %s", columns.size(), String.join(",", columns),
          delimiter == ',' ? "commas" : "'" + delimiter + "' (--delimiter)"));
    }
    HashSet<String> seen = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      String c = columns.get(i);
      if (c.isEmpty()) {
        throw InputError.atLine(file, 1, 0, "header field " + (i + 1) + " is empty; name every column");
      }
      if (!seen.add(c)) {
        throw InputError.atLine(file, 1, 0, "the header names column \"" + c + "\" twice");
      }
      if (looksNumeric(c)) {
        throw InputError.atLine(file, 1, 0, String.format(
            "the first line looks like data (\"%s\"), not a header; add a header line naming the columns", c));
      }
    }
  }

  private static boolean looksNumeric(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String readFirstLine(Configuration conf, Path path) {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(path.getFileSystem(conf).open(path), StandardCharsets.UTF_8))) {
      String line = r.readLine();
      return line == null ? "" : line;
    } catch (IOException e) {
      throw InputError.unreadable(path.toString(), e);
    }
  }

  /** Turns one input split's lines into blocks, lazily. */
  private static final class SplitToBlocks
      implements Function2<InputSplit, Iterator<Tuple2<LongWritable, Text>>, Iterator<Block>> {
    private static final long serialVersionUID = 1L;
    private final CsvRowParser parser;
    private final String header;
    private final int dims;
    private final int blockRows;
    private final BadRecords bad;

    SplitToBlocks(CsvRowParser parser, String header, int dims, int blockRows, BadRecords bad) {
      this.parser = parser;
      this.header = header;
      this.dims = dims;
      this.blockRows = blockRows;
      this.bad = bad;
    }

    @Override
    public Iterator<Block> call(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
      String file = ((FileSplit) split).getPath().toString();
      return new Iterator<>() {
        private final BlockBuilder builder = new BlockBuilder(dims, blockRows);
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
            Tuple2<LongWritable, Text> t = lines.next();
            long offset = t._1().get();
            String line = t._2().toString();
            if (offset == 0 && header != null) {
              checkSameHeader(file, line);
              continue;
            }
            if (line.isBlank()) {
              continue;
            }
            try {
              builder.commitRow(parser.parse(line, builder.featureSlot(), builder.slotOffset()));
            } catch (CsvRowParser.RowProblem p) {
              bad.reject(InputError.atOffset(file, offset, p.charColumn(), p.getMessage()));
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

    private void checkSameHeader(String file, String line) {
      String a = line.startsWith("\uFEFF") ? line.substring(1) : line;
      String b = header.startsWith("\uFEFF") ? header.substring(1) : header;
      if (!a.trim().equals(b.trim())) {
        throw InputError.atLine(file, 1, 0, String.format(
            "header \"%s\" differs from the first file's header \"%s\"; every file needs the same columns",
            a.trim(), b.trim()));
      }
    }
  }
}
