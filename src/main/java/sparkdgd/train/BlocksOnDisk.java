package sparkdgd.train;

import java.util.Locale;
import java.util.Optional;
import org.apache.spark.storage.StorageLevel;
import sparkdgd.block.CacheStatus;
import sparkdgd.config.Precision;
import sparkdgd.output.Counts;

/**
 * The warning for cached training blocks held on local disk and in no executor's memory: every epoch then reads them
 * from disk, which the cache line ({@code Cache (MEMORY_AND_DISK): 14.4 MB in memory, 43.2 MB on disk}) shows but
 * does not explain. Under a level with memory the blocks did not fit, and it names what gives them room: more memory
 * for Spark, one copy instead of two or three, float32 blocks (half the bytes of dense features). A level with no
 * memory part ({@code DISK_ONLY}, {@code DISK_ONLY_2}, {@code DISK_ONLY_3}) asked for disk, and is not warned (the
 * cache line says where the blocks are).
 */
public final class BlocksOnDisk {
  private BlocksOnDisk() {}

  /**
   * @param storageLevel --storage-level
   * @param localMode    whether the executors are the driver's JVM (--driver-memory sizes them)
   * @param precision    --precision of the dense blocks
   * @param dense        whether the blocks may be dense (not LIBSVM's sparse ones, which --precision leaves as doubles)
   */
  public static Optional<String> warning(CacheStatus cache, String storageLevel, boolean localMode,
      Precision precision, boolean dense) {
    if (cache.diskOnlyPartitions() == 0 || !StorageLevel.fromString(storageLevel).useMemory()) {
      return Optional.empty();
    }
    String which = cache.diskOnlyPartitions() == cache.partitions()
        ? (cache.partitions() == 1 ? "the 1 partition" : "all " + cache.partitions() + " partitions")
        : String.format(Locale.ROOT, "%,d of %s", cache.diskOnlyPartitions(), Counts.of(cache.partitions(),
            "partition"));
    String where = String.format(Locale.ROOT, "%s of the training blocks (%s on disk) %s cached on local disk "
        + "and not in memory (--storage-level %s): every epoch reads %s from disk", which,
        Counts.bytes(cache.diskBytes()),
        cache.diskOnlyPartitions() == 1 ? "is" : "are", storageLevel, cache.diskOnlyPartitions() == 1 ? "it" : "them");
    StringBuilder fix = new StringBuilder(storageLevel.equals("OFF_HEAP")
        ? "give Spark more off-heap memory (--conf spark.memory.offHeap.size)"
        : "give Spark more memory (" + (localMode ? "--driver-memory, in local mode" : "--executor-memory") + ")");
    if (storageLevel.endsWith("_2") || storageLevel.endsWith("_3")) {
      fix.append(", keep one copy (--storage-level ").append(storageLevel, 0, storageLevel.length() - 2).append(')');
    }
    if (cache.memoryBytes() == 0 && cache.diskOnlyPartitions() == cache.partitions()) {
      // none in memory: partitions each larger than the memory Spark keeps for storage (a review: 2 partitions of 1.3
      // GB in a 2 GB driver all on disk, where 30 of 88 MB kept 1 GB in memory and epochs took half the time)
      fix.append(String.format(Locale.ROOT, ", smaller partitions (more --partitions: a partition larger than Spark's "
          + "storage memory is never held in memory; these are %s each)",
          Counts.bytes(cache.diskBytes() / Math.max(1, cache.partitions()))));
    }
    if (dense && precision == Precision.FLOAT64) {
      fix.append(", or store dense features as floats (--precision float32: half the bytes)");
    }
    return Optional.of(where + (cache.diskOnlyPartitions() == 1 ? ", as it" : ", as they") + " did not fit in memory; "
        + fix);
  }

  /**
   * Why resident tasks would not hold the {@code which} blocks ("training", "validation"), if so: each task keeps every
   * block of its partitions in its executor's heap, so blocks the cache holds on disk alone under a level with memory
   * (they did not fit there) would be read into a heap without room for them. A review's 1 GB driver with 528 MB of
   * blocks on disk saw the tasks fail with an OutOfMemoryError and an 80-line trace before the run fell back to jobs;
   * now the passes run as jobs from the start, said in one line. A level of disk alone (DISK_ONLY) asked for that:
   * its blocks are read in once, as README says.
   */
  public static Optional<String> forResidentTasks(CacheStatus cache, String storageLevel, String which) {
    if (cache.diskOnlyPartitions() == 0 || !StorageLevel.fromString(storageLevel).useMemory()) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "--resident-tasks is not used: %,d of %s of the %s blocks (%s) are "
        + "on disk and not in memory, and the resident tasks would hold every block in the executors' heap, where "
        + "they do not fit; every pass runs as a Spark job (give Spark more memory, or --precision float32 for dense "
        + "features, to use them)", cache.diskOnlyPartitions(), Counts.of(cache.partitions(), "partition"), which,
        Counts.bytes(cache.diskBytes())));
  }
}
