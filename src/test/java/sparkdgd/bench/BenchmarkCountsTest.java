package sparkdgd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The benchmarks' counts take 1e3 as train's and generate's do (was: "'1e3' is not an int"). */
class BenchmarkCountsTest {

  @Test
  void benchmarkCountsTakeScientificNotation() {
    BenchmarkCommand b = new BenchmarkCommand(System.out, System.err);
    new CommandLine(b).parseArgs("--rows", "2e5", "--features", "1e1", "--partitions", "4e0", "--block-rows", "4.096e3",
        "--warmup-jobs", "6e2", "--warmup", "2e0", "--repetitions", "5e0", "--mllib-iterations", "5e0",
        "--check-iterations", "1e1", "--bandwidth-mib", "5.12e2");
    assertEquals(List.of(200_000L, 10, 4, 4096, 600, 2, 5, 5, 10, 512), List.of(b.rows, b.features, b.partitions,
        b.blockRows, b.warmupJobs, b.warmup, b.repetitions, b.mllibIterations, b.checkIterations, b.bandwidthMib));
  }

  @Test
  void loadingBenchmarkCountsTakeScientificNotation() {
    LoadingBenchmarkCommand l = new LoadingBenchmarkCommand(System.out, System.err);
    new CommandLine(l).parseArgs("--rows", "2e6", "--features", "1e1", "--partitions", "4e0", "--warmup", "1e0",
        "--repetitions", "3e0");
    assertEquals(List.of(2_000_000L, 10, 4, 1, 3), List.of(l.rows, l.features, l.partitions, l.warmup, l.repetitions));
  }

  /**
   * A report --output ending in '/' names a directory: refused with exit 2 before Spark starts (it was written as a
   * file named like the directory, since Path.of drops the slash).
   */
  @Test
  void aReportOutputEndingInASlashIsRefused(@TempDir Path tmp) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String dir = tmp.resolve("reports") + "/";
    int code = new CommandLine(new BenchmarkCommand(System.out, new PrintStream(err, true, StandardCharsets.UTF_8)))
        .execute("--rows", "10", "--features", "1", "--output", dir);
    assertEquals(2, code);
    assertEquals("error: --output " + dir + " ends with '/', a directory; benchmark writes one Markdown report: name "
        + "the file, e.g. " + dir + "benchmark.md (see benchmark --help)",
        err.toString(StandardCharsets.UTF_8).strip());
    assertFalse(Files.exists(tmp.resolve("reports")), "nothing written");
  }
}
