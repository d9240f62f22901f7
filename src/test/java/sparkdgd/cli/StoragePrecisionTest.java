package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.testing.Dataset;
import sparkdgd.testing.Generated;
import sparkdgd.testing.LeastSquares;

/** Storage levels and --precision: where and how the blocks are cached must not change the answer. */
@Tag("spark")
class StoragePrecisionTest {
  @TempDir
  Path tmp;

  /** What the last {@link #train} printed. */
  private String printed;

  private double[] train(Path data, String name, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--output", tmp.resolve(name).toString(),
        "--partitions", "3", "--block-rows", "100", "--epochs", "40", "--tol", "0"));
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("Cache ("), run.out());
    printed = run.out();
    return Generated.coefficientsAndIntercept(
        new ObjectMapper().readTree(tmp.resolve(name).resolve("model.json").toFile()));
  }

  @Test
  void diskOnlyAndSerializedLevelsGiveTheMemoryOnlyResultAndFloat32IsClose() throws Exception {
    Dataset d = Dataset.correlated(1500, new double[] {1.5, -0.5, 2, 0.75}, 0.7, 0.0, 0.1, 41);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    double[] memory = train(csv, "mem", "--storage-level", "MEMORY_ONLY");
    String memoryRunSaid = printed;
    for (String level : List.of("DISK_ONLY", "MEMORY_ONLY_SER", "MEMORY_AND_DISK")) {
      // the same blocks in the same partitions, read back from disk or from Kryo bytes: the same sums
      assertEquals(0.0, LeastSquares.relativeError(train(csv, level, "--storage-level", level), memory), level);
    }
    double[] float32 = train(csv, "f32", "--precision", "float32", "--storage-level", "DISK_ONLY");
    double diff = LeastSquares.relativeError(float32, memory);
    // the features are rounded to 24-bit mantissas (relative 6e-8) once; the fit moves by about that much
    assertTrue(diff < 1e-5, "float32 vs float64: " + diff);
    assertTrue(diff > 0, "float32 must actually round the cached values");
    // this JVM starts as spark-submit starts one (--add-modules=jdk.incubator.vector)
    assertTrue(printed.contains("float32 blocks: the squared loss runs on vectors (the JDK's Vector API, "
        + "--add-modules=jdk.incubator.vector)"), printed);
    assertTrue(memoryRunSaid.contains("float64 blocks: the squared loss runs on vectors (the JDK's Vector API, "
        + "--add-modules=jdk.incubator.vector)"), memoryRunSaid);
    assertFalse(memoryRunSaid.contains("float32 blocks"), "float64 runs say nothing of float32 blocks");
  }

  /**
   * A feature of mean 1e6 and spread 0.29 is rounded by float32 to steps of 0.0625: its coefficient moves by more
   * than 1e-3 from the float64 answer, and the run says so for that feature alone (the second is well scaled).
   */
  @Test
  void float32SaysWhichFeatureItRoundsCoarsely() throws Exception {
    java.util.Random rnd = new java.util.Random(3);
    double[][] x = new double[3000][];
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {1e6 + rnd.nextDouble(), rnd.nextGaussian()};
      y[i] = 2 * (x[i][0] - 1e6) - 0.5 * x[i][1] + 3 + 0.1 * rnd.nextGaussian();
    }
    Path csv = new Dataset(x, y, List.of("a", "b")).writeCsv(tmp.resolve("offset.csv"));
    double[] exact = LeastSquares.solveWithIntercept(x, y);
    String[] converged = {"--optimizer", "lbfgs", "--gradient-tol", "1e-10", "--epochs", "200"};
    List<String> args = new ArrayList<>(List.of("--data", csv.toString(), "--output", tmp.resolve("f32").toString(),
        "--precision", "float32"));
    args.addAll(List.of(converged));
    CliRun float32 = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, float32.code(), float32.err());
    List<String> warnings = float32.err().lines().filter(l -> l.contains("--precision float32 rounds")).toList();
    assertEquals(1, warnings.size(), float32.err());
    // the spread of U(0, 1) is 0.289, and 0.0625^2 / 12 of it (4e-3) is the rounding's share of its variance
    assertTrue(warnings.get(0).startsWith("warning: --precision float32 rounds feature \"a\" (mean 1.00000e+06, "
        + "standard deviation 0.28"), warnings.get(0));
    assertTrue(warnings.get(0).contains(") to steps of 0.0625: its coefficient shrinks by about 4."), warnings.get(0));
    double[] rounded = Generated.coefficientsAndIntercept(
        new ObjectMapper().readTree(tmp.resolve("f32").resolve("model.json").toFile()));
    assertTrue(Math.abs(rounded[0] - exact[0]) > 1e-3 * Math.abs(exact[0]), "the warning is warranted: "
        + rounded[0] + " against " + exact[0]);
    args.set(args.indexOf("float32"), "float64");
    args.set(args.indexOf(tmp.resolve("f32").toString()), tmp.resolve("f64").toString());
    CliRun float64 = CliRun.of(args.toArray(new String[0]));
    assertEquals(0, float64.code(), float64.err());
    assertFalse(float64.err().contains("rounds feature"), float64.err());
  }

  @Test
  void float32RunsThatTheVectorLoopDoesNotServeSaySo() throws Exception {
    Dataset d = Dataset.correlated(1500, new double[] {1.5, -0.5, 2, 0.75}, 0.7, 0.0, 0.1, 43);
    Path csv = d.writeCsv(tmp.resolve("d.csv"));
    train(csv, "huber", "--precision", "float32", "--loss", "huber");
    assertTrue(printed.contains("float32 blocks: the huber loss runs scalar (the JDK's Vector API serves the squared "
        + "loss only)"), printed);
    train(csv, "rows", "--precision", "float32", "--batch-fraction", "0.5");
    assertTrue(printed.contains("float32 blocks: the squared loss runs scalar (mini-batches drawn row by row; runs "
        + "of 32 rows or more go through the JDK's Vector API, e.g. --batch-run-rows 64)"), printed);
    train(csv, "runs", "--precision", "float32", "--batch-fraction", "0.5", "--batch-run-rows", "32");
    assertTrue(printed.contains("float32 blocks: the squared loss runs on vectors"), printed);
  }

  /**
   * OFF_HEAP without spark.memory.offHeap settings (the test session has none) is a disk cache: Spark said so only
   * by "0.0 MB in memory"; the run is told before any data is read.
   */
  @Test
  void offHeapWithoutOffHeapMemoryWarnsFirstAndCachesOnDisk() throws Exception {
    Path csv = Dataset.correlated(300, new double[] {1, 2}, 0.5, 0.0, 0.1, 7).writeCsv(tmp.resolve("o.csv"));
    CliRun run = CliRun.of("--data", csv.toString(), "--output", tmp.resolve("off").toString(), "--epochs", "2",
        "--storage-level", "OFF_HEAP", "--no-plots", "--no-spark-model");
    assertEquals(0, run.code(), run.err());
    assertEquals("warning: --storage-level OFF_HEAP without off-heap memory keeps every block on local disk: add "
        + "--conf spark.memory.offHeap.enabled=true --conf spark.memory.offHeap.size=4g (a size that holds the data), "
        + "or use another --storage-level (MEMORY_AND_DISK)", run.err().lines().findFirst().orElse(""), run.err());
    assertTrue(run.out().contains("Cache (OFF_HEAP): 0.0 MB in memory"), run.out());
    // and not again after the read, as blocks that "did not fit in memory" (a review: "(0.0 MB on disk)" of 16 kB)
    assertTrue(!run.err().contains("did not fit in memory"), run.err());
  }
}
