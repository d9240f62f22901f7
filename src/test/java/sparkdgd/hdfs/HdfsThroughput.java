package sparkdgd.hdfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import sparkdgd.bench.Stats;
import sparkdgd.cli.Main;

/**
 * A measurement, not a test (docs/QUESTIONS.md, question 6): the same generated files read from the
 * local file system and from a real HDFS (an in-process NameNode and DataNode on this machine, data on
 * the same disk). For each, the raw read throughput of the files and the trainer's load time (read,
 * parse, pack, cache) and epoch time, alternating local and HDFS runs so that both see the same machine.
 * Run by {@code scripts/measure-hdfs.sh}.
 *
 * <p>Arguments: work directory, rows, features, repetitions.
 */
public final class HdfsThroughput {
  private record Timing(double readSeconds, double loadSeconds, double epochSeconds) {}

  private HdfsThroughput() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]).toAbsolutePath();
    long rows = Long.parseLong(args[1]);
    int features = Integer.parseInt(args[2]);
    int repetitions = Integer.parseInt(args[3]);
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, work.resolve("minidfs").toString());
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      cluster.waitActive();
      SparkSession.builder().master("local[2]").appName("hdfs-throughput")
          .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
      String hdfs = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
      FileSystem dfs = cluster.getFileSystem();
      List<String[]> table = new ArrayList<>();
      for (String format : List.of("parquet", "csv")) {
        String local = work.resolve("data-" + format).toUri().toString();
        String remote = hdfs + "/data-" + format;
        cli("generate", "--rows", Long.toString(rows), "--features", Integer.toString(features), "--seed", "3",
            "--partitions", "4", "--format", format, "--output", local);
        dfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local), new org.apache.hadoop.fs.Path(remote));
        long bytes = dataBytes(dfs, new org.apache.hadoop.fs.Path(remote));
        List<Timing> onLocal = new ArrayList<>();
        List<Timing> onHdfs = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
          onLocal.add(measure(conf, local, work.resolve("out-local-" + format + r)));
          onHdfs.add(measure(conf, remote, work.resolve("out-hdfs-" + format + r)));
        }
        table.add(row(format, "local file system", bytes, onLocal));
        table.add(row(format, "HDFS (1 DataNode, same disk)", bytes, onHdfs));
      }
      System.out.printf(Locale.ROOT, "%n%,d rows x %d features, local[2], 4 partitions; median of %d runs each, "
          + "local and HDFS alternating%n%n", rows, features, repetitions);
      System.out.println("| format | storage | bytes | raw read MB/s | load s (read, parse, cache) | load MB/s | s per epoch |");
      System.out.println("|---|---|---:|---:|---:|---:|---:|");
      for (String[] r : table) {
        System.out.println("| " + String.join(" | ", r) + " |");
      }
    } finally {
      SparkSession.active().stop();
      cluster.shutdown();
    }
  }

  private static String[] row(String format, String storage, long bytes, List<Timing> timings) {
    double read = new Stats(timings.stream().mapToDouble(Timing::readSeconds).toArray()).median();
    double load = new Stats(timings.stream().mapToDouble(Timing::loadSeconds).toArray()).median();
    double epoch = new Stats(timings.stream().mapToDouble(Timing::epochSeconds).toArray()).median();
    return new String[] {format, storage, String.format(Locale.ROOT, "%,d", bytes),
        String.format(Locale.ROOT, "%.0f", bytes / 1e6 / read), String.format(Locale.ROOT, "%.2f", load),
        String.format(Locale.ROOT, "%.0f", bytes / 1e6 / load), String.format(Locale.ROOT, "%.3f", epoch)};
  }

  /** One raw read of every data file, then one training run of 5 epochs. */
  private static Timing measure(Configuration conf, String data, Path out) throws Exception {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(data);
    FileSystem fs = dir.getFileSystem(conf);
    long start = System.nanoTime();
    long bytes = 0;
    byte[] buffer = new byte[1 << 20];
    for (FileStatus f : fs.listStatus(dir)) {
      if (f.getPath().getName().startsWith("part-")) {
        try (InputStream in = fs.open(f.getPath())) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            bytes += n;
          }
        }
      }
    }
    double read = (System.nanoTime() - start) / 1e9;
    if (bytes == 0) {
      throw new IllegalStateException("no part- files in " + data);
    }
    cli("--data", data, "--output", out.toString(), "--partitions", "4", "--epochs", "5", "--tol", "0",
        "--learning-rate", "0.1", "--log-every", "1", "--no-plots", "--quiet");
    JsonNode model = new ObjectMapper().readTree(out.resolve("model.json").toFile());
    List<String> history = Files.readAllLines(out.resolve("history.csv"));
    double first = Double.parseDouble(history.get(1).split(",")[4]);
    double last = Double.parseDouble(history.get(history.size() - 1).split(",")[4]);
    return new Timing(read, model.get("loadSeconds").asDouble(), (last - first) / (history.size() - 2));
  }

  private static long dataBytes(FileSystem fs, org.apache.hadoop.fs.Path dir) throws IOException {
    long bytes = 0;
    for (FileStatus f : fs.listStatus(dir)) {
      if (f.getPath().getName().startsWith("part-")) {
        bytes += f.getLen();
      }
    }
    return bytes;
  }

  private static void cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", args) + " failed:\n" + out + err);
    }
  }
}
