package sparkdgd.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Finds the Parquet files whose footer cannot be read (not Parquet, truncated, corrupt), in one small
 * distributed job: each task opens a few files' footers. Spark would otherwise fail the whole read with
 * a message that does not always name the file.
 */
final class ParquetFooters {
  private ParquetFooters() {}

  /** (file, problem) for every unreadable file, in file order. */
  static List<Tuple2<String, String>> unreadable(JavaSparkContext jsc, List<FileStatus> files) {
    List<String> paths = new ArrayList<>();
    for (FileStatus f : files) {
      paths.add(f.getPath().toString());
    }
    HadoopConf conf = new HadoopConf(jsc.hadoopConfiguration());
    int slices = Math.max(1, Math.min(paths.size(), jsc.defaultParallelism()));
    jsc.setJobDescription("check the Parquet footers");
    try {
      List<Tuple2<String, String>> bad = new ArrayList<>(jsc.parallelize(paths, slices)
          .map(p -> new Tuple2<>(p, problem(conf, p)))
          .filter(t -> t._2() != null)
          .collect());
      bad.sort((a, b) -> a._1().compareTo(b._1()));
      return bad;
    } finally {
      jsc.setJobDescription(null);
    }
  }

  private static String problem(HadoopConf conf, String path) {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(path), conf.get()))) {
      reader.getFooter();
      return null;
    } catch (IOException | RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int nl = m.indexOf('\n');
      return nl < 0 ? m : m.substring(0, nl);
    }
  }
}
