package sparkdgd.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import sparkdgd.cli.Main;
import sparkdgd.cli.TestRuns;
import sparkdgd.testing.Generated;
import sparkdgd.testing.LeastSquares;
import sparkdgd.testing.SparkTestSession;

/**
 * {@code s3a://} input and output against a local S3 endpoint: S3Proxy (in-memory "transient" store,
 * SigV4 signatures) runs as its own process on a free 127.0.0.1 port. CSV and Parquet data sets are
 * uploaded through Hadoop's S3A file system, the command line trains from the {@code s3a://} URIs and
 * writes its model back to the bucket, and the same files read from local disk give the same
 * coefficients. The S3A settings are the ones the README gives as {@code --conf spark.hadoop.fs.s3a.*}.
 */
@Tag("s3")
@Tag("spark")
class S3aInputTest {
  private static final String BUCKET = "spark-dgd-test";
  private static final String ACCESS_KEY = "spark-dgd-access";
  private static final String SECRET_KEY = "spark-dgd-secret";
  /** The S3A settings a user passes as {@code spark.hadoop.<key>} (README, "Reading from S3"). */
  private static final List<String> S3A_KEYS = List.of("fs.s3a.endpoint", "fs.s3a.endpoint.region",
      "fs.s3a.path.style.access", "fs.s3a.connection.ssl.enabled", "fs.s3a.access.key", "fs.s3a.secret.key",
      "fs.s3a.aws.credentials.provider", "fs.s3a.multiobjectdelete.enable");

  /** Why the local S3 endpoint could not be started, or null. */
  private static String unavailable;
  private static Process s3proxy;
  private static Path s3proxyLog;
  private static FileSystem s3a;

  @TempDir
  static Path local;

