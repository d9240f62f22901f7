package sparkdgd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, as a user runs it: {@code ./submit.sh} in a separate process, through
 * Spark's own SparkSubmit from the Maven-resolved jars. Runs after {@code package} (failsafe).
 */
class SubmitScriptIT {
  private static Submit.Result submit(Path workDir, String... args) throws Exception {
    return Submit.run(workDir, args);
  }

  private static boolean hasArchive() throws Exception {
    Path dir = Path.of("target/cds");
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().matches("spark-dgd-\\d+\\.jsa"));
    }
  }

  @Test
  void defaultRunTrainsTheTutorialDataOnLocalCores(@TempDir Path tmp) throws Exception {
    // run from another directory: the default data is found next to the script
    long before = System.nanoTime();
    Submit.Result r = submit(tmp);
    double wall = (System.nanoTime() - before) / 1e9;
    assertEquals(0, r.code(), "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
    assertTrue(r.out().matches("(?s).*Epoch \\d+: MSE = \\d.*"), r.out());
    // the final line tells the JVM's and Spark's start-up apart from the run's own seconds; both within the wall time
    java.util.regex.Matcher times = java.util.regex.Pattern.compile("(\\d+\\.\\d) s to read, train and score "
        + "\\((\\d+\\.\\d) s before that to start the JVM and Spark\\)\n").matcher(r.out());
    assertTrue(times.find(), r.out());
    double own = Double.parseDouble(times.group(1));
    double startup = Double.parseDouble(times.group(2));
    assertTrue(startup > 0.5 && own + startup < wall, startup + " + " + own + " s within " + wall + " s");
    assertTrue(r.out().contains("with master local[*]"), r.out());
    JsonNode model = new ObjectMapper().readTree(tmp.resolve("output/model.json").toFile());
    double w = model.get("coefficients").get(0).asDouble();
    double b = model.get("intercept").asDouble();
    assertEquals(2.0, w, 0.05, "w");
    assertEquals(0.0, b, 0.05, "b");
    assertFalse(r.err().contains("INFO"), "Spark's INFO logs stay quiet:\n" + r.err());
    for (String f : List.of("history.csv", "metrics.json", "loss.png", "fit.png", "spark-model/metadata")) {
      assertTrue(Files.exists(tmp.resolve("output").resolve(f)), f + " in output/");
    }

    // predict and evaluate with that model, through spark-submit too
    Path data = Path.of("sample-data/tutorial.csv").toAbsolutePath();
    Submit.Result p = submit(tmp, "predict", "--model", "output", "--data", data.toString(), "--output", "scored.csv");
    assertEquals(0, p.code(), "stdout:\n" + p.out() + "\nstderr:\n" + p.err());
    assertTrue(p.out().contains("Wrote 1,000 predictions (csv)"), p.out());
    Submit.Result e = submit(tmp, "evaluate", "--model", "output", "--data", data.toString(), "--quiet");
    assertEquals(0, e.code(), e.err());
    JsonNode metrics = new ObjectMapper().readTree(tmp.resolve("metrics.json").toFile());
    assertEquals(model.get("finalMse").asDouble(), metrics.get("mse").asDouble(), 1e-12);

    // scripts/class-data.sh: if no class-data archive was there, the first of these runs left a background
    // job that builds one from the classes it loaded; the JVM's CDS messages never reach the output
    long deadline = System.nanoTime() + 240_000_000_000L;
    while (!hasArchive() && System.nanoTime() < deadline) {
      Thread.sleep(1000);
    }
    assertTrue(hasArchive(), "a class-data archive in target/cds");
    for (Submit.Result run : List.of(r, p, e)) {
      assertFalse((run.out() + run.err()).contains("[cds"), run.out() + run.err());
      assertFalse((run.out() + run.err()).contains("shared archive"), run.out() + run.err());
    }
  }

  @Test
  void sparkOptionsAndTrainerOptionsPassThrough(@TempDir Path tmp) throws Exception {
    Submit.Result r = submit(tmp, "--master", "local[2]", "--conf", "spark.app.name=e2e", "--data",
        Path.of("sample-data/correlated.csv").toAbsolutePath().toString(), "--epochs", "5", "--tol", "0",
        "--output", "o");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("with master local[2]"), r.out());
    JsonNode model = new ObjectMapper().readTree(tmp.resolve("o/model.json").toFile());
    assertEquals(8, model.get("coefficients").size());
    assertEquals(5, model.get("epochs").asInt());
  }

  @Test
  void aLocalBenchmarkDriverStartsWithItsWholeHeapTouched(@TempDir Path tmp) throws Exception {
    Submit.Result r = submit(tmp, "--driver-memory", "1g", "benchmark", "--sizes", "2000x3", "--partitions", "2",
        "--warmup-jobs", "0", "--warmup", "0", "--repetitions", "1", "--bandwidth-mib", "4", "--no-ml",
        "--mllib-iterations", "1", "--check-iterations", "1");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("driver max heap 1.0 GiB (driver memory 1g as given), heap committed and touched "
        + "at start (-XX:+AlwaysPreTouch)"), r.out());
    // submit.sh asks for transparent huge pages; HotSpot takes them where the kernel offers them to madvise
    String thp = Files.exists(TRANSPARENT_HUGE_PAGES) ? Files.readString(TRANSPARENT_HUGE_PAGES) : "";
    boolean offered = thp.contains("[always]") || thp.contains("[madvise]");
    assertEquals(offered, r.out().contains("heap on transparent huge pages (-XX:+UseTransparentHugePages)"),
        thp + "\n" + r.out());
  }

  private static final Path TRANSPARENT_HUGE_PAGES = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

  @Test
  void badFlagExitsTwoWithOneLine(@TempDir Path tmp) throws Exception {
    Submit.Result r = submit(tmp, "--epochs", "0");
    assertEquals(2, r.code());
    // the JVM's own note comes first, as under Spark's spark-submit, which also adds the Vector API's module
    assertEquals("WARNING: Using incubator modules: jdk.incubator.vector\n"
        + "error: --epochs must be >= 1, got 0 (see --help)", r.err().strip());
  }

  // What submit.sh would run, without starting Spark: a stub `java` first on PATH prints its environment's
  // SPARK_LOCAL_IP and LD_LIBRARY_PATH, then its arguments one a line. SPARK_LOCAL_IP is emptied (the IT's JVM
  // has 127.0.0.1 from the pom), so the script's own choice shows; no class-data archive (its job runs java).
  private static final String STUB_JAVA = "#!/bin/sh\n"
      + "echo \"SPARK_LOCAL_IP=$SPARK_LOCAL_IP\"\n"
      + "echo \"LD_LIBRARY_PATH=$LD_LIBRARY_PATH\"\n"
      + "for a in \"$@\"; do echo \"$a\"; done\n";

  private static Submit.Result dryRun(Path tmp, String... args) throws Exception {
    return dryRun(tmp, Map.of(), args);
  }

  /** A dry run with these environment variables set too. */
  private static Submit.Result dryRun(Path tmp, Map<String, String> env, String... args) throws Exception {
    Path bin = tmp.resolve("stub-bin");
    if (!Files.exists(bin.resolve("java"))) {
      Files.createDirectories(bin);
      Files.writeString(bin.resolve("java"), STUB_JAVA);
      assertTrue(bin.resolve("java").toFile().setExecutable(true));
    }
    Map<String, String> all = new HashMap<>(Map.of("PATH", bin + ":" + System.getenv("PATH"), "SPARK_DGD_CDS", "off",
        "SPARK_LOCAL_IP", "", "HADOOP_CONF_DIR", "", "YARN_CONF_DIR", "", "LD_LIBRARY_PATH", "/sys-lib",
        "JAVA_HOME", ""));
    all.putAll(env);
    return Submit.run(tmp, all, args);
  }

  /** The stub's lines: SPARK_LOCAL_IP=..., LD_LIBRARY_PATH=..., then java's arguments. */
  private static List<String> javaLine(Submit.Result r) {
    List<String> lines = r.out().lines().toList();
    assertEquals(0, r.code(), show(lines) + "\nstderr:\n" + r.err());
    assertTrue(lines.contains("org.apache.spark.deploy.SparkSubmit"), show(lines) + "\nstderr:\n" + r.err());
    return lines;
  }

  /** The lines for a failure's message, the long class path cut short. */
  private static String show(List<String> lines) {
    return lines.stream().map(l -> l.length() > 200 ? l.substring(0, 200) + "..." : l).toList().toString();
  }

  /** The JVM options: the stub's arguments before the main class. */
  private static List<String> jvmOptions(List<String> lines) {
    return lines.subList(2, lines.indexOf("org.apache.spark.deploy.SparkSubmit"));
  }

  private static String after(List<String> lines, String option) {
    int i = lines.indexOf(option);
    assertTrue(i >= 0 && i + 1 < lines.size(), option + " in " + show(lines));
    return lines.get(i + 1);
  }

  /** A local master: the driver binds to loopback and gets half of the RAM; a cluster's: neither. */
  private static void assertLocal(List<String> lines, boolean local) {
    assertEquals(local ? "SPARK_LOCAL_IP=127.0.0.1" : "SPARK_LOCAL_IP=", lines.get(0), show(lines));
    List<String> jvm = jvmOptions(lines);
    // spark.driver.memory's default in Spark (and in a Spark installation's launcher): 1g
    assertEquals(!local, jvm.contains("-Xmx1g"), "Spark's default heap only on a cluster: " + show(jvm));
    assertEquals(local, lines.subList(jvm.size() + 2, lines.size()).contains("--driver-memory"), show(lines));
  }

  @Test
  void theMasterIsReadFromConfAndFromPropertiesFilesInEveryForm(@TempDir Path tmp) throws Exception {
    String cluster = "spark://10.1.2.3:7077";
    assertLocal(javaLine(dryRun(tmp, "--help")), true); // no master anywhere: spark-submit's default, local[*]
    assertLocal(javaLine(dryRun(tmp, "--conf", "spark.master=" + cluster, "--help")), false);
    assertLocal(javaLine(dryRun(tmp, "-c", "spark.master=" + cluster, "--help")), false);
    assertLocal(javaLine(dryRun(tmp, "--conf=spark.master=" + cluster, "--help")), false);
    // Java properties: '=', ':' or blanks between key and value, blanks around them, comments, a continued line
    for (String line : List.of("spark.master=" + cluster, "spark.master = " + cluster, "  spark.master:" + cluster,
        "spark.master\t" + cluster, "spark.master " + cluster, "spark.master=spark://10.1.2.3\\\n   :7077")) {
      Path props = tmp.resolve("p.conf");
      Files.writeString(props, "# spark.master local[2]\n! spark.master=local[2]\nspark.app.name x\n" + line + "\n");
      assertLocal(javaLine(dryRun(tmp, "--properties-file", props.toString(), "--help")), false);
      assertLocal(javaLine(dryRun(tmp, "--properties-file=" + props, "--help")), false);
      // spark-submit's precedence: --master over --conf over the properties file
      assertLocal(javaLine(dryRun(tmp, "--properties-file", props.toString(), "--conf", "spark.master=local[2]",
          "--help")), true);
    }
    assertLocal(javaLine(dryRun(tmp, "--master", "local[2]", "--conf", "spark.master=" + cluster, "--help")), true);

    Submit.Result bogus = dryRun(tmp, "--conf", "spark.master=bogus", "generate", "--rows", "10");
    assertEquals(2, bogus.code(), bogus.both());
    assertEquals("error: --conf spark.master=bogus is not a master Spark knows; use local[*], local[N], "
        + "spark://HOST:PORT, yarn or k8s://HOST:PORT", bogus.err().strip());
    Submit.Result yarn = dryRun(tmp, "--conf", "spark.master=yarn", "--help");
    assertEquals(2, yarn.code(), yarn.both());
    assertTrue(yarn.err().contains("needs HADOOP_CONF_DIR"), yarn.both());
  }

  @Test
  void theMasterAndDeployModeVariablesComeAfterTheFlagConfAndPropertiesFile(@TempDir Path tmp) throws Exception {
    // SparkSubmitArguments.loadEnvironmentArguments: --master, else spark.master (--conf, then the file), else MASTER
    String cluster = "spark://10.1.2.3:7077";
    Map<String, String> clusterEnv = Map.of("MASTER", cluster);
    assertLocal(javaLine(dryRun(tmp, clusterEnv, "--help")), false); // conf/spark-defaults.conf names no master
    assertLocal(javaLine(dryRun(tmp, clusterEnv, "--conf", "spark.master=local[2]", "--help")), true);
    Path props = tmp.resolve("p.conf");
    Files.writeString(props, "spark.master local[2]\n");
    assertLocal(javaLine(dryRun(tmp, clusterEnv, "--properties-file", props.toString(), "--help")), true);
    assertLocal(javaLine(dryRun(tmp, clusterEnv, "--master", "local[2]", "--help")), true);
    assertLocal(javaLine(dryRun(tmp, Map.of("MASTER", "local[2]"), "--master", cluster, "--help")), false);

    Submit.Result bogus = dryRun(tmp, Map.of("MASTER", "bogus"), "--help");
    assertEquals(2, bogus.code(), bogus.both());
    assertEquals("error: MASTER=bogus in the environment is not a master Spark knows; use local[*], local[N], "
        + "spark://HOST:PORT, yarn or k8s://HOST:PORT", bogus.err().strip());
    // SparkSubmit refuses an empty master ("Master must either be yarn or start with spark, k8s, or local")
    assertEquals(2, dryRun(tmp, Map.of("MASTER", ""), "--help").code());

    // --deploy-mode, else spark.submit.deployMode, else DEPLOY_MODE: in cluster mode the driver is not this JVM,
    // so its options stay Spark's to pass on
    Map<String, String> clusterMode = Map.of("DEPLOY_MODE", "cluster");
    List<String> remote = javaLine(dryRun(tmp, clusterMode, "--master", cluster, "--driver-java-options", "-Dq=r",
        "--help"));
    assertFalse(jvmOptions(remote).contains("-Dq=r"), show(remote));
    List<String> client = javaLine(dryRun(tmp, clusterMode, "--master", cluster, "--conf",
        "spark.submit.deployMode=client", "--driver-java-options", "-Dq=c", "--help"));
    assertTrue(jvmOptions(client).contains("-Dq=c"), show(client));
  }

  @Test
  void whatSparkSubmitWouldRefuseWithAStackTraceIsRefusedInOneLine(@TempDir Path tmp) throws Exception {
    Map<String[], String> refusals = new LinkedHashMap<>();
    refusals.put(new String[] {"--master", "local[0]"}, "error: --master local[0] is not a local master Spark knows");
    refusals.put(new String[] {"--master", "local[abc]"}, "error: --master local[abc] is not a local master");
    refusals.put(new String[] {"--master", "local[2"}, "error: --master local[2 is not a local master");
    refusals.put(new String[] {"--conf", "foo"}, "error: --conf foo is not KEY=VALUE");
    refusals.put(new String[] {"--conf", "=x"}, "error: --conf =x is not KEY=VALUE");
    refusals.put(new String[] {"--properties-file", tmp.resolve("none.conf").toString()},
        "error: --properties-file " + tmp.resolve("none.conf") + " is not a readable file");
    refusals.put(new String[] {"--master", "local[2]", "--deploy-mode", "cluster"},
        "error: --deploy-mode cluster needs a cluster master");
    refusals.put(new String[] {"--master", "spark://10.1.2.3:7077", "--deploy-mode", "clustr"},
        "error: --deploy-mode clustr is not a deploy mode");
    for (Map.Entry<String[], String> e : refusals.entrySet()) {
      List<String> args = new ArrayList<>(List.of(e.getKey()));
      args.add("--help");
      Submit.Result r = dryRun(tmp, args.toArray(new String[0]));
      assertEquals(2, r.code(), args + ": " + r.both());
      assertTrue(r.err().strip().startsWith(e.getValue()), args + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertFalse(r.out().contains("org.apache.spark.deploy.SparkSubmit"), "nothing started: " + r.out());
    }
    // the local forms Spark parses still pass
    for (String master : List.of("local", "local[*]", "local[3]", "local[01]", "local[2,4]", "local[*, 2]", "local-cluster[2,1,1024]")) {
      assertLocal(javaLine(dryRun(tmp, "--master", master, "--help")), true);
    }

    // a heap in SPARK_DGD_JAVA_OPTS would override the driver memory without a word
    Submit.Result xmx = dryRun(tmp, Map.of("SPARK_DGD_JAVA_OPTS", "-Xlog:gc -Xmx1g"), "--driver-memory", "3g", "--help");
    assertEquals(2, xmx.code(), xmx.both());
    assertTrue(xmx.err().contains("use --driver-memory"), xmx.err());
    for (String heap : List.of("-XX:MaxHeapSize=200m", "-Xms4g", "-XX:InitialHeapSize=1g")) {
      Submit.Result r = dryRun(tmp, Map.of("SPARK_DGD_JAVA_OPTS", heap), "--help");
      assertEquals(2, r.code(), heap + ": " + r.both());
    }
  }

  @Test
  void aConfThatIsNotKeyAndValueIsRefusedWhereverItStands(@TempDir Path tmp) throws Exception {
    // --supervise takes no value: the options after it are still read as flag and value
    Map<List<String>, String> refusals = new LinkedHashMap<>();
    refusals.put(List.of("-c", "foo"), "error: -c foo is not KEY=VALUE");
    refusals.put(List.of("--conf=foo"), "error: --conf foo is not KEY=VALUE");
    refusals.put(List.of("--supervise", "--conf", "foo"), "error: --conf foo is not KEY=VALUE");
    refusals.put(List.of("--name", "n", "--supervise", "--supervise", "-c", "foo"), "error: -c foo is not KEY=VALUE");
    refusals.put(List.of("--conf", "a=b", "--supervise", "--conf", "=x"), "error: --conf =x is not KEY=VALUE");
    for (Map.Entry<List<String>, String> e : refusals.entrySet()) {
      List<String> args = new ArrayList<>(e.getKey());
      args.add("--help");
      Submit.Result r = dryRun(tmp, args.toArray(new String[0]));
      assertEquals(2, r.code(), args + ": " + r.both());
      assertTrue(r.err().strip().startsWith(e.getValue()), args + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
    // a value that looks like a flag is another flag's value, not a --conf to check
    javaLine(dryRun(tmp, "--name", "--conf", "--supervise", "--name", "-c", "--help"));
  }

  /** The spark-submit options in a dry run's lines, from {@code first} up to --class (the script's own next). */
  private static List<String> sparkOptions(List<String> lines, int first) {
    return lines.subList(first, lines.indexOf("--class"));
  }

  @Test
  void sparkSubmitOptionsPassOnInTheirOrderWithSuperviseAnywhere(@TempDir Path tmp) throws Exception {
    // every spark-submit option here takes a value but --supervise; a value that looks like a flag stays a value
    // (--name --supervise), and -c=z is the trainer's (SparkSubmitOptionParser splits only --long=value)
    List<String> given = List.of("--supervise", "--master=local[2]", "--name", "--supervise", "-c", "spark.x=1",
        "--conf=spark.y=2", "--driver-memory", "1g", "--supervise", "-c=z", "--help");
    List<String> passed = List.of("--supervise", "--master", "local[2]", "--name", "--supervise", "-c", "spark.x=1",
        "--conf", "spark.y=2", "--driver-memory", "1g", "--supervise");
    List<String> lines = javaLine(dryRun(tmp, given.toArray(new String[0])));
    int submit = lines.indexOf("org.apache.spark.deploy.SparkSubmit");
    assertEquals("--properties-file", lines.get(submit + 1), show(lines));
    assertEquals(passed, sparkOptions(lines, submit + 3), show(lines));
    assertEquals(List.of("-c=z", "--help"), lines.subList(lines.indexOf("--class") + 3, lines.size()), show(lines));

    // a Spark installation's spark-submit gets them in the same order, after the driver's Java options in one flag
    List<String> withOptions = new ArrayList<>(given);
    withOptions.addAll(6, List.of("--driver-java-options", "-Dq=r"));
    Submit.Result r = Submit.run(tmp, stubSparkInstallation(tmp), withOptions.toArray(new String[0]));
    assertEquals(0, r.code(), r.both());
    List<String> installed = r.out().lines().toList();
    assertEquals(List.of("--properties-file", "--driver-java-options"), List.of(installed.get(0), installed.get(2)),
        show(installed));
    assertTrue(installed.get(3).contains(" -Dq=r"), installed.get(3));
    assertEquals(passed, sparkOptions(installed, 4), show(installed));

    // in cluster deploy mode the user's driver options (flag or --conf) leave the others in place and follow the
    // module openings in one flag at the end
    List<String> cluster = javaLine(dryRun(tmp, "--master", "spark://10.1.2.3:7077", "--supervise", "--deploy-mode",
        "cluster", "--name", "--supervise", "-c", "spark.driver.extraJavaOptions=-Dq=r", "-c", "spark.x=1",
        "--driver-java-options=-Dq=s", "--supervise", "--help"));
    List<String> options = sparkOptions(cluster, cluster.indexOf("org.apache.spark.deploy.SparkSubmit") + 3);
    assertEquals(List.of("--master", "spark://10.1.2.3:7077", "--supervise", "--deploy-mode", "cluster", "--name",
        "--supervise", "-c", "spark.x=1", "--supervise", "--driver-java-options"),
        options.subList(0, options.size() - 1), show(cluster));
    assertTrue(options.get(options.size() - 1).startsWith("--add-modules="), options.get(options.size() - 1));
    assertTrue(options.get(options.size() - 1).endsWith(" -Dq=s"), options.get(options.size() - 1));
  }

  @Test
  void theDriversJavaIsJavaHomesAsSparksLauncherChoosesIt(@TempDir Path tmp) throws Exception {
    Path jdk = tmp.resolve("jdk");
    Files.createDirectories(jdk.resolve("bin"));
    Files.writeString(jdk.resolve("bin/java"), STUB_JAVA.replace("#!/bin/sh\n", "#!/bin/sh\necho FROM_JAVA_HOME\n"));
    assertTrue(jdk.resolve("bin/java").toFile().setExecutable(true));
    Submit.Result r = dryRun(tmp, Map.of("JAVA_HOME", jdk.toString()), "--help");
    assertEquals(0, r.code(), r.both());
    assertEquals("FROM_JAVA_HOME", r.out().lines().findFirst().orElse(""), r.out());

    Submit.Result missing = dryRun(tmp, Map.of("JAVA_HOME", tmp.resolve("no-jdk").toString()), "--help");
    assertEquals(2, missing.code(), missing.both());
    assertTrue(missing.err().contains("has no bin/java; point JAVA_HOME at a Java 17"), missing.err());
  }

  @Test
  void aClusterModeDriversOptionsComeAfterTheModuleOpeningsItNeeds(@TempDir Path tmp) throws Exception {
    // (an opening of the user's own among them does not stand for the ones Java 17 needs)
    for (String[] given : List.of(new String[] {"--driver-java-options", "-XX:+UseG1GC -Dq=r"},
        new String[] {"--conf", "spark.driver.extraJavaOptions=-XX:+UseG1GC -Dq=r"},
        new String[] {"--driver-java-options", "--add-opens=java.base/java.text=ALL-UNNAMED -XX:+UseG1GC -Dq=r"})) {
      List<String> lines = javaLine(dryRun(tmp, "--master", "spark://10.1.2.3:7077", "--deploy-mode", "cluster",
          given[0], given[1], "--help"));
      String opts = after(lines, "--driver-java-options");
      assertTrue(opts.startsWith("--add-modules=jdk.incubator.vector --add-opens="), opts);
      assertTrue(opts.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), opts);
      assertTrue(opts.endsWith(" -XX:+UseG1GC -Dq=r"), opts);
      assertEquals(1, lines.stream().filter(l -> l.contains("-Dq=r")).count(), "given once: " + show(lines));
    }
    // options that carry the openings already (the default properties file's) are left to Spark as they are
    List<String> plain = javaLine(dryRun(tmp, "--master", "spark://10.1.2.3:7077", "--deploy-mode", "cluster", "--help"));
    assertFalse(plain.contains("--driver-java-options"), show(plain));
  }

  @Test
  void theMasterVariableReachesARealSparkSubmit(@TempDir Path tmp) throws Exception {
    List<String> args = new ArrayList<>(List.of("--data", Submit.data("tutorial.csv"), "--epochs", "1", "--output", "o"));
    args.addAll(Submit.COEFFICIENTS_ONLY);
    Submit.Result r = Submit.run(tmp, Map.of("MASTER", "local[1]"), args.toArray(new String[0]));
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("with master local[1]"), r.out());
  }

  @Test
  void aClientDriversOptionsClassPathAndLibraryPathGoOnItsJavaCommandLine(@TempDir Path tmp) throws Exception {
    List<String> flags = javaLine(dryRun(tmp, "--driver-java-options", "-Xlog:gc -Dq='a b' -Dr=\\\"c\\\"",
        "--driver-class-path", "/x/a.jar:/x/b.jar", "--driver-library-path", "/native", "--help"));
    assertTrue(jvmOptions(flags).containsAll(List.of("-Xlog:gc", "-Dq=a b", "-Dr=\"c\"")), show(flags));
    assertTrue(after(flags, "-cp").startsWith("/x/a.jar:/x/b.jar:"), after(flags, "-cp"));
    assertEquals("LD_LIBRARY_PATH=/native:/sys-lib", flags.get(1)); // as Spark's launcher sets it

    Path props = tmp.resolve("p.conf");
    Files.writeString(props, "spark.driver.extraJavaOptions -Dfrom=file\nspark.driver.extraClassPath=/f.jar\n"
        + "spark.driver.extraLibraryPath : /f-native\n");
    List<String> fromFile = javaLine(dryRun(tmp, "--properties-file", props.toString(), "--help"));
    assertTrue(jvmOptions(fromFile).contains("-Dfrom=file"), show(fromFile));
    assertTrue(after(fromFile, "-cp").startsWith("/f.jar:"), after(fromFile, "-cp"));
    assertEquals("LD_LIBRARY_PATH=/f-native:/sys-lib", fromFile.get(1));
    // --conf over the file, the flag over --conf (spark-submit's order)
    List<String> fromConf = javaLine(dryRun(tmp, "--properties-file", props.toString(),
        "--conf", "spark.driver.extraJavaOptions=-Dfrom=conf", "--conf=spark.driver.extraClassPath=/c.jar", "--help"));
    assertTrue(jvmOptions(fromConf).contains("-Dfrom=conf"), show(fromConf));
    assertFalse(jvmOptions(fromConf).contains("-Dfrom=file"), show(fromConf));
    assertTrue(after(fromConf, "-cp").startsWith("/c.jar:"), after(fromConf, "-cp"));
    List<String> fromFlag = javaLine(dryRun(tmp, "--conf", "spark.driver.extraJavaOptions=-Dfrom=conf",
        "--driver-java-options=-Dfrom=flag", "--help"));
    assertTrue(jvmOptions(fromFlag).contains("-Dfrom=flag"), show(fromFlag));
    assertFalse(jvmOptions(fromFlag).contains("-Dfrom=conf"), show(fromFlag));

    // in cluster deploy mode the driver is not this JVM: they stay Spark's to pass on
    List<String> remote = javaLine(dryRun(tmp, "--master", "spark://10.1.2.3:7077", "--deploy-mode", "cluster",
        "--driver-java-options", "-Dq=remote", "--driver-class-path", "/x/a.jar", "--help"));
    assertFalse(jvmOptions(remote).contains("-Dq=remote"), show(remote));
    assertFalse(after(remote, "-cp").startsWith("/x/a.jar"), after(remote, "-cp"));

    // a heap size among them cannot be honoured (Spark refuses it too): exit 2, naming what to use
    Submit.Result xmx = dryRun(tmp, "--conf", "spark.driver.extraJavaOptions=-Xlog:gc -Xmx1g", "--help");
    assertEquals(2, xmx.code(), xmx.both());
    assertTrue(xmx.err().contains("--driver-memory"), xmx.both());
    // and in the forms Spark's own check misses (a review: -XX:MaxHeapSize=2g under --driver-memory 8g gave 2 GB)
    for (String heap : List.of("-XX:MaxHeapSize=2g", "-Xms16g", "-XX:InitialHeapSize=1g")) {
      Submit.Result other = dryRun(tmp, "--driver-memory", "8g", "--driver-java-options", heap, "--help");
      assertEquals(2, other.code(), heap + ": " + other.both());
      assertTrue(other.err().contains("sets the driver's heap, which would override the driver memory without a "
          + "word"), other.both());
    }
    // --executor-memory on a local master, which spark-submit drops without a word (a review's)
    Submit.Result local = dryRun(tmp, "--master", "local[2]", "--executor-memory", "8g", "--help");
    assertEquals(0, local.code(), local.both());
    assertTrue(local.err().contains("warning: --executor-memory 8g has no effect on a local master, whose tasks run "
        + "in the driver's JVM: --driver-memory sizes it"), local.both());
    // a GC's soft goal, or -Xms inside a path, is no heap size
    for (String fine : List.of("-XX:SoftMaxHeapSize=4g", "-Dlog.dir=/srv/app-Xms/logs")) {
      Submit.Result ok = dryRun(tmp, "--driver-memory", "8g", "--driver-java-options", fine, "--help");
      assertEquals(0, ok.code(), fine + ": " + ok.both());
    }
  }

  @Test
  void aDriverMemoryWithoutAUnitIsMebibytesAsInSpark(@TempDir Path tmp) throws Exception {
    assertTrue(jvmOptions(javaLine(dryRun(tmp, "--driver-memory", "512", "--help"))).contains("-Xmx512m"));
    assertTrue(jvmOptions(javaLine(dryRun(tmp, "--conf", "spark.driver.memory=700", "--help"))).contains("-Xmx700m"));
    assertTrue(jvmOptions(javaLine(dryRun(tmp, "--driver-memory", "2G", "--help"))).contains("-Xmx2g"));
  }

  /** The JVM options of a dry run with a driver memory given as {@code --driver-memory SIZE}. */
  private static List<String> withDriverMemory(Path tmp, String size, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--driver-memory", size));
    args.addAll(List.of(more));
    return jvmOptions(javaLine(dryRun(tmp, args.toArray(new String[0]))));
  }

  @Test
  void aDriverMemoryIsReadInEveryFormSparkReads(@TempDir Path tmp) throws Exception {
    // JavaUtils.byteStringAs: a whole number, then b, k, m, g, t or p, each also with a b after it, in any case,
    // blanks around; java's -Xmx takes bytes without a unit, k, m, g and t
    assertTrue(withDriverMemory(tmp, "600mb", "--help").contains("-Xmx600m"));
    assertTrue(withDriverMemory(tmp, " 600000KB ", "--help").contains("-Xmx600000k"));
    assertTrue(withDriverMemory(tmp, "536870912b", "--help").contains("-Xmx536870912"));
    assertTrue(withDriverMemory(tmp, "1Tb", "--help").contains("-Xmx1t"));
    assertTrue(withDriverMemory(tmp, "2p", "--help").contains("-Xmx" + 2 * 1024 + "t"));
    assertTrue(jvmOptions(javaLine(dryRun(tmp, "--conf", "spark.driver.memory=2GB", "--help"))).contains("-Xmx2g"));
    Path props = tmp.resolve("p.conf");
    Files.writeString(props, "spark.driver.memory = 700Mb\n");
    assertTrue(jvmOptions(javaLine(dryRun(tmp, "--properties-file", props.toString(), "--help"))).contains("-Xmx700m"));
    assertTrue(jvmOptions(javaLine(dryRun(tmp, Map.of("SPARK_DRIVER_MEMORY", "800MB"), "--help"))).contains("-Xmx800m"));
    // the benchmark's driver starts with its whole heap (-Xms) in the same form
    assertTrue(withDriverMemory(tmp, "600mb", "benchmark").contains("-Xms600m"));
    // Spark's binary unit names (JavaUtils.byteStringAs: ki, kib, mi, mib, gi, gib, ti, tib, pi, pib) were refused
    assertTrue(withDriverMemory(tmp, "2GiB", "--help").contains("-Xmx2g"));
    assertTrue(withDriverMemory(tmp, "1536mi", "--help").contains("-Xmx1536m"));
    // the largest size Spark takes: its MiB (2^30 a PiB) must fit a long
    long maxPib = Long.MAX_VALUE / (1L << 30);
    assertTrue(withDriverMemory(tmp, maxPib + "p", "--help").contains("-Xmx" + maxPib * 1024 + "t"));

    // what Spark refuses stops here, with exit 2 and where the size came from
    String fix = " is not a size; give a whole number of MiB, or one with a unit: b, k, m, g, t or p "
        + "(or kb, mb, gb, tb, pb, or kib, mib, gib, tib, pib), e.g. --driver-memory 8g";
    String pastLong = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE).toString();
    for (String bad : List.of("5xb", "1.5g", "-1g", "g", "1 g", pastLong, (maxPib + 1) + "p")) {
      Submit.Result r = dryRun(tmp, "--driver-memory", bad, "--help");
      assertEquals(2, r.code(), bad + ": " + r.both());
      assertEquals("error: --driver-memory " + bad + fix, r.err().strip());
    }
    Submit.Result fromEnv = dryRun(tmp, Map.of("SPARK_DRIVER_MEMORY", "5xb"), "--help");
    assertEquals(2, fromEnv.code(), fromEnv.both());
    assertEquals("error: SPARK_DRIVER_MEMORY=5xb in the environment" + fix, fromEnv.err().strip());
  }

  @Test
  void aDriverMemoryTooSmallForSparkIsRefusedInOneLineInEveryForm(@TempDir Path tmp) throws Exception {
    // Spark's UnifiedMemoryManager refuses a driver heap (Runtime.maxMemory) below 450 MiB = 471859200 bytes with a
    // stack trace, on any master: the driver here (local, or client mode) or on a worker (cluster mode). 512 MiB
    // gives enough under G1, the serial and the parallel collectors alike (450m gives 456130560 under the serial one)
    String fix = " is too small: Spark needs a driver heap of at least 450 MiB (471859200 bytes), and the JVM makes "
        + "it smaller than asked under some garbage collectors; give the driver 512m or more, e.g. --driver-memory 512m";
    for (String small : List.of("400m", "511", "511MB", "449m", "524287k", "536870911b", "0g", "0t")) {
      Submit.Result r = dryRun(tmp, "--driver-memory", small, "--help");
      assertEquals(2, r.code(), small + ": " + r.both());
      assertEquals("error: --driver-memory " + small + fix, r.err().strip());
      assertFalse(r.out().contains("org.apache.spark.deploy.SparkSubmit"), "nothing started: " + r.out());
    }
    for (String[] where : List.of(new String[] {"--master", "spark://10.1.2.3:7077"},
        new String[] {"--master", "spark://10.1.2.3:7077", "--deploy-mode", "cluster"},
        new String[] {"--master", "local[2]"})) {
      List<String> args = new ArrayList<>(List.of(where));
      args.addAll(List.of("--driver-memory", "400m", "--help"));
      Submit.Result r = dryRun(tmp, args.toArray(new String[0]));
      assertEquals(2, r.code(), args + ": " + r.both());
      assertEquals("error: --driver-memory 400m" + fix, r.err().strip());
    }
    Submit.Result conf = dryRun(tmp, "--conf", "spark.driver.memory=300mb", "--help");
    assertEquals("error: --conf spark.driver.memory=300mb" + fix, conf.err().strip());
    Submit.Result env = dryRun(tmp, Map.of("SPARK_DRIVER_MEMORY", "300m"), "--help");
    assertEquals("error: SPARK_DRIVER_MEMORY=300m in the environment" + fix, env.err().strip());
    // the least taken, in each form
    assertTrue(withDriverMemory(tmp, "512", "--help").contains("-Xmx512m"));
    assertTrue(withDriverMemory(tmp, "524288k", "--help").contains("-Xmx524288k"));
    assertTrue(withDriverMemory(tmp, "536870912B", "--help").contains("-Xmx536870912"));
    assertTrue(withDriverMemory(tmp, "1g", "--help").contains("-Xmx1g"));
  }

  @Test
  void anExecutorMemoryTooSmallForSparkIsRefusedInOneLineWhereSparkWouldReadIt(@TempDir Path tmp) throws Exception {
    // Spark's driver refuses spark.executor.memory below 450 MiB = 471859200 bytes (UnifiedMemoryManager, with a stack
    // trace; in cluster deploy mode on a worker, after the submit exited 0), reading a number without a unit as bytes
    // (SparkConf.getSizeAsBytes); each executor checks its own heap as a driver does, and at 450m under the serial
    // collector (456130560 bytes) the executors die one after another. So the least taken is 512m, as for a driver.
    String fix = ", and the JVM makes it smaller than asked under some garbage collectors; give each executor 512m or "
        + "more, e.g. --executor-memory 512m";
    String tooSmall = " is too small: Spark needs an executor heap of at least 450 MiB (471859200 bytes)" + fix;
    String cluster = "spark://10.1.2.3:7077";
    for (String small : List.of("400m", "450m", "511MB", "524287k", "536870911b", "0g", "0t")) {
      Submit.Result r = dryRun(tmp, "--master", cluster, "--executor-memory", small, "--help");
      assertEquals(2, r.code(), small + ": " + r.both());
      assertEquals("error: --executor-memory " + small + tooSmall, r.err().strip());
      assertFalse(r.out().contains("org.apache.spark.deploy.SparkSubmit"), "nothing started: " + r.out());
    }
    // 1024 without a unit is 1024 bytes to Spark's check; 536870912 is 512 MiB (a real standalone run trains with it)
    Submit.Result bytes = dryRun(tmp, "--master", cluster, "--executor-memory", "1024", "--help");
    assertEquals(2, bytes.code(), bytes.both());
    assertEquals("error: --executor-memory 1024 is too small: Spark needs an executor heap of at least 450 MiB "
        + "(471859200 bytes; a number without a unit is bytes to Spark here)" + fix, bytes.err().strip());
    Submit.Result notASize = dryRun(tmp, "--master", cluster, "--executor-memory", "1.5g", "--help");
    assertEquals(2, notASize.code(), notASize.both());
    assertEquals("error: --executor-memory 1.5g is not a size; give a whole number with a unit: b, k, m, g, t or p "
        + "(or kb, mb, gb, tb, pb, or kib, mib, gib, tib, pib), e.g. --executor-memory 2g", notASize.err().strip());

    // wherever spark-submit reads it from for a cluster: the flag (over --conf), --conf, the file, SPARK_EXECUTOR_MEMORY
    Path props = tmp.resolve("p.conf");
    Files.writeString(props, "spark.executor.memory = 300m\n");
    Map<List<String>, String> origins = new LinkedHashMap<>();
    origins.put(List.of("--conf", "spark.executor.memory=2g", "--executor-memory=400m"), "--executor-memory 400m");
    origins.put(List.of("--conf", "spark.executor.memory=300mb"), "--conf spark.executor.memory=300mb");
    origins.put(List.of("--properties-file", props.toString()), "spark.executor.memory 300m in " + props);
    origins.put(List.of("--master", cluster, "--deploy-mode", "cluster", "--executor-memory", "400m"),
        "--executor-memory 400m");
    for (Map.Entry<List<String>, String> e : origins.entrySet()) {
      List<String> args = new ArrayList<>(List.of("--master", cluster));
      args.addAll(e.getKey());
      args.add("--help");
      Submit.Result r = dryRun(tmp, args.toArray(new String[0]));
      assertEquals(2, r.code(), args + ": " + r.both());
      assertEquals("error: " + e.getValue() + tooSmall, r.err().strip());
    }
    Submit.Result env = dryRun(tmp, Map.of("SPARK_EXECUTOR_MEMORY", "400m"), "--master", cluster, "--help");
    assertEquals("error: SPARK_EXECUTOR_MEMORY=400m in the environment" + tooSmall, env.err().strip());

    // a local master: spark-submit drops the flag and the variable (a real local[1] run trains with
    // --executor-memory 400m), but a --conf or the file's reaches the driver's conf and Spark refuses it there
    javaLine(dryRun(tmp, "--master", "local[2]", "--executor-memory", "400m", "--help"));
    javaLine(dryRun(tmp, "--executor-memory", "1024", "--help"));
    javaLine(dryRun(tmp, Map.of("SPARK_EXECUTOR_MEMORY", "400m"), "--master", "local[2]", "--help"));
    Submit.Result localConf = dryRun(tmp, "--master", "local[2]", "--executor-memory", "1g", "--conf",
        "spark.executor.memory=300mb", "--help");
    assertEquals(2, localConf.code(), localConf.both());
    assertEquals("error: --conf spark.executor.memory=300mb" + tooSmall, localConf.err().strip());
    Submit.Result localFile = dryRun(tmp, "--properties-file", props.toString(), "--help");
    assertEquals("error: spark.executor.memory 300m in " + props + tooSmall, localFile.err().strip());

    // spark-submit checks that the flag or the variable is a size above 0 even for a local master (with a trace)
    for (List<String> bad : List.of(List.of("--executor-memory", "0.5g"), List.of("--executor-memory", "0"),
        List.of("--master", "local[2]", "--executor-memory", "0g"))) {
      List<String> args = new ArrayList<>(bad);
      args.add("--help");
      Submit.Result r = dryRun(tmp, args.toArray(new String[0]));
      assertEquals(2, r.code(), bad + ": " + r.both());
      assertTrue(r.err().startsWith("error: --executor-memory " + bad.get(bad.size() - 1) + " is not a size"),
          r.err());
    }
    Submit.Result localEnv = dryRun(tmp, Map.of("SPARK_EXECUTOR_MEMORY", "1.5g"), "--help");
    assertEquals(2, localEnv.code(), localEnv.both());
    assertTrue(localEnv.err().startsWith("error: SPARK_EXECUTOR_MEMORY=1.5g in the environment is not a size"),
        localEnv.err());

    // the least taken, in each form, Spark's binary units too (JavaUtils.byteStringAs: ki, kib, mi, mib, gi, gib ...)
    javaLine(dryRun(tmp, "--conf", "spark.executor.memory=2GiB", "--help"));
    for (String size : List.of("512m", "512MB", "524288k", "536870912b", "536870912", "1g", "512mib", "1Gi", "2GiB",
        "524288KiB")) {
      javaLine(dryRun(tmp, "--master", cluster, "--executor-memory", size, "--help"));
    }
  }

  @Test
  void aRealDriverOf512MibTrainsUnderTheCollectorThatLeavesTheLeastHeap(@TempDir Path tmp) throws Exception {
    // the parallel collector's maxMemory is the smallest of the three (477626368 bytes at -Xmx512m, 419430400 at
    // 450m): at the least submit.sh takes, Spark still starts and trains
    Submit.Result r = submit(tmp, "--master", "local[1]", "--driver-memory", "512m", "--driver-java-options",
        "-XX:+UseParallelGC -XX:-UseTransparentHugePages", "--epochs", "1", "--no-plots", "--no-spark-model",
        "--output", "o");
    assertEquals(0, r.code(), r.both());
    assertTrue(Files.exists(tmp.resolve("o/model.json")), r.both());
  }

  @Test
  void aRealDriverGetsTheHeapATwoLetterUnitNames(@TempDir Path tmp) throws Exception {
    // the JVM itself says its maximum heap: 600 MiB (java alone refuses -Xmx600mb)
    Submit.Result r = submit(tmp, "--driver-memory", "600mb", "--driver-java-options", "-Xlog:gc+init", "--help");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("[gc,init] Heap Max Capacity: 600M"), r.both());
  }

  @Test
  void aRealDriverRunsWithItsDriverOptionsAndAUnitlessMemory(@TempDir Path tmp) throws Exception {
    // the JVM itself: -Xlog:gc names its collector at start; 512 alone would be 512 bytes, too small to start
    Submit.Result r = submit(tmp, "--driver-memory", "512", "--driver-java-options", "-Xlog:gc", "--help");
    assertEquals(0, r.code(), r.both());
    assertTrue(r.out().contains("][gc] Using "), r.both());
  }

  // A checkout of its own whose sources are newer than its jar, so that submit.sh rebuilds it, with stand-ins first on
  // PATH. The `mvn` does what Maven's jar and shade plugins do to target/ (seen in a real build): the jar plugin writes
  // the unshaded jar into the jar's own file (the old file truncated, its inode kept), then the shade plugin renames
  // that to original-spark-dgd.jar and its shaded jar over spark-dgd.jar; it logs each build, takes 2 s, and fails
  // after the first step when FAKE_MVN_FAIL is set. The `java` starts only a complete (shaded) jar, as SparkSubmit
  // says of a jar without the main class.
  private static final String STUB_MVN = "#!/bin/sh\n"
      + "echo build >> target/mvn-calls.txt\n"
      + "printf unshaded > target/spark-dgd.jar\n"
      + "[ -z \"$FAKE_MVN_FAIL\" ] || exit 1\n"
      + "sleep 2\n"
      + "printf shaded > target/shaded.jar\n"
      + "mv target/spark-dgd.jar target/original-spark-dgd.jar\n"
      + "mv target/shaded.jar target/spark-dgd.jar\n";
  private static final String STUB_JAR_JAVA = "#!/bin/sh\n"
      + "prev=; for a in \"$@\"; do [ \"$prev\" = sparkdgd.cli.Main ] && jar=\"$a\"; prev=\"$a\"; done\n"
      + "[ \"$(cat \"$jar\")\" = shaded ] || { echo 'Failed to load class sparkdgd.cli.Main.' >&2; exit 101; }\n"
      + "echo \"ran the $(cat \"$jar\") jar\"\n";

  /** The checkout's root: submit.sh, scripts/, conf/, a pom.xml and a source newer than target/spark-dgd.jar. */
  private static Path staleCheckout(Path tmp) throws Exception {
    Path checkout = tmp.resolve("checkout");
    for (String dir : List.of("scripts", "conf")) {
      Files.createDirectories(checkout.resolve(dir));
      try (Stream<Path> files = Files.list(Path.of(dir))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.copy(f, checkout.resolve(dir).resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    Files.copy(Path.of("submit.sh"), checkout.resolve("submit.sh"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(checkout.resolve("src/main/java"));
    Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
    Files.writeString(checkout.resolve("src/main/java/A.java"), "class A {}\n");
    Path target = Files.createDirectories(checkout.resolve("target"));
    Files.writeString(target.resolve("spark-classpath.txt"), "/no/such.jar");
    Files.writeString(target.resolve("spark-dgd.jar"), "old");
    Files.setLastModifiedTime(target.resolve("spark-dgd.jar"), FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
    Path bin = Files.createDirectories(tmp.resolve("stub-bin"));
    for (Map.Entry<String, String> stub : Map.of("mvn", STUB_MVN, "java", STUB_JAR_JAVA).entrySet()) {
      Files.writeString(bin.resolve(stub.getKey()), stub.getValue());
      assertTrue(bin.resolve(stub.getKey()).toFile().setExecutable(true));
    }
    return checkout;
  }

  /** Starts the checkout's submit.sh --help with the stand-ins first on PATH; its output in NAME.out, NAME.err. */
  private static Process startInCheckout(Path tmp, String name, Map<String, String> env) throws Exception {
    Map<String, String> all = new HashMap<>(Map.of("PATH", tmp.resolve("stub-bin") + ":" + System.getenv("PATH"),
        "SPARK_DGD_CDS", "off", "JAVA_HOME", ""));
    all.putAll(env);
    return Submit.start(tmp.resolve("checkout/submit.sh"), tmp, all, name, "--help");
  }

  private static int finish(Process p) throws Exception {
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "submit.sh did not finish in 60 s");
    return p.exitValue();
  }

  private static List<String> builds(Path tmp) throws Exception {
    Path log = tmp.resolve("checkout/target/mvn-calls.txt");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  void benchmarkHelpStartsTheDriverWithoutTouchingItsWholeHeap(@TempDir Path tmp) throws Exception {
    // the benchmark's driver commits and touches its heap when it starts: 4-44 s for 12 GB, too long for --help
    Path checkout = staleCheckout(tmp);
    Files.writeString(checkout.resolve("target/spark-dgd.jar"), "shaded"); // newer than the sources: no build
    Files.writeString(tmp.resolve("stub-bin/java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    Map<String, String> env = Map.of("PATH", tmp.resolve("stub-bin") + ":" + System.getenv("PATH"),
        "SPARK_DGD_CDS", "off", "JAVA_HOME", "");
    for (List<String> args : List.of(List.of("benchmark", "--help"), List.of("benchmark", "--sizes", "2e3x3", "-h"),
        List.of("benchmark", "--version"), List.of("benchmark", "--sizes", "2e3x3"))) {
      List<String> all = new ArrayList<>(List.of("--master", "local[2]", "--driver-memory", "1g"));
      all.addAll(args);
      Process p = Submit.start(checkout.resolve("submit.sh"), tmp, env, "bench", all.toArray(String[]::new));
      assertEquals(0, finish(p), Files.readString(tmp.resolve("bench.err")));
      List<String> javaArgs = Files.readAllLines(tmp.resolve("bench.out"));
      boolean measures = !args.contains("--help") && !args.contains("-h") && !args.contains("--version");
      assertEquals(measures, javaArgs.contains("-XX:+AlwaysPreTouch"), args + ": " + javaArgs);
      assertEquals(measures, javaArgs.contains("-Xms1g"), args + ": " + javaArgs);
    }
  }

  @Test
  void twoRunsStartedTogetherOnStaleSourcesBuildOnceAndBothStartTheNewJar(@TempDir Path tmp) throws Exception {
    // without a lock both built at once (two builds), or the second started the first's half-built jar (exit 101)
    Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v flock").start().waitFor() == 0,
        "flock (util-linux) is not on PATH: submit.sh runs without its build lock there");
    staleCheckout(tmp);
    Process first = startInCheckout(tmp, "first", Map.of());
    Process second = startInCheckout(tmp, "second", Map.of());
    for (String name : List.of("first", "second")) {
      Process p = name.equals("first") ? first : second;
      int code = finish(p);
      String both = Files.readString(tmp.resolve(name + ".out")) + Files.readString(tmp.resolve(name + ".err"));
      assertEquals(0, code, name + ": " + both);
      assertEquals("ran the shaded jar", Files.readString(tmp.resolve(name + ".out")).strip(), name + ": " + both);
    }
    assertEquals(List.of("build"), builds(tmp), "one build for both runs");
    String err = Files.readString(tmp.resolve("first.err")) + Files.readString(tmp.resolve("second.err"));
    assertEquals(1, err.lines().filter(l -> l.startsWith("submit.sh: building the app jar")).count(), err);
  }

  @Test
  void aRebuildLeavesAJvmRunningFromTheOldJarItsOwnFile(@TempDir Path tmp) throws Exception {
    // a JVM has its jar open; rewritten in place, the file it reads would hold the new bytes at other offsets
    Path checkout = staleCheckout(tmp);
    try (FileChannel running = FileChannel.open(checkout.resolve("target/spark-dgd.jar"))) {
      assertEquals(0, finish(startInCheckout(tmp, "run", Map.of())), Files.readString(tmp.resolve("run.err")));
      assertEquals("ran the shaded jar", Files.readString(tmp.resolve("run.out")).strip());
      ByteBuffer bytes = ByteBuffer.allocate(64);
      running.read(bytes, 0);
      assertEquals("old", new String(bytes.array(), 0, bytes.position(), StandardCharsets.US_ASCII));
    }
    assertEquals("shaded", Files.readString(checkout.resolve("target/spark-dgd.jar")));
  }

  @Test
  void anInterruptedBuildLeavesNoHalfBuiltJarForTheNextRun(@TempDir Path tmp) throws Exception {
    // killed mid-build (a closed terminal, a CI timeout), the jar plugin's unshaded jar stayed at the path, newer than
    // the sources, and every later run started it (exit 101) until someone deleted it
    Path checkout = staleCheckout(tmp);
    Process killed = startInCheckout(tmp, "killed", Map.of());
    Path unshadedWritten = checkout.resolve("target/mvn-calls.txt");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(unshadedWritten) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(Files.exists(unshadedWritten), "the build did not start");
    // as a terminal's hangup or a timeout's kill reaches the whole job: the script and the build it waits for, down to
    // the build's own processes (a kill of the script's children alone left the stub build, a grandchild, to write
    // its unshaded jar after the trap had put the old one back: the test failed under load, session 49)
    killed.descendants().forEach(ProcessHandle::destroy);
    new ProcessBuilder("kill", "-TERM", Long.toString(killed.pid())).start().waitFor();
    // 143 when the signal's trap runs first, 1 when the build's failure is seen first: the jar goes back either way
    assertTrue(List.of(1, 143).contains(finish(killed)), Files.readString(tmp.resolve("killed.err")));
    assertEquals("old", Files.readString(checkout.resolve("target/spark-dgd.jar")), "the old jar back in place");
    Process next = startInCheckout(tmp, "next", Map.of());
    assertEquals(0, finish(next), Files.readString(tmp.resolve("next.err")));
    assertEquals("ran the shaded jar", Files.readString(tmp.resolve("next.out")).strip());
    assertEquals(List.of("build", "build"), builds(tmp), "the next run builds again");
  }

  @Test
  void aFailedBuildLeavesNoHalfBuiltJarForTheNextRun(@TempDir Path tmp) throws Exception {
    // the jar plugin's output, newer than the sources, looked fresh: the next run started it (exit 101)
    Path checkout = staleCheckout(tmp);
    assertEquals(1, finish(startInCheckout(tmp, "failed", Map.of("FAKE_MVN_FAIL", "1"))));
    assertEquals("old", Files.readString(checkout.resolve("target/spark-dgd.jar")), "the old jar back in place");
    Process next = startInCheckout(tmp, "next", Map.of());
    assertEquals(0, finish(next), Files.readString(tmp.resolve("next.err")));
    assertEquals("ran the shaded jar", Files.readString(tmp.resolve("next.out")).strip());
    assertEquals(List.of("build", "build"), builds(tmp), "the next run builds again");
  }

  /** A Spark installation whose spark-submit prints its arguments, one a line: SPARK_HOME for it. */
  private static Map<String, String> stubSparkInstallation(Path tmp) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("spark/bin"));
    Files.writeString(bin.resolve("spark-submit"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
    assertTrue(bin.resolve("spark-submit").toFile().setExecutable(true));
    return Map.of("SPARK_HOME", tmp.resolve("spark").toString());
  }

  @Test
  void withASparkInstallationTheDriversJavaOptionsJoinTheScriptsInOneFlag(@TempDir Path tmp) throws Exception {
    // --driver-java-options replaces spark.driver.extraJavaOptions and the last one wins, so the user's options and
    // the script's (module openings, logging) must be one flag
    Map<String, String> env = stubSparkInstallation(tmp);
    for (String[] given : List.of(new String[] {"--driver-java-options", "-Xlog:gc -Dq='a b'"},
        new String[] {"--driver-java-options=-Xlog:gc -Dq='a b'"},
        new String[] {"--conf", "spark.driver.extraJavaOptions=-Xlog:gc -Dq='a b'"})) {
      List<String> args = new java.util.ArrayList<>(List.of(given));
      args.addAll(List.of("--supervise", "--name", "n", "--help"));
      Submit.Result r = Submit.run(tmp, env, args.toArray(new String[0]));
      assertEquals(0, r.code(), r.both());
      List<String> lines = r.out().lines().toList();
      assertEquals(1, lines.stream().filter("--driver-java-options"::equals).count(), show(lines));
      String opts = after(lines, "--driver-java-options");
      assertTrue(opts.startsWith("--add-modules=jdk.incubator.vector "), opts);
      assertTrue(opts.contains("-Dlog4j2.configurationFile="), opts);
      assertTrue(opts.endsWith(" -Xlog:gc -Dq='a b' -XX:TieredStopAtLevel=1"), opts); // then SPARK_DGD_JAVA_OPTS
      assertTrue(lines.contains("--supervise") && after(lines, "--name").equals("n"), show(lines));
    }
  }

  @Test
  void withASparkInstallationAClientDriversMemoryGoesInJavasForm(@TempDir Path tmp) throws Exception {
    // Spark's launcher starts a client-mode driver with "-Xmx" and the driver memory as given, which java refuses
    // for 600mb and reads as bytes for 512: the same size follows in java's form, and the last one given wins
    Map<String, String> installation = stubSparkInstallation(tmp);
    Map<String, String> fromEnv = new HashMap<>(installation);
    fromEnv.put("SPARK_DRIVER_MEMORY", "2GB");
    record Given(Map<String, String> env, List<String> args, String javasForm) {}
    for (Given given : List.of(new Given(installation, List.of("--driver-memory", "600mb"), "600m"),
        new Given(installation, List.of("--conf", "spark.driver.memory=512"), "512m"),
        new Given(fromEnv, List.of(), "2g"),
        new Given(installation, List.of("--driver-memory", "1g"), "1g"))) {
      List<String> args = new ArrayList<>(given.args());
      args.add("--help");
      Submit.Result r = Submit.run(tmp, given.env(), args.toArray(new String[0]));
      assertEquals(0, r.code(), r.both());
      List<String> lines = r.out().lines().toList();
      assertEquals(given.javasForm(), lines.get(lines.lastIndexOf("--driver-memory") + 1), show(lines));
    }
    // in cluster deploy mode Spark reads the size itself (Utils.memoryStringToMb): it goes as given
    Submit.Result cluster = Submit.run(tmp, installation, "--master", "spark://10.1.2.3:7077", "--deploy-mode",
        "cluster", "--driver-memory", "600mb", "--help");
    assertEquals(0, cluster.code(), cluster.both());
    List<String> lines = cluster.out().lines().toList();
    assertEquals(1, lines.stream().filter("--driver-memory"::equals).count(), show(lines));
    assertEquals("600mb", after(lines, "--driver-memory"), show(lines));
  }
}
