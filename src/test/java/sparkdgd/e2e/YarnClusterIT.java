package sparkdgd.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.cli.Main;

/**
 * A real YARN (MiniYARNCluster) and a real HDFS (MiniDFSCluster) in the test: the job runs on YARN in
 * client mode (driver in this JVM) and, through SparkSubmit, in cluster mode (driver in a YARN
 * container, submitted by ./submit.sh), reading its data from HDFS; both match a local run bit for bit, and so
 * does a client-mode run whose passes go to resident tasks in the YARN containers.
 */
@Tag("cluster")
class YarnClusterIT {
  private static final String OPENS = System.getProperty("sparkdgd.opens", "");
  private static MiniDFSCluster hdfs;
  private static MiniYARNCluster yarn;
  private static String hdfsUri;

  @TempDir
  static Path tmp;

  @BeforeAll
  static void startClusters() throws Exception {
    Configuration dfsConf = new Configuration();
    dfsConf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    hdfs = new MiniDFSCluster.Builder(dfsConf).numDataNodes(1).build();
    hdfsUri = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    FileSystem fs = hdfs.getFileSystem();
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(Submit.data("correlated.csv")),
        new org.apache.hadoop.fs.Path(hdfsUri + "/data/correlated.csv"));

    YarnConfiguration conf = new YarnConfiguration();
    conf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
    conf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
    conf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
    conf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
    conf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
    conf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
    conf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
    conf.set("yarn.resourcemanager.hostname", "127.0.0.1");
    conf.setInt("yarn.nodemanager.resource.memory-mb", 4096);
    conf.setInt("yarn.scheduler.minimum-allocation-mb", 256);
    conf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
    yarn = new MiniYARNCluster("spark-dgd-it", 1, 1, 1);
    yarn.init(conf);
    yarn.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
      assertTrue(System.nanoTime() < deadline, "the ResourceManager got no address");
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stopClusters() {
    if (yarn != null) {
      yarn.stop();
    }
    if (hdfs != null) {
      hdfs.shutdown();
    }
  }

