package sparkdgd.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.block.CacheStatus;
import sparkdgd.config.Precision;
import sparkdgd.testing.Configs;
import sparkdgd.testing.SparkTestSession;

/**
 * Cached training blocks on local disk and in no memory are read from disk in every epoch: said once, after
 * caching, with what gives them room in memory.
 */
class BlocksOnDiskTest {
  private static final long MB = 1_000_000;

  @Test
  void blocksThatDidNotFitAreToldWithMoreMemoryFewerCopiesAndFloats() {
    // 3 of 5 partitions spilled, 43.2 MB of them, in local mode
    CacheStatus spilled = new CacheStatus(5, 3, 5, 14_400_000, 43_200_000);
    assertEquals(Optional.of("3 of 5 partitions of the training blocks (43.2 MB on disk) are cached on local disk and "
        + "not in memory (--storage-level MEMORY_AND_DISK): every epoch reads them from disk, as they did not fit in "
        + "memory; give Spark more memory (--driver-memory, in local mode), or store dense features as floats "
        + "(--precision float32: half the bytes)"),
        BlocksOnDisk.warning(spilled, "MEMORY_AND_DISK", true, Precision.FLOAT64, true));
    // on a cluster, two copies, float32 already: executors' memory, one copy, no --precision
    String cluster = BlocksOnDisk.warning(spilled, "MEMORY_AND_DISK_SER_2", false, Precision.FLOAT32, true).get();
    assertTrue(cluster.endsWith("; give Spark more memory (--executor-memory), keep one copy (--storage-level "
        + "MEMORY_AND_DISK_SER)"), cluster);
    // LIBSVM's sparse blocks keep doubles whatever --precision
    assertTrue(BlocksOnDisk.warning(spilled, "MEMORY_AND_DISK", true, Precision.FLOAT64, false).get()
        .endsWith("give Spark more memory (--driver-memory, in local mode)"));
    // one partition: "is ... it"
    assertTrue(BlocksOnDisk.warning(new CacheStatus(1, 1, 1, 0, 2 * MB), "OFF_HEAP", true, Precision.FLOAT32, true)
        .get().equals("the 1 partition of the training blocks (2.00 MB on disk) is cached on local disk and not in "
            + "memory (--storage-level OFF_HEAP): every epoch reads it from disk, as it did not fit in memory; "
            + "give Spark more off-heap memory (--conf spark.memory.offHeap.size), smaller partitions (more "
            + "--partitions: a partition larger than Spark's storage memory is never held in memory; these are 2.00 MB "
            + "each)"));
    // none in memory: the partitions are told as what to make smaller (a review's 2 of 1.3 GB in a 2 GB driver)
    assertTrue(BlocksOnDisk.warning(new CacheStatus(2, 2, 2, 0, 2_640_000_000L), "MEMORY_AND_DISK", true,
        Precision.FLOAT64, true).get().endsWith("give Spark more memory (--driver-memory, in local mode), smaller "
            + "partitions (more --partitions: a partition larger than Spark's storage memory is never held in memory; "
            + "these are 1.32 GB each), or store dense features as floats (--precision float32: half the bytes)"));
  }

  /** Resident tasks would read the blocks on disk into a heap without room for them (LargerThanMemoryIT runs it). */
  @Test
  void residentTasksAreNotStartedOverBlocksOnDisk() {
    assertEquals(Optional.of("--resident-tasks is not used: 6 of 10 partitions of the training blocks (528 MB) are "
        + "on disk and not in memory, and the resident tasks would hold every block in the executors' heap, where "
        + "they do not fit; every pass runs as a Spark job (give Spark more memory, or --precision float32 for dense "
        + "features, to use them)"), BlocksOnDisk.forResidentTasks(new CacheStatus(10, 6, 10, 352_000_000,
            528_000_000), "MEMORY_AND_DISK", "training"));
    assertEquals(Optional.empty(), BlocksOnDisk.forResidentTasks(new CacheStatus(10, 10, 880_000_000, 0),
        "MEMORY_AND_DISK", "training"));
    // a level of disk alone asked for it: the blocks are read into the tasks once, as README says (a review's)
    assertEquals(Optional.empty(), BlocksOnDisk.forResidentTasks(new CacheStatus(10, 10, 10, 0, 880_000_000),
        "DISK_ONLY", "training"));
  }

  @Test
  void aLevelWithNoMemoryAskedForDiskAndNothingOnDiskSaysNothing() {
    // DISK_ONLY and its copies keep every partition on disk alone, as the user asked: no warning
    for (String level : List.of("DISK_ONLY", "DISK_ONLY_2", "DISK_ONLY_3")) {
      assertEquals(Optional.empty(), BlocksOnDisk.warning(new CacheStatus(4, 4, 4, 0, 57_600_000), level, true,
          Precision.FLOAT64, true), level);
    }
    // every partition in memory, or in memory and on disk (a copy on each): nothing read from disk alone
    assertEquals(Optional.empty(), BlocksOnDisk.warning(new CacheStatus(4, 0, 4, 57_600_000, 0), "MEMORY_AND_DISK",
        true, Precision.FLOAT64, true));
    assertEquals(Optional.empty(), BlocksOnDisk.warning(new CacheStatus(4, 0, 4, 57_600_000, 57_600_000),
        "MEMORY_AND_DISK_2", true, Precision.FLOAT64, true));
  }

  @Test
  @Tag("spark")
  void aRunUnderDiskOnlyOrWithItsBlocksInMemoryIsNotWarned(@TempDir Path tmp) throws Exception {
    StringBuilder text = new StringBuilder("x,y\n");
    for (int i = 0; i < 2000; i++) {
      text.append(String.format(Locale.ROOT, "%d,%d%n", i % 50, 3 * (i % 50) - 1));
    }
    Path csv = Files.writeString(tmp.resolve("d.csv"), text);
    // a small run: its blocks on disk alone, as asked, had been warned on every run under DISK_ONLY
    assertEquals(List.of(), warningsOfOneEpoch(Configs.data(csv).partitions(2).storageLevel("DISK_ONLY")));
    assertEquals(List.of("warning: --storage-level DISK_ONLY_2 keeps one copy on a local master: Spark puts the "
        + "other copies on other executors, and a local master has one; DISK_ONLY is the same here"),
        warningsOfOneEpoch(Configs.data(csv).partitions(2).storageLevel("DISK_ONLY_2")), "that alone");
    assertEquals(List.of(), warningsOfOneEpoch(Configs.data(csv).partitions(2).storageLevel("MEMORY_AND_DISK")));
    assertEquals(List.of(), warningsOfOneEpoch(Configs.data(csv).partitions(2).storageLevel("MEMORY_ONLY")));
  }

  private static List<String> warningsOfOneEpoch(Configs config) {
    ResidentTasksSaid said = new ResidentTasksSaid();
    TrainingJob.run(SparkTestSession.get(), config.epochs(1).build(), said);
    return said.lines;
  }
}
