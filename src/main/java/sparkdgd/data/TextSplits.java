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
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The lines of text files as (byte offset, line) pairs, one partition per byte-range split: at most
 * 128 MiB, and small enough to give {@code partitions} splits (or Spark's default parallelism).
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
    conf.set(FileInputFormat.INPUT_DIR, String.join(",",
        files.stream().map(f -> f.getPath().toString().replace(",", "\\,")).toList()));
    @SuppressWarnings("unchecked")
    JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>)
        jsc.newAPIHadoopRDD(conf, TextInputFormat.class, LongWritable.class, Text.class);
    return lines;
  }

  /**
   * The lines of {@code lines} with their file and offset. When the input has fewer splits than {@code partitions}
   * (a gzip file is one split, as is any file of a codec that cannot be split), they are spread over
   * {@code partitions} by a shuffle (round robin from each split, so the partitions' row counts differ by at most
   * the number of splits); otherwise they stay in their splits. 0 partitions: the splits as they are.
   */
  static JavaRDD<LocatedLine> located(JavaNewHadoopRDD<LongWritable, Text> lines, int partitions) {
    JavaRDD<LocatedLine> located = lines.mapPartitionsWithInputSplit(TextSplits::locate, false);
    return partitions > located.getNumPartitions() ? located.repartition(partitions) : located;
  }

  /** One split's lines, each with the split's file and its own offset (Hadoop reuses its key and value objects). */
  private static Iterator<LocatedLine> locate(InputSplit split, Iterator<Tuple2<LongWritable, Text>> lines) {
    String file = ((FileSplit) split).getPath().toString();
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