  /** Spark settings for running on the mini YARN from this JVM's classpath. */
  private static Map<String, String> sparkSettings() throws Exception {
    Map<String, String> s = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : yarn.getConfig()) {
      s.put("spark.hadoop." + e.getKey(), e.getValue());
    }
    Path emptyJar = Files.createTempFile(tmp, "spark-jars", ".jar");
    s.put("spark.yarn.jars", "local:" + emptyJar);
    String cp = System.getProperty("java.class.path");
    s.put("spark.driver.extraClassPath", cp);
    s.put("spark.executor.extraClassPath", cp);
    s.put("spark.driver.extraJavaOptions", OPENS);
    s.put("spark.executor.extraJavaOptions", OPENS);
    // the containers' JVMs live for seconds: the client compiler alone starts them sooner (see Submit)
    s.put("spark.executor.defaultJavaOptions", "-XX:TieredStopAtLevel=1");
    s.put("spark.yarn.am.extraJavaOptions", OPENS + " -XX:TieredStopAtLevel=1");
    s.put("spark.driver.memory", "512m");
    s.put("spark.executor.memory", "512m");
    s.put("spark.yarn.am.memory", "512m");
    s.put("spark.executor.instances", "2");
    s.put("spark.executor.cores", "1");
    s.put("spark.ui.enabled", "false");
    s.put("spark.dgd.executorWaitSeconds", "120");
    return s;
  }

  /** Training flags; the tests compare coefficients only (see {@link Submit#COEFFICIENTS_ONLY}). */
  private static String[] trainArgs(String output) {
    return concat(new String[] {"--data", hdfsUri + "/data/correlated.csv", "--partitions", "4", "--epochs", "20",
        "--tol", "0", "--output", output}, Submit.COEFFICIENTS_ONLY.toArray(new String[0]));
  }

  private static double[] coefficients(String dir) throws Exception {
    JsonNode m;
    try (var in = hdfs.getFileSystem().open(new org.apache.hadoop.fs.Path(dir + "/model.json"))) {
      m = new ObjectMapper().readTree(in);
    }
    double[] c = new double[m.get("coefficients").size() + 1];
    for (int i = 0; i < c.length - 1; i++) {
      c[i] = m.get("coefficients").get(i).asDouble();
    }
    c[c.length - 1] = m.get("intercept").asDouble();
    return c;
  }

  @Test
  void clientAndClusterModeOnYarnReadFromHdfsAndMatchALocalRun() throws Exception {
    // the reference: local[2], in another process, reading the same HDFS file
    Submit.Result local = Submit.run(tmp, concat(new String[] {"--master", "local[2]"},
        trainArgs(hdfsUri + "/out/local")));
    assertEquals(0, local.code(), local.both());
    double[] reference = coefficients(hdfsUri + "/out/local");

    // client mode: the driver is this JVM, executors are YARN containers
    SparkConf conf = new SparkConf().setMaster("yarn").setAppName("spark-dgd-yarn-client")
        .set("spark.submit.deployMode", "client").set("spark.driver.host", "127.0.0.1");
    sparkSettings().forEach(conf::set);
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(trainArgs(hdfsUri + "/out/client"), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, code, out + "\n" + err);
      assertTrue(out.toString(StandardCharsets.UTF_8).contains("with master yarn"), out.toString());
      assertTrue(spark.sparkContext().statusTracker().getExecutorInfos().length >= 2, "YARN executors ran it");

      // resident tasks: one long task per executor core in the YARN containers, answering the passes over a
      // socket to this driver
      out.reset();
      err.reset();
      code = Main.run(concat(trainArgs(hdfsUri + "/out/client-resident"), new String[] {"--resident-tasks"}),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, code, out + "\n" + err);
      assertTrue(java.util.regex.Pattern.compile("Passes: \\d+ resident tasks? holds? the 4 partitions")
          .matcher(out.toString(StandardCharsets.UTF_8)).find(), out + "\n" + err);
      assertFalse(err.toString(StandardCharsets.UTF_8).contains("resident tasks"), err.toString());
    } finally {
      spark.stop();
    }
    assertArrayEquals(reference, coefficients(hdfsUri + "/out/client"), 0.0, "yarn client mode");
    assertArrayEquals(reference, coefficients(hdfsUri + "/out/client-resident"), 0.0,
        "yarn client mode, resident tasks");

    // cluster mode: the driver runs in the application master's container. SparkSubmit started by
    // ./submit.sh, as a user with HADOOP_CONF_DIR and no Spark installation runs it; the script ships
    // the Maven-resolved Spark jars to the containers.
    Path confDir = Files.createDirectories(tmp.resolve("hadoop-conf"));
    try (OutputStream o = Files.newOutputStream(confDir.resolve("yarn-site.xml"))) {
      yarn.getConfig().writeXml(o);
    }
    try (OutputStream o = Files.newOutputStream(confDir.resolve("core-site.xml"))) {
      yarn.getConfig().writeXml(o);
    }
    Submit.Result viaScript = Submit.run(tmp, Map.of("HADOOP_CONF_DIR", confDir.toString()),
        concat(concat(new String[] {"--master", "yarn", "--deploy-mode", "cluster", "--driver-memory", "512m",
            "--executor-memory", "512m", "--num-executors", "1"},
            Submit.CLUSTER_JVMS_QUICK_START.toArray(new String[0])), trainArgs(hdfsUri + "/out/script")));
    assertEquals(0, viaScript.code(), viaScript.both());
    assertArrayEquals(reference, coefficients(hdfsUri + "/out/script"), 0.0, "yarn cluster mode through ./submit.sh");
    // the console names the application and its state (Spark's YARN client, which conf/log4j2.properties lets speak)
    assertTrue(viaScript.err().matches("(?s).*Submitting application application_\\d+_\\d+ to ResourceManager.*"),
        viaScript.err());
    assertTrue(viaScript.err().contains("final status: SUCCEEDED"), viaScript.err());

    // a run that fails in the application master: its error line reaches this console through YARN's diagnostics
    // (it exited before, and the console had only "Shutdown hook called before final status was reported")
    String missing = hdfsUri + "/data/missing.csv";
    Submit.Result failed = Submit.run(tmp, Map.of("HADOOP_CONF_DIR", confDir.toString()),
        concat(concat(new String[] {"--master", "yarn", "--deploy-mode", "cluster", "--driver-memory", "512m",
            "--executor-memory", "512m", "--num-executors", "1", "--conf", "spark.yarn.maxAppAttempts=1"},
            Submit.CLUSTER_JVMS_QUICK_START.toArray(new String[0])),
            new String[] {"--data", missing, "--output", hdfsUri + "/out/never"}));
    assertEquals(1, failed.code(), failed.both());
    assertTrue(failed.err().contains("Application diagnostics message: User class threw exception: "
        + "sparkdgd.cli.RunFailed: error: " + missing
        + ": no such file or directory; check --data (exit code 2)"), failed.err());
    assertFalse(hdfs.getFileSystem().exists(new org.apache.hadoop.fs.Path(hdfsUri + "/out/never")));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
