package sparkdgd.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs {@code ./submit.sh} as a user does: a separate process, no Spark installation. */
final class Submit {
  /**
   * Trainer flags for runs whose test compares coefficients only: the plots and Spark ML's writer are tested
   * elsewhere, and without them each run ends about 5 s sooner.
   */
  static final List<String> COEFFICIENTS_ONLY = List.of("--no-plots", "--no-spark-model");

  /**
   * Spark settings for runs on a cluster: its executors (and a driver it starts on a worker) get the client
   * compiler only, as the drivers started here do (see {@link #builder}).
   */
  static final List<String> CLUSTER_JVMS_QUICK_START = List.of(
      "--conf", "spark.executor.defaultJavaOptions=-XX:TieredStopAtLevel=1",
      "--conf", "spark.driver.defaultJavaOptions=-XX:TieredStopAtLevel=1");

  private Submit() {}

  record Result(int code, String out, String err) {
    String both() {
      return "stdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  private static ProcessBuilder builder(Path workDir, Map<String, String> env, String... args) {
    return builder(Path.of("submit.sh").toAbsolutePath(), workDir, env, args);
  }

  private static ProcessBuilder builder(Path script, Path workDir, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(script.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    // the embedded default: no Spark installation, and none of the variables spark-submit falls back to for the
    // master, deploy mode and driver memory (a developer's own would change every run)
    for (String variable : List.of("SPARK_HOME", "MASTER", "DEPLOY_MODE", "SPARK_DRIVER_MEMORY")) {
      pb.environment().remove(variable);
    }
    // These drivers work on a few thousand rows and live for seconds: the client compiler alone starts
    // them about 13% faster (about 19 s against 16.5 s for the default run, three pairs here), and
    // Java's floating point is the same under either compiler.
    pb.environment().put("SPARK_DGD_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
    pb.environment().putAll(env);
    return pb;
  }

  static Result run(Path workDir, String... args) throws Exception {
    return run(workDir, Map.of(), args);
  }

  static Result run(Path workDir, Map<String, String> env, String... args) throws Exception {
    File out = Files.createTempFile(workDir, "out", ".txt").toFile();
    File err = Files.createTempFile(workDir, "err", ".txt").toFile();
    Process p = builder(workDir, env, args).redirectOutput(out).redirectError(err).start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("submit.sh did not finish in 300 s: " + String.join(" ", args));
    }
    return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  /**
   * Starts {@code script} (the submit.sh of a checkout of its own) as {@link #run} starts this one, its stdout and
   * stderr to {@code name}.out and {@code name}.err in {@code workDir}.
   */
  static Process start(Path script, Path workDir, Map<String, String> env, String name, String... args)
      throws IOException {
    return builder(script, workDir, env, args).redirectOutput(workDir.resolve(name + ".out").toFile())
        .redirectError(workDir.resolve(name + ".err").toFile()).start();
  }

  /** A running submit.sh whose stdout lines are collected as they come. */
  static final class Running {
    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final File err;

    Running(Process process, File err) {
      this.process = process;
      this.err = err;
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            lines.add(line);
          }
        } catch (IOException ignored) {
          // the process was killed
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    /** Waits until a stdout line matches; fails after {@code seconds}. */
    void awaitLine(Predicate<String> match, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      while (lines.stream().noneMatch(match)) {
        assertTrue(process.isAlive() || lines.stream().anyMatch(match), "submit.sh ended early:\n" + lines);
        assertTrue(System.nanoTime() < deadline, "no matching line within " + seconds + " s:\n" + lines);
        Thread.sleep(50);
      }
    }

    /** What the process wrote to stderr so far. */
    String err() throws IOException {
      return Files.readString(err.toPath(), StandardCharsets.UTF_8);
    }

    int waitFor(int seconds) throws InterruptedException {
      assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "not finished within " + seconds + " s:\n" + lines);
      return process.exitValue();
    }
  }

  static Running start(Path workDir, String... args) throws Exception {
    File err = Files.createTempFile(workDir, "err", ".txt").toFile();
    return new Running(builder(workDir, Map.of(), args).redirectError(err).start(), err);
  }

  /** A hand-written model directory at {@code dir}: y = a + 2 b (model.json alone, as predict and evaluate read it). */
  static Path modelOfAB(Path dir) throws IOException {
    Files.writeString(Files.createDirectories(dir).resolve("model.json"), "{\"featureNames\": [\"a\", \"b\"], "
        + "\"coefficients\": [1, 2], \"intercept\": 0, \"labelName\": \"y\"}");
    return dir;
  }

  static JsonNode model(Path outputDir) throws IOException {
    return new ObjectMapper().readTree(outputDir.resolve("model.json").toFile());
  }

  /** Coefficients then intercept, as written (exact doubles). */
  static double[] coefficients(Path outputDir) throws IOException {
    JsonNode m = model(outputDir);
    JsonNode c = m.get("coefficients");
    double[] out = new double[c.size() + 1];
    for (int i = 0; i < c.size(); i++) {
      out[i] = c.get(i).asDouble();
    }
    out[c.size()] = m.get("intercept").asDouble();
    return out;
  }

  static String data(String name) {
    return Path.of("sample-data", name).toAbsolutePath().toString();
  }
}