  @BeforeAll
  static void startS3Proxy() throws Exception {
    Path jar = Path.of("target", "s3proxy.jar").toAbsolutePath();
    // copied there by maven-dependency-plugin (process-test-resources): part of the build, never "missing"
    assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn process-test-resources");
    int port = freePort();
    String endpoint = "http://127.0.0.1:" + port;
    Path props = local.resolve("s3proxy.properties");
    Files.writeString(props, String.join("\n",
        "s3proxy.endpoint=" + endpoint,
        "s3proxy.authorization=aws-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=transient",
        "jclouds.identity=" + ACCESS_KEY,
        "jclouds.credential=" + SECRET_KEY,
        ""));
    s3proxyLog = Path.of("target", "s3proxy-" + S3aInputTest.class.getSimpleName() + ".log").toAbsolutePath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    s3proxy = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "--properties", props.toString())
        .redirectErrorStream(true)
        .redirectOutput(s3proxyLog.toFile())
        .start();
    Configuration conf = SparkTestSession.get().sparkContext().hadoopConfiguration(); // while S3Proxy starts
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!accepts(port)) {
      if (!s3proxy.isAlive() || System.nanoTime() > deadline) {
        String log = Files.exists(s3proxyLog) ? Files.readString(s3proxyLog) : "";
        unavailable = "S3Proxy did not start on " + endpoint + " within 60 s ("
            + (s3proxy.isAlive() ? "still starting" : "exited with " + s3proxy.waitFor()) + "); its log ("
            + s3proxyLog + ") ends: " + log.substring(Math.max(0, log.length() - 1000));
        stopS3Proxy();
        return; // the test reports the reason as a skip (an abort in @BeforeAll would show as 0 tests run)
      }
      Thread.sleep(100);
    }

    // S3A reads and writes objects but does not create buckets: the AWS SDK does that once.
    try (S3Client client = S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build()) {
      client.createBucket(b -> b.bucket(BUCKET));
    }

    Map<String, String> settings = Map.of(
        "fs.s3a.endpoint", endpoint,
        "fs.s3a.endpoint.region", "us-east-1",
        "fs.s3a.path.style.access", "true",
        "fs.s3a.connection.ssl.enabled", "false",
        "fs.s3a.access.key", ACCESS_KEY,
        "fs.s3a.secret.key", SECRET_KEY,
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        // S3Proxy answers bulk deletes with 501 Not Implemented: delete one object at a time
        "fs.s3a.multiobjectdelete.enable", "false");
    assertEquals(S3A_KEYS.size(), settings.size());
    settings.forEach(conf::set);
    s3a = FileSystem.get(URI.create("s3a://" + BUCKET + "/"), conf);
  }

  @AfterAll
  static void stopS3Proxy() throws IOException {
    try {
      if (s3a != null) {
        s3a.close();
      }
    } finally {
      Configuration conf = SparkTestSession.get().sparkContext().hadoopConfiguration();
      S3A_KEYS.forEach(conf::unset);
      if (s3proxy != null) {
        s3proxy.destroy();
        try {
          s3proxy.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        s3proxy.destroyForcibly();
      }
    }
  }

  @Test
  void csvAndParquetOnS3TrainLikeTheirLocalCopies() throws Exception {
    Assumptions.assumeTrue(unavailable == null, unavailable);
    for (String format : List.of("csv", "parquet")) {
      Path copy = local.resolve(format);
      run("generate", "--rows", "3000", "--features", "3", "--coefficients", "1.5,-2,0.25", "--intercept", "0.5",
          "--seed", "33", "--partitions", "2", "--format", format, "--output", copy.toString());
      String data = "s3a://" + BUCKET + "/data/" + format;
      s3a.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(copy.toUri()),
          new org.apache.hadoop.fs.Path(data));
      assertTrue(s3a.exists(new org.apache.hadoop.fs.Path(data + "/part-00001." + (format.equals("csv")
          ? "csv" : "snappy.parquet"))), format + ": upload");

      // the model goes back to the bucket once (CSV run): --output on s3a costs a few seconds of copies
      String model = format.equals("csv") ? "s3a://" + BUCKET + "/models/" + format
          : local.resolve("s3-" + format).toUri().toString();
      String[] common = {"--epochs", "10", "--tol", "0", "--partitions", "2", "--no-plots"};
      String out = run(TestRuns.concat(new String[] {"--data", data, "--output", model}, common));
      assertTrue(out.contains(data), format + ": the start line names the s3a input\n" + out);
      run(TestRuns.concat(
          new String[] {"--data", copy.toString(), "--output", local.resolve("m-" + format).toString()}, common));

      if (format.equals("csv")) { // moved in file by file (ObjectStoreMove): the marks are gone at the end
        assertEquals(0, s3a.listStatus(new org.apache.hadoop.fs.Path(model),
            p -> p.getName().startsWith("_UNFINISHED")).length, model);
        assertTrue(s3a.exists(new org.apache.hadoop.fs.Path(model + "/history.csv")), model);
        assertTrue(s3a.exists(new org.apache.hadoop.fs.Path(model + "/_SUCCESS")), model + ": what sensors wait for");
        // a model whose write has not finished is refused as --model (predict, evaluate) and --init-model
        org.apache.hadoop.fs.Path mark = new org.apache.hadoop.fs.Path(model + "/_UNFINISHED");
        s3a.create(mark).close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
          code = Main.run(new String[] {"predict", "--model", model, "--data", copy.toString(), "--output",
              local.resolve("p-unfinished").toString()}, o, e);
        }
        assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: " + model + ": holds _UNFINISHED, the mark "
            + "of a write into it that has not finished"), err.toString(StandardCharsets.UTF_8));
        s3a.delete(mark, false);
      }
      JsonNode fromS3;
      org.apache.hadoop.fs.Path modelJson = new org.apache.hadoop.fs.Path(model + "/model.json");
      try (InputStream in = modelJson.getFileSystem(s3a.getConf()).open(modelJson)) {
        fromS3 = new ObjectMapper().readTree(in);
      }
      JsonNode fromLocal = new ObjectMapper().readTree(local.resolve("m-" + format).resolve("model.json").toFile());
      assertEquals(format, fromS3.get("format").asText());
      assertEquals(3000, fromS3.get("rows").asLong());
      assertEquals(2, fromS3.get("partitions").asInt());
      // The same bytes in the same splits, summed exactly (ExactSum): only the file system differs, so
      // the coefficients agree to the last bit, not merely within rounding.
      assertArrayEquals(Generated.coefficientsAndIntercept(fromLocal), Generated.coefficientsAndIntercept(fromS3),
          0.0, format + ": s3a vs local");
      if (format.equals("csv")) {
        // and they are the least-squares solution, computed another way (QR on the local rows)
        var d = Generated.readCsvDir(copy);
        double[] exact = LeastSquares.solveWithIntercept(d.x(), d.y());
        double err = LeastSquares.relativeError(Generated.coefficientsAndIntercept(fromS3), exact);
        assertTrue(err < 1e-8, "s3a model vs closed form: " + err);
      }
    }
  }

  /**
   * S3's refusals are told what to check (a user review of S3 had the SDK's "Forbidden (... Status Code: 403 ...)"
   * and "NoSuchBucketException" alone): a wrong secret, a bucket that does not exist; both exit code 2.
   */
  @Test
  void wrongCredentialsAndAMissingBucketSayWhatToCheck() {
    Assumptions.assumeTrue(unavailable == null, unavailable);
    Configuration wrong = new Configuration(s3a.getConf());
    wrong.set("fs.s3a.secret.key", "not-the-secret");
    wrong.setBoolean("fs.s3a.impl.disable.cache", true);
    wrong.setInt("fs.s3a.attempts.maximum", 1);
    sparkdgd.data.InputError denied = org.junit.jupiter.api.Assertions.assertThrows(sparkdgd.data.InputError.class,
        () -> sparkdgd.data.InputFiles.list(wrong, "s3a://" + BUCKET + "/data"));
    assertTrue(denied.getMessage().endsWith("; the store refused the request (403): check the credentials "
        + "(fs.s3a.access.key and fs.s3a.secret.key, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and that the "
        + "bucket's policy allows this"), denied.getMessage());
    sparkdgd.data.InputError missing = org.junit.jupiter.api.Assertions.assertThrows(
        sparkdgd.data.InputError.class, () -> sparkdgd.data.InputFiles.list(s3a.getConf(), "s3a://no-such-bucket/d"));
    assertTrue(missing.getMessage().endsWith("; the bucket does not exist: check its name in the path (and "
        + "fs.s3a.endpoint, the store it is on)"), missing.getMessage());
  }

  /**
   * A write to s3a:// is moved in file by file, the directory marked unfinished until the last is in (a user review of
   * S3 saw a run stopped mid-move leave 178 of 300 part files, which a training run read without a word): generate
   * and --overwrite leave exactly the new files, unmarked; a move that fails halfway leaves the mark, and training
   * refuses the directory.
   */
  @Test
  void aWriteToS3IsMarkedUnfinishedUntilItsLastFileIsIn() throws Exception {
    Assumptions.assumeTrue(unavailable == null, unavailable);
    String data = "s3a://" + BUCKET + "/generated";
    String[] generate = {"generate", "--rows", "900", "--features", "2", "--seed", "4", "--format", "csv",
        "--output", data, "--partitions"};
    run(TestRuns.concat(generate, new String[] {"3"}));
    run(TestRuns.concat(generate, new String[] {"2", "--overwrite"}));
    List<String> names = new java.util.ArrayList<>();
    for (org.apache.hadoop.fs.FileStatus f : s3a.listStatus(new org.apache.hadoop.fs.Path(data))) {
      names.add(f.getPath().getName());
    }
    names.sort(null);
    assertEquals(List.of("part-00000.csv", "part-00001.csv"), names.stream().filter(n -> n.startsWith("part-"))
        .toList(), names.toString());
    assertTrue(names.stream().noneMatch(n -> n.startsWith("_UNFINISHED")), names.toString());
    String out = run("--data", data, "--epochs", "2", "--no-plots", "--output", local.resolve("gen").toString());
    assertTrue(out.contains("900 rows"), out);

    // the move of three files, whose second rename fails, through S3A itself
    org.apache.hadoop.fs.Path staged = new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/.half.staging");
    for (int i = 0; i < 3; i++) {
      try (java.io.OutputStream o = s3a.create(new org.apache.hadoop.fs.Path(staged, "part-" + i + ".csv"))) {
        o.write("x1,y\n1,2\n".getBytes(StandardCharsets.UTF_8));
      }
    }
    FileSystem failing = new org.apache.hadoop.fs.FilterFileSystem(s3a) {
      private int renames;

      @Override
      public boolean rename(org.apache.hadoop.fs.Path src, org.apache.hadoop.fs.Path dst) throws IOException {
        return ++renames != 2 && super.rename(src, dst);
      }
    };
    String half = "s3a://" + BUCKET + "/half";
    IOException failed = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> sparkdgd.output.Replacement.replace(failing, staged, new org.apache.hadoop.fs.Path(half)));
    org.apache.hadoop.fs.FileStatus[] marks = s3a.listStatus(new org.apache.hadoop.fs.Path(half),
        p -> p.getName().startsWith("_UNFINISHED-"));
    assertEquals(1, marks.length);
    String mark = marks[0].getPath().getName();
    assertTrue(failed.getMessage().contains("marked by its _UNFINISHED and " + mark + " files"), failed.getMessage());
    assertTrue(s3a.exists(new org.apache.hadoop.fs.Path(half + "/_UNFINISHED")));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(new String[] {"--data", half, "--output", local.resolve("half").toString()}, o, e);
    }
    assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: " + half + ": holds _UNFINISHED, the mark of "
        + "a write into it that has not finished"), err.toString(StandardCharsets.UTF_8));
    // files matched by a pattern, or one named, are looked up beside the mark too
    for (String files : List.of(half + "/*.csv", half + "/part-0.csv")) {
      sparkdgd.data.InputError refused = org.junit.jupiter.api.Assertions.assertThrows(sparkdgd.data.InputError.class,
          () -> sparkdgd.data.InputFiles.list(s3a.getConf(), files), files);
      assertTrue(refused.getMessage().startsWith(half + ": holds _UNFINISHED, "), refused.getMessage());
    }
  }

  private static String run(String... args) {
    SparkTestSession.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(args, o, e);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, String.join(" ", args) + "\n" + text + "\n" + err.toString(StandardCharsets.UTF_8));
    return text;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

}
