package sparkdgd.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data larger than the memory Spark may use: generated Parquet whose cached blocks (~58 MB) are about
 * three times Spark's unified memory region in a 512 MB driver with {@code spark.memory.fraction=0.1}
 * (0.1 x (heap - 300 MB reserved) ~ 19 MB, shared by storage and execution). With MEMORY_AND_DISK
 * most blocks go to local disk; the coefficients must be those of an all-in-memory run of the same
 * data and partitions, bit for bit (the exact merge makes the sums independent of where blocks live).
 */
class LargerThanMemoryIT {
  private record Result(int code, String out, String err) {}

  private static final Pattern CACHE = Pattern.compile("Cache \\((\\w+)\\): ([\\d.]+) MB in memory, ([\\d.]+) MB on disk");

  private static Result submit(Path workDir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of("submit.sh").toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    File out = Files.createTempFile(workDir, "out", ".txt").toFile();
    File err = Files.createTempFile(workDir, "err", ".txt").toFile();
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out).redirectError(err);
    pb.environment().remove("SPARK_HOME");
    Process p = pb.start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "submit.sh did not finish in 300 s");
    Result r = new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
    assertEquals(0, r.code(), "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
    return r;
  }

  private static double[] cacheMb(String out) {
    Matcher m = CACHE.matcher(out);
    assertTrue(m.find(), out);
    return new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
  }

  @Test
  void spillsToDiskAndMatchesTheAllInMemoryRun(@TempDir Path tmp) throws Exception {
    submit(tmp, "--master", "local[2]", "generate", "--rows", "720000", "--features", "9", "--noise", "0.1",
        "--seed", "4", "--partitions", "8", "--format", "parquet", "--output", "big");
    List<String> train = new ArrayList<>(List.of("--data", "big", "--partitions", "8", "--epochs", "8",
        "--tol", "0", "--log-every", "4"));
    train.addAll(Submit.COEFFICIENTS_ONLY);

    List<String> small = new ArrayList<>(List.of("--master", "local[2]", "--driver-memory", "512m",
        "--conf", "spark.memory.fraction=0.1", "--storage-level", "MEMORY_AND_DISK", "--output", "small"));
    small.addAll(train);
    Result lowMemory = submit(tmp, small.toArray(new String[0]));
    List<String> big = new ArrayList<>(List.of("--master", "local[2]", "--driver-memory", "2g",
        "--storage-level", "MEMORY_ONLY", "--output", "memory"));
    big.addAll(train);
    Result inMemory = submit(tmp, big.toArray(new String[0]));

    // resident tasks would hold the spilled blocks in the heap too: not started, said in one line (a review's run
    // had an OutOfMemoryError's 80-line trace first)
    List<String> resident = new ArrayList<>(small);
    resident.set(resident.indexOf("small"), "resident");
    resident.add("--resident-tasks");
    Result residentRun = submit(tmp, resident.toArray(new String[0]));
    assertTrue(residentRun.err().contains("warning: --resident-tasks is not used: "), residentRun.err());
    assertTrue(!residentRun.err().contains("\tat ") && !residentRun.err().contains("OutOfMemoryError"),
        residentRun.err());
    assertEquals(new ObjectMapper().readTree(tmp.resolve("small/model.json").toFile()).get("coefficients"),
        new ObjectMapper().readTree(tmp.resolve("resident/model.json").toFile()).get("coefficients"));

    System.out.println("low memory run:\n" + lowMemory.out() + "\nall in memory run:\n" + inMemory.out());
    double[] low = cacheMb(lowMemory.out());
    double[] all = cacheMb(inMemory.out());
    double cachedMb = all[0];
    // 720000 rows x (9 features + 1 label) x 8 bytes = 57.6 MB of arrays
    assertEquals(57.6, cachedMb, 3.0, inMemory.out());
    assertEquals(0.0, all[1], 0.0, "the all-in-memory run keeps nothing on disk");
    assertTrue(low[1] > 2 * low[0], "most blocks spilled: " + lowMemory.out());
    assertTrue(low[0] < cachedMb / 2.5, "at most about a third in memory: " + lowMemory.out());

    JsonNode a = new ObjectMapper().readTree(tmp.resolve("small/model.json").toFile());
    JsonNode b = new ObjectMapper().readTree(tmp.resolve("memory/model.json").toFile());
    assertEquals(720000, a.get("rows").asLong());
    assertEquals(b.get("coefficients"), a.get("coefficients"));
    assertEquals(b.get("intercept"), a.get("intercept"));
  }
}
