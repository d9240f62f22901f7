package sparkdgd.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.LeastSquares;

/**
 * A real Spark standalone cluster, a master and two workers as separate JVMs on 127.0.0.1, started
 * and stopped with {@code ./submit.sh cluster}; the built jar submitted to it as a user would.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the web UI port's run, started first, is awaited last
class StandaloneClusterIT {
  private static final Path CLUSTER_DIR = Path.of("target", "it-cluster").toAbsolutePath();
  private static final Map<String, String> ENV = Map.of("SPARK_DGD_CLUSTER_DIR", CLUSTER_DIR.toString());
  private static String master;
  private static Path clientOutput;
  private static List<Long> daemonPids;
  /**
   * The run at the master's web UI port, started with the cluster: Spark gives up on such a master only after a
   * minute (three registration attempts of 20 s), which it spends waiting while the other tests run (62 s of the
   * suite's 15 minutes when it ran alone).
   */
  private static Submit.Running webUiRun;

  @TempDir
  static Path tmp;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @BeforeAll
  static void startCluster() throws Exception {
    Submit.Result r;
    // both ports asked for are taken (as 8080 often is on a laptop): the master moves to free ones, and the
    // workers and the start's wait follow it there
    try (ServerSocket takenRpc = new ServerSocket(0); ServerSocket takenUi = new ServerSocket(0)) {
      int port = takenRpc.getLocalPort();
      int webui = takenUi.getLocalPort();
      r = Submit.run(tmp, ENV, "cluster", "start", "--workers", "2", "--port", String.valueOf(port),
          "--webui-port", String.valueOf(webui));
      assertEquals(0, r.code(), r.both());
      assertTrue(r.out().contains("note: port " + port + " was taken, so the master listens on "), r.out());
      assertTrue(r.out().contains("note: port " + webui + " was taken, so the master's web UI is on "), r.out());
    }
    Matcher url = Pattern.compile("master URL: +(spark://127\\.0\\.0\\.1:[0-9]+)").matcher(r.out());
    assertTrue(url.find(), r.out());
    master = url.group(1);
    try (Stream<Path> pids = Files.list(CLUSTER_DIR.resolve("pids"))) {
      daemonPids = pids.map(p -> {
        try {
          return Long.parseLong(Files.readString(p).trim());
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }).toList();
    }
    assertEquals(3, daemonPids.size());
    for (long pid : daemonPids) {
      assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "daemon " + pid + " runs");
    }
    webUiRun = Submit.start(tmp, "--master", webUiMaster(), "--output", tmp.resolve("never-webui").toString());
  }

  private static String webUiMaster() throws IOException {
    return "spark://127.0.0.1:" + Files.readString(CLUSTER_DIR.resolve("webui-port")).trim();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (webUiRun != null && webUiRun.process.isAlive()) {
      webUiRun.process.destroyForcibly();
    }
    Submit.Result r = Submit.run(tmp, ENV, "cluster", "stop");
    assertEquals(0, r.code(), r.both());
    assertEquals("stopped 3 process(es)", r.out().strip());
    for (long pid : daemonPids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "daemon " + pid + " stopped");
    }
  }

  private static String[] train(String masterUrl, Path output, int epochs, String... extra) {
    List<String> args = new ArrayList<>(List.of("--master", masterUrl, "--data",
        Submit.data("correlated.csv"), "--partitions", "4", "--epochs", String.valueOf(epochs), "--tol", "0",
        "--output", output.toString()));
    args.addAll(Submit.COEFFICIENTS_ONLY);
    args.addAll(Submit.CLUSTER_JVMS_QUICK_START);
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  /** The undisturbed client-mode run (30 epochs), made once and shared by the tests that compare with it. */
  private static synchronized Path clientRun() throws Exception {
    if (clientOutput == null) {
      Path client = tmp.resolve("client");
      Submit.Result c = Submit.run(tmp, train(master, client, 30));
      assertEquals(0, c.code(), c.both());
      assertTrue(c.out().contains("with master " + master), c.out());
      clientOutput = client;
    }
    return clientOutput;
  }

  @Test
  void clientAndClusterDeployModesGiveTheLocalRunsCoefficientsBitForBit() throws Exception {
    Path local = tmp.resolve("local");
    Submit.Result l = Submit.run(tmp, train("local[2]", local, 30));
    assertEquals(0, l.code(), l.both());
    assertArrayEquals(Submit.coefficients(local), Submit.coefficients(clientRun()), 0.0, "client mode");

    // cluster deploy mode: the driver runs on a worker; submit returns once the master accepted it, and says so.
    // The driver's own options come after the module openings Java 17 needs (replacing them, the driver failed).
    Path cluster = tmp.resolve("cluster");
    Submit.Result s = Submit.run(tmp, train(master, cluster, 30, "--deploy-mode", "cluster",
        "--driver-java-options", "-XX:+UseG1GC"));
    assertEquals(0, s.code(), s.both());
    Matcher submitted = Pattern.compile("Driver successfully submitted as (driver-[0-9-]+)").matcher(s.err());
    assertTrue(submitted.find(), s.err());
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (!Files.exists(cluster.resolve("model.json")) && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertTrue(Files.exists(cluster.resolve("model.json")), "the cluster-mode driver wrote its model");
    assertArrayEquals(Submit.coefficients(local), Submit.coefficients(cluster), 0.0, "cluster mode");
    // the worker started the driver with Spark's default logging (INFO): the driver put the project's in its place
    // before its SparkContext started, so its stderr is warnings and errors, as a client's is (444 of 450 lines were
    // Spark's INFO lines before); its stdout has the progress
    Path driverDir;
    try (Stream<Path> drivers = Files.list(CLUSTER_DIR.resolve("work"))
        .map(w -> w.resolve(submitted.group(1))).filter(Files::isDirectory)) {
      driverDir = drivers.findFirst().orElseThrow();
    }
    String driverErr = Files.readString(driverDir.resolve("stderr"));
    assertTrue(driverErr.contains("Using Spark's default log4j profile"), driverErr);
    assertFalse(driverErr.contains(" INFO SparkContext: "), driverErr);
    assertTrue(Files.readString(driverDir.resolve("stdout")).contains("Stopped after 30 epochs"), driverDir.toString());

    // cluster status lists the driver with its state once it has ended
    String finished = submitted.group(1) + ": FINISHED";
    Submit.Result status = Submit.run(tmp, ENV, "cluster", "status");
    while (!status.out().contains(finished) && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      status = Submit.run(tmp, ENV, "cluster", "status");
    }
    assertEquals(0, status.code(), status.both());
    assertTrue(status.out().lines().anyMatch(finished::equals), status.out());
    assertTrue(status.out().contains("workers alive: 2; cores in use: "), status.out());
  }

  /**
   * Trains on executors with Spark's default JVM options (--add-modules=jdk.incubator.vector among them, and in
   * conf/spark-defaults.conf too) and C2, where the other tests' executors start with C1 only (so scalar); checks
   * the run succeeded and printed {@code kernelLine}.
   */
  private Submit.Result trainOnC2Executors(Path output, String kernelLine, String... flags) throws Exception {
    List<String> extra = new ArrayList<>(List.of("--conf", "spark.executor.defaultJavaOptions="));
    extra.addAll(List.of(flags));
    Submit.Result r = Submit.run(tmp, train(master, output, 30, extra.toArray(new String[0])));
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains(kernelLine), r.out());
    return r;
  }

  @Test
  void float64BlocksRunOnVectorsInExecutorsWithC2AndTheEnvironmentSwitchTurnsThemOff() throws Exception {
    Path vectors = tmp.resolve("vectors");
    trainOnC2Executors(vectors, "float64 blocks: the squared loss runs on vectors (the JDK's Vector API, "
        + "--add-modules=jdk.incubator.vector)");
    // Spark refuses -Dsparkdgd... in spark.executor.extraJavaOptions; the environment variable reaches executors
    Path scalar = tmp.resolve("scalar");
    trainOnC2Executors(scalar, "float64 blocks: the squared loss runs scalar (the JDK's Vector API is switched off "
        + "(SPARK_DGD_VECTOR_API=false))", "--conf", "spark.executorEnv.SPARK_DGD_VECTOR_API=false");
    // the scalar loop under C2 gives the C1 executors' scalar bits; the vector loop adds in another order
    assertArrayEquals(Submit.coefficients(clientRun()), Submit.coefficients(scalar), 0.0, "scalar, C1 and C2");
    double diff = LeastSquares.relativeError(Submit.coefficients(vectors), Submit.coefficients(scalar));
    assertTrue(diff < 1e-12, "vectors against scalar: " + diff);
  }

  @Test
  void float32BlocksRunOnVectorsInExecutorsStartedAsSparkStartsThem() throws Exception {
    Path float32 = tmp.resolve("float32");
    Submit.Result r = trainOnC2Executors(float32, "float32 blocks: the squared loss runs on vectors (the JDK's "
        + "Vector API, --add-modules=jdk.incubator.vector)", "--precision", "float32");
    assertFalse(r.out().contains("runs scalar"), r.out());
    // the features rounded to float once (relative 6e-8): the float64 run's coefficients to about that
    double diff = LeastSquares.relativeError(Submit.coefficients(float32), Submit.coefficients(clientRun()));
    assertTrue(diff > 0 && diff < 1e-5, "float32 against float64: " + diff);
  }

  @Test
  void residentTasksOnTheClusterGiveTheJobRunsCoefficientsBitForBit() throws Exception {
    Path resident = tmp.resolve("resident");
    Submit.Result r = Submit.run(tmp, train(master, resident, 30, "--resident-tasks"));
    assertEquals(0, r.code(), r.both());
    // the executors' tasks connected to the driver and answered every pass: no fallback to jobs
    assertTrue(Pattern.compile("Passes: \\d+ resident tasks? holds? the 4 partitions")
        .matcher(r.out()).find(), r.both());
    assertFalse(r.err().contains("resident tasks"), r.err());
    assertArrayEquals(Submit.coefficients(clientRun()), Submit.coefficients(resident), 0.0);
  }

  @Test
  void losingAnExecutorMidRunCostsOnlyTime() throws Exception {
    Path undisturbed = clientRun();
    Path disturbed = tmp.resolve("disturbed");
    Submit.Running run = Submit.start(tmp, train(master, disturbed, 30, "--log-every", "1", "--progress-seconds", "0"));
    run.awaitLine(line -> line.startsWith("Epoch 5:"), 240);
    Optional<ProcessHandle> executor = ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
        .filter(p -> p.info().commandLine().orElse("").contains(CLUSTER_DIR.toString()))
        .findFirst();
    assertTrue(executor.isPresent(), "an executor of the test cluster is running");
    assertTrue(executor.get().destroyForcibly(), "kill -9 the executor");
    assertEquals(0, run.waitFor(300), String.join("\n", run.lines));
    assertTrue(run.lines.stream().anyMatch(l -> l.startsWith("Epoch 30:")), String.join("\n", run.lines));
    assertArrayEquals(Submit.coefficients(undisturbed), Submit.coefficients(disturbed), 0.0,
        "recomputed partitions give bit-identical sums");
    assertTrue(run.err().matches("(?s).*warning: executor \\d+ was lost \\([^)]*\\): Spark runs its tasks again.*"),
        run.err());
    // the figure docs/CLUSTER.md quotes: how much longer the slowest epoch took than the median one
    List<String> history = Files.readAllLines(disturbed.resolve("history.csv"));
    double[] epochSeconds = new double[history.size() - 2];
    for (int i = 2; i < history.size(); i++) {
      epochSeconds[i - 2] = Double.parseDouble(history.get(i).split(",")[4])
          - Double.parseDouble(history.get(i - 1).split(",")[4]);
    }
    double[] sorted = epochSeconds.clone();
    java.util.Arrays.sort(sorted);
    System.out.printf(java.util.Locale.ROOT, "executor loss: slowest epoch %.2f s, median epoch %.3f s%n",
        sorted[sorted.length - 1], sorted[sorted.length / 2]);
  }

  @Test
  void anUnreachableMasterFailsFastWithExitCodeOne() throws Exception {
    long start = System.nanoTime();
    Submit.Result r = Submit.run(tmp, "--master", "spark://127.0.0.1:" + freePort(), "--output",
        tmp.resolve("never").toString());
    assertEquals(1, r.code(), r.both());
    assertTrue(r.err().contains("cannot reach the Spark master at 127.0.0.1:"), r.err());
    assertTrue((System.nanoTime() - start) / 1e9 < 60, "bounded time");
    assertFalse(Files.exists(tmp.resolve("never")));
  }

  /**
   * A --master at the master's web UI port (8080 by default, as a user review pasted) accepts the connection but
   * never takes the application: Spark gives up after a minute, and the run says what to check, where it said
   * "IllegalStateException: Cannot call methods on a stopped SparkContext".
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void aMasterUrlAtTheWebUiPortIsToldToUseTheMastersUrl() throws Exception {
    String wrong = webUiMaster();
    assertEquals(1, webUiRun.waitFor(240), String.join("\n", webUiRun.lines) + webUiRun.err());
    String err = webUiRun.err();
    assertTrue(err.contains("error: Spark stopped this application before it got an executor: the master at "
        + wrong + " accepted a connection but did not take the application"), err);
    assertTrue(err.contains("(port 7077 by default), not at its web UI's port"), err);
    assertFalse(Files.exists(tmp.resolve("never-webui")));
  }

  @Test
  void aClusterWithoutEnoughMemoryFailsWithinTheWaitAndSaysWhy() throws Exception {
    Submit.Result r = Submit.run(tmp, "--master", master, "--executor-memory", "8g", "--conf",
        "spark.dgd.executorWaitSeconds=10", "--output", tmp.resolve("never").toString());
    assertEquals(1, r.code(), r.both());
    assertTrue(r.err().contains("gave this job no executor within 10 s"), r.err());
    assertTrue(r.err().contains("spark.executor.memory=8g"), r.err());
  }
}
