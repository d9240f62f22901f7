package sparkdgd.cli;

import java.util.Locale;
import sparkdgd.config.BlockSize;

/**
 * The trainer's settings that give a task that ran out of memory less to hold. What fills a task's heap is the
 * partition it caches, or a block it builds whole ({@code --block-rows} x features x 8 bytes), large only with many
 * features. Measured on 5e6 x 10 Parquet in 5 partitions with a 700 MB local[2] driver, MEMORY_ONLY_SER and
 * MEMORY_AND_DISK_SER (which ran out of memory while caching, or while reading Parquet beside the cache):
 * --partitions 20, MEMORY_AND_DISK, DISK_ONLY and local[1] each let the run finish; --block-rows 1024 and
 * MEMORY_AND_DISK_SER did not. A user review's 3e7 x 10 Parquet in a 2 GB driver ran out of memory under both
 * serialized levels with 30 and with 60 partitions: for them the deserialized levels are told first. (Session 48
 * found why: Spark held a serialized cache in 1 MiB arrays, each taking 2 MiB of a heap below 8 GiB;
 * {@link sparkdgd.block.CacheSettings} now gives it smaller ones, and that run trains.) A CSV of 32768 features
 * (blocks of 1 GiB) in a 512 MB driver needs smaller blocks.
 *
 * @param storageLevel   --storage-level as given
 * @param partitionsFlag --partitions as given, 0 for automatic
 * @param blockRows      --block-rows, {@link BlockSize#AUTOMATIC} when not given
 * @param partitions     the partitions being cached, 0 before they were known
 * @param blockBytes     the bytes of a dense block as built, -1 before it was known or for sparse (LIBSVM) blocks
 */
record OutOfMemoryHint(String storageLevel, int partitionsFlag, int blockRows, int partitions, long blockBytes) {
  /** A block this large fills a task's heap by itself: below it, blocks are not what to make smaller. */
  static final long LARGE_BLOCK = 64L << 20;
  /** Our blocks' builders and classes: an innermost frame here is a block being built. */
  private static final String BUILDING = "sparkdgd.block.";
  /** Spark's block manager and memory store. */
  private static final String CACHING = "org.apache.spark.storage.";

  /**
   * The settings to append to the error of {@code e} ("; or ..."), "" for none: none for the driver's own thread
   * ({@code task} false: more driver memory, which the error says, is the fix). For a task: smaller partitions and
   * a level that keeps less in memory, unless a large block was being built when it ran out; smaller blocks when
   * they are large, or when nothing is known of them yet.
   */
  String of(OutOfMemoryError e, boolean task) {
    if (!task) {
      return "";
    }
    boolean large = blockBytes >= LARGE_BLOCK;
    StringBuilder hint = new StringBuilder();
    if (!(large && BUILDING.equals(innermost(e)))) {
      String level = storageLevel.toUpperCase(Locale.ROOT);
      String more = "more partitions (--partitions N above " + (partitions > 0 ? String.valueOf(partitions)
          : partitionsFlag > 0 ? String.valueOf(partitionsFlag)
              : "the automatic count, one per input split of up to 128 MiB") + ")";
      if (level.contains("_SER")) { // the level first: more partitions did not help a review's 30 times the data
        hint.append("; or store the blocks deserialized: --storage-level MEMORY_AND_DISK or DISK_ONLY (a serialized "
            + "level builds a partition's bytes in memory first, beside what the task reads); or ").append(more);
      } else {
        hint.append("; or give each task a smaller partition to cache: ").append(more)
            .append(levelHoldingLess(level));
      }
    }
    if (large) {
      hint.append(String.format(Locale.ROOT, "; or fewer rows per block (--block-rows, now %s): a task builds each "
          + "block whole, %s here (--block-rows x features x 8 bytes)",
          blockRows == BlockSize.AUTOMATIC ? "chosen by the features" : String.valueOf(blockRows), mib(blockBytes)));
    } else if (blockBytes < 0 && partitions == 0 && blockRows != BlockSize.AUTOMATIC) {
      // before the blocks were known (sparse ones are not large; automatic dense ones at most 16 MiB)
      hint.append("; or, with many features, fewer rows per block (--block-rows, now ").append(blockRows)
          .append("): a task builds each block whole, --block-rows x features x 8 bytes");
    }
    return hint.toString();
  }

  /**
   * The storage level that holds less of a partition in the heap while caching it than {@code level} does (a
   * deserialized one: serialized levels are told first, above).
   */
  private static String levelHoldingLess(String level) {
    if (level.startsWith("DISK_ONLY")) {
      return "";
    }
    return ", or --storage-level DISK_ONLY (no blocks kept in memory)";
  }

  /** Which of {@link #BUILDING} and {@link #CACHING} holds the innermost of their frames in {@code e}'s stack. */
  private static String innermost(OutOfMemoryError e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      String c = frame.getClassName();
      if (c.startsWith(BUILDING) || c.startsWith(CACHING)) {
        return c.startsWith(BUILDING) ? BUILDING : CACHING;
      }
    }
    return null;
  }

  private static String mib(long bytes) {
    return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
        : String.format(Locale.ROOT, "%d MiB", bytes >> 20);
  }
}
