package sparkdgd.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sparkdgd.cli.Main;
import sparkdgd.config.InputFormat;
import sparkdgd.testing.SparkTestSession;

/**
 * The two ways {@code benchmark-loading} compares both load every row of the same file (the command
 * refuses a run where either count differs from what it generated), LIBSVM against Spark's libsvm source.
 */
@Tag("spark")
class LoadingBenchmarkTest {
  @Test
  void bothWaysLoadEveryRow() {
    String csv = Path.of("sample-data/correlated.csv").toAbsolutePath().toUri().toString();
    List<String> features = List.of("f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8");
    LoadingBenchmark bench = new LoadingBenchmark(SparkTestSession.get(), features, "y", 2);
    assertEquals(4000, bench.ours(csv, InputFormat.CSV).rows());
    assertEquals(4000, bench.sparkReader(csv, InputFormat.CSV).rows());
  }

  @Test
  void theTableGivesEachFormatsRatioOfMediansAndPaired() {
    SparkTestSession.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"benchmark-loading", "--rows", "3000", "--features", "2", "--partitions", "2",
        "--formats", "csv", "--warmup", "0", "--repetitions", "3"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));
    String row = printed.lines().filter(l -> l.startsWith("| CSV |") || l.startsWith("| csv |")).findFirst()
        .orElseThrow(() -> new AssertionError(printed));
    String[] cells = row.substring(1, row.length() - 1).split("\\|");
    assertEquals(6, cells.length, row);
    for (int c = 4; c < 6; c++) {
      double ratio = Double.parseDouble(cells[c].trim().replace("x", ""));
      assertTrue(ratio > 0 && Double.isFinite(ratio), row);
    }
  }

  /** LIBSVM against Spark's own libsvm source: generated rows, every one loaded both ways (the command checks). */
  @Test
  void libsvmIsComparedWithSparksLibsvmSource() {
    SparkTestSession.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"benchmark-loading", "--rows", "3000", "--features", "3", "--partitions", "2",
        "--formats", "libsvm", "--warmup", "0", "--repetitions", "1"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));
    assertTrue(printed.lines().anyMatch(l -> l.startsWith("| libsvm |") || l.startsWith("| LIBSVM |")), printed);
  }
}
