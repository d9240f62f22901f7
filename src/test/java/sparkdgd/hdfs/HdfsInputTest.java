package sparkdgd.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.cli.Main;
import sparkdgd.cli.TestRuns;
import sparkdgd.testing.Generated;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

/**
 * A real HDFS (one in-process NameNode and DataNode): {@code generate} writes CSV, Parquet and LIBSVM
 * into it, the trainer reads them from {@code hdfs://} URIs and writes its model there, and local
 * copies of the same files give the same coefficients.
 */
@Tag("hdfs")
@Tag("spark")
class HdfsInputTest {
  private static MiniDFSCluster cluster;
  private static String hdfs;
  private static FileSystem fs;

  @TempDir
  static Path local;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR,
        Path.of("target", "minidfs-" + HdfsInputTest.class.getSimpleName()).toAbsolutePath().toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    hdfs = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    fs = cluster.getFileSystem();
    SparkTestSession.get();
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  private static String run(String... args) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = Main.run(args, new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
    assertEquals(0, code, out + "\n" + err);
    return out.toString();
  }

  private static JsonNode readJson(String uri) throws Exception {
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void csvParquetAndLibsvmOnHdfsTrainLikeTheirLocalCopies() throws Exception {
    for (String format : List.of("csv", "parquet", "libsvm")) {
      String data = hdfs + "/data/" + format;
      run("generate", "--rows", "2000", "--features", "3", "--sparsity", "0.3", "--coefficients", "2,-1,0.5",
          "--intercept", "1", "--seed", "21", "--partitions", "2", "--format", format, "--output", data);
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(data + "/_truth.json")), format);
      Path copy = local.resolve(format);
      fs.copyToLocalFile(new org.apache.hadoop.fs.Path(data), new org.apache.hadoop.fs.Path(copy.toString()));

      String model = hdfs + "/models/" + format;
      String[] common = {"--epochs", "30", "--tol", "0", "--partitions", "2"};
      run(TestRuns.concat(new String[] {"--data", data, "--output", model}, common));
      run(TestRuns.concat(
          new String[] {"--data", copy.toString(), "--output", local.resolve("m-" + format).toString()}, common));
      JsonNode fromHdfs = readJson(model + "/model.json");
      JsonNode fromLocal = new ObjectMapper().readTree(local.resolve("m-" + format).resolve("model.json").toFile());
      assertEquals(format, fromHdfs.get("format").asText());
      assertEquals(2000, fromHdfs.get("rows").asLong());
      double diff = LeastSquares.relativeError(Generated.coefficientsAndIntercept(fromHdfs),
          Generated.coefficientsAndIntercept(fromLocal));
      // the same bytes in the same splits: only the file system differs
      assertTrue(diff <= 1e-12, format + ": hdfs vs local " + diff);
      if (format.equals("csv")) {
        var d = Generated.readCsvDir(copy);
        double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
        assertTrue(LeastSquares.relativeError(Generated.coefficientsAndIntercept(fromHdfs), exact) < 1e-8);
      }
    }
    assertTrue(Files.exists(local.resolve("csv").resolve("part-00001.csv")));
  }

  /**
   * On HDFS a path under a file is an error of its own (ParentNotDirectoryException, not "no such file"): an
   * --output or --checkpoint-dir there is still refused with exit 2 and the file named, before the data is read.
   */
  @Test
  void anOutputOrCheckpointDirUnderAFileOnHdfsIsRefusedBeforeTheDataIsRead() throws Exception {
    String file = hdfs + "/notes.csv";
    try (var out = fs.create(new org.apache.hadoop.fs.Path(file), false)) {
      out.write("x,y\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    for (String flag : List.of("--output", "--checkpoint-dir")) {
      String under = file + "/deeper/" + (flag.equals("--output") ? "out" : "ck");
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      List<String> args = new java.util.ArrayList<>(List.of("--data", "sample-data/tutorial.csv", flag, under));
      if (flag.equals("--checkpoint-dir")) {
        args.addAll(List.of("--output", local.resolve("hdfs-ck-out").toString()));
      }
      int code = Main.run(args.toArray(new String[0]), new java.io.PrintStream(out, true),
          new java.io.PrintStream(err, true));
      assertEquals(2, code, out + "\n" + err);
      assertEquals("error: " + flag + " " + under + " cannot be written: " + file + " is a file, not a directory; "
          + "choose another " + flag + " (see --help)", err.toString().strip());
      assertTrue(!out.toString().contains("Data: "), out.toString());
      assertEquals(4, fs.getFileStatus(new org.apache.hadoop.fs.Path(file)).getLen(), "the file is kept");
    }
  }
}
