package sparkdgd.data;

import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.util.StringUtils;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The lines of text files as (byte offset, line) pairs, one partition per byte-range split of a file. Hadoop's
 * {@code FileInputFormat} sizes the splits as the smallest of the maximum set here (128 MiB, or less to give
 * {@code partitions} splits, or Spark's default parallelism) and the file system's block size (32 MiB on the local file
 * system and S3A, {@code dfs.blocksize} on HDFS); a file's last split may be 10% larger, and every file is at least one
 * split (small files are not packed together).
 */
final class TextSplits {
  private static final long MAX_SPLIT_BYTES = 128L << 20;

  private TextSplits() {}

  static JavaNewHadoopRDD<LongWritable, Text> lines(JavaSparkContext jsc, List<FileStatus> files, int partitions) {
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    long totalBytes = files.stream().mapToLong(FileStatus::getLen).sum();
    int wanted = partitions > 0 ? partitions : jsc.defaultParallelism();
    long splitBytes = Math.max(1, Math.min(MAX_SPLIT_BYTES, (totalBytes + wanted - 1) / wanted));
    conf.setLong(FileInputFormat.SPLIT_MAXSIZE, splitBytes);
    conf.set(FileInputFormat.INPUT_DIR, String.join(",", files.stream().map(TextSplits::inputDir).toList()));
    @SuppressWarnings("unchecked")
    JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
        jsc.newAPIHadoopRDD(conf, TextInputFormat.class, LongWritable.class, Text.class);
    return lines;
  }

  /**
   * A listed file as an entry of Hadoop's input list, which globs each entry ({@code data[1].csv} matched no file) and
   * splits the list at commas: the path as a glob that matches only itself ({@link InputFiles#literal}), its
   * backslashes and commas escaped as {@code FileInputFormat.setInputPaths} escapes them ({@code c,d.csv}).
   */
  private static String inputDir(FileStatus file) {
    return StringUtils.escapeString(InputFiles.literal(file.getPath().toString()));
  }

  /**
   * The partitions {@link #located} spreads the lines over when the splits are fewer: {@code partitions} when given.
   * Automatic (0): Spark's default parallelism when a file is read whole (gzip, or any codec that cannot be split:
   * one split whatever its size); otherwise 0, the splits as they are: {@link #lines} sizes the splits of splittable
   * files for the default parallelism already, and they keep the partitioning they have always had (a checkpoint's
   * fingerprint holds the partition count), even where Hadoop's 10% slack on a file's last split leaves fewer.
   */
  static int spreadOver(JavaSparkContext jsc, List<FileStatus> files, int partitions) {
    if (partitions > 0) {
      return partitions;
    }
    Configuration conf = jsc.hadoopConfiguration();
    return files.stream().anyMatch(f -> TextFiles.readWhole(conf, f.getPath())) ? jsc.defaultParallelism() : 0;
  }

  /**
   * The lines of {@code lines} with their file and offset. When the input has fewer splits than {@code partitions}
   * ({@link #spreadOver}; a gzip file is one split, as is any file of a codec that cannot be split), they are spread
   * over {@code partitions} by a shuffle (round robin from each split, so the partitions' row counts differ by at
   * most the number of splits); otherwise they stay in their splits. 0 partitions: the splits as they are.
   * A partition holds the same lines on every run (Spark deals each split's lines from a start set by the split's
   * index); their order in it is the order its shuffle blocks are fetched, the splits' order when one split feeds the
   * shuffle (one gzip file) or all ran in one executor, but not fixed when several executors' splits feed it.
   */
  static JavaRDD<LocatedLine> located(JavaNewHadoopRDD<LongWritable, Text> lines, int partitions, BadRecords bad) {
    JavaRDD<LocatedLine> located = lines.mapPartitionsWithInputSplit((split, raw) -> locate(split, raw, bad), false);
    return partitions > located.getNumPartitions() ? located.repartition(partitions) : located;
  }

  /**
   * One split's lines, each with the split's file and its own offset (Hadoop reuses its key and value objects), up
   * to where a compressed file cannot be decompressed further, a bad record of {@code bad} ({@link LinesUntilDamaged}).
   */
  private static Iterator<LocatedLine> locate(InputSplit split, Iterator<Tuple2<LongWritable, Text>> raw,
      BadRecords bad) {
    String file = ((FileSplit) split).getPath().toString();
    Iterator<Tuple2<LongWritable, Text>> lines = LinesUntilDamaged.training(split, raw, bad::reject);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public LocatedLine next() {
        Tuple2<LongWritable, Text> t = lines.next();
        return new LocatedLine(file, t._1().get(), t._2().toString());
      }
    };
  }
}
