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
}
