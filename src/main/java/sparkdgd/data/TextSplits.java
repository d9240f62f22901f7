package sparkdgd.data;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaSparkContext;

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
}
