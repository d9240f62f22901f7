package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.block.CacheStatus;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/**
 * Automatic partitions that are many (more than 4 times the default parallelism) and small (under 4 MiB of cached
 * blocks each on average) get a warning naming a --partitions to use: 200 CSV files of 100 rows trained 30 times
 * slower in their 200 partitions than with --partitions 2, unsaid.
 */
class ManySmallPartitionsTest {
  private static final long MIB = 1L << 20;

  private static List<String> warnings(int partitions, long bytes, int parallelism) {
    List<String> seen = new ArrayList<>();
    TrainingJob.warnManySmallPartitions(new ProgressListener() {
      @Override
      public void warning(String message) {
        seen.add(message);
      }
    }, new CacheStatus(partitions, partitions, bytes, 0), parallelism);
    return seen;
  }

  @Test
  void moreThanFourTimesTheParallelismAndUnderFourMibEachIsWhatGetsTheWarning() {
    // 2 cores: 8 partitions is 4 times, 9 more; 1 MiB each, well under 4 MiB
    assertEquals(List.of(), warnings(8, 8 * MIB, 2));
    assertEquals(List.of("the input was read into 9 partitions (one per file or split) of 1.05 MB of cached blocks "
        + "each on average, more than 4 times the default parallelism (2): every pass runs a task per partition, "
        + "which costs more than the work in it; use --partitions 2 (the default parallelism)"),
        warnings(9, 9 * MIB, 2));
    // 4 MiB each on average is not small; a byte less is
    assertEquals(List.of(), warnings(200, 200 * 4 * MIB, 2));
    assertEquals(1, warnings(200, 200 * 4 * MIB - 1, 2).size());
    // under 1 MB the size is in kB: 200 partitions of 2,490 bytes
    assertTrue(warnings(200, 200 * 2490, 2).get(0).contains(" of 2.49 kB of cached blocks each"));
  }

  @Test
  void manyPartitionsOfAFewMibAreToldOnePer128MibWhenThatIsMoreThanTheParallelism() {
    // 10,000 partitions of 3 MiB: 30,000 MiB, ceil(30,000 / 128) = 235 partitions of at most 128 MiB
    List<String> w = warnings(10_000, 10_000 * 3 * MIB, 8);
    assertEquals(1, w.size());
    assertTrue(w.get(0).startsWith("the input was read into 10,000 partitions (one per file or split) of 3.15 MB"),
        w.get(0));
    assertTrue(w.get(0).endsWith("the default parallelism (8): every pass runs a task per partition, which costs more "
        + "than the work in it; use --partitions 235 (one per 128 MiB of cached blocks)"), w.get(0));
  }

  @Test
  void nothingCachedSaysNothing() {
    List<String> seen = new ArrayList<>();
    TrainingJob.warnManySmallPartitions(new ProgressListener() {
      @Override
      public void warning(String message) {
        seen.add(message);
      }
    }, new CacheStatus(0, 100, 0, 0), 2);
    assertEquals(List.of(), seen);
  }

  @Test
  @Tag("spark")
  void aDirectoryOfSmallFilesIsToldToUseTheDefaultParallelismUnlessPartitionsWasGiven(@TempDir Path tmp)
      throws Exception {
    // 20 files of 10 rows: 20 partitions, one per file, on the test session's 2 threads (more than 8)
    Path dir = Files.createDirectories(tmp.resolve("many"));
    for (int f = 0; f < 20; f++) {
      StringBuilder text = new StringBuilder("x,y\n");
      for (int i = 0; i < 10; i++) {
        double x = f + 0.1 * i;
        text.append(String.format(Locale.ROOT, "%.1f,%.1f%n", x, 2 * x + 1));
      }
      Files.writeString(dir.resolve(String.format("part-%02d.csv", f)), text);
    }
    List<String> automatic = warningsOfOneEpoch(Configs.data(dir));
    assertEquals(1, automatic.size(), automatic.toString());
    assertTrue(automatic.get(0).startsWith("warning: the input was read into 20 partitions (one per file or split) "
        + "of "), automatic.get(0));
    assertTrue(automatic.get(0).endsWith(" of cached blocks each on average, more than 4 times the default "
        + "parallelism (2): every pass runs a task per partition, which costs more than the work in it; use "
        + "--partitions 2 (the default parallelism)"), automatic.get(0));
    assertEquals(List.of(), warningsOfOneEpoch(Configs.data(dir).partitions(20)), "the user chose them");
  }

  private static List<String> warningsOfOneEpoch(Configs config) {
    ResidentTasksSaid said = new ResidentTasksSaid();
    TrainingJob.run(SparkTestSession.get(), config.epochs(1).build(), said);
    return said.lines;
  }
}
