package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The settings suggested for a task that ran out of memory, against the two measured failures (local[2]): caching
 * 5e6 x 10 Parquet in 5 partitions as MEMORY_ONLY_SER in a 700 MB driver, where --partitions 20, MEMORY_AND_DISK and
 * DISK_ONLY each let the run finish and --block-rows 1024 did not; and building the first block of a CSV of 32768
 * features, 4096 x 32768 x 8 bytes = 1 GiB, in a 512 MB driver, where only smaller blocks (or more memory) help. The
 * stacks are the tops of what those runs printed.
 */
class OutOfMemoryHintTest {
  private static StackTraceElement frame(String className) {
    return new StackTraceElement(className, "m", null, -1);
  }

  private static OutOfMemoryError ranOut(String... classes) {
    OutOfMemoryError e = new OutOfMemoryError("Java heap space");
    StackTraceElement[] stack = new StackTraceElement[classes.length];
    for (int i = 0; i < classes.length; i++) {
      stack[i] = frame(classes[i]);
    }
    e.setStackTrace(stack);
    return e;
  }

  private static final OutOfMemoryError CACHING = ranOut("java.nio.ByteBuffer",
      "org.apache.spark.util.io.ChunkedByteBufferOutputStream", "com.esotericsoftware.kryo.Kryo",
      "org.apache.spark.storage.memory.SerializedValuesHolder", "org.apache.spark.storage.memory.MemoryStore",
      "org.apache.spark.storage.BlockManager", "org.apache.spark.rdd.RDD");
  /** The same run's other failure: the heap the cache filled ran out in the Parquet reader. */
  private static final OutOfMemoryError READING = ranOut("org.apache.parquet.hadoop.ParquetFileReader",
      "org.apache.spark.sql.execution.datasources.FileScanRDD$$anon$1", "sparkdgd.data.ParquetSource$1",
      "org.apache.spark.storage.memory.MemoryStore");
  private static final OutOfMemoryError BUILDING = ranOut("sparkdgd.block.BlockBuilder",
      "sparkdgd.data.CsvSource$LinesToBlocks$1", "org.apache.spark.storage.memory.MemoryStore",
      "org.apache.spark.storage.BlockManager");

  private static final long TALL_BLOCK = 4096L * 10 * 8; // 320 KiB
  private static final long WIDE_BLOCK = 4096L * 32768 * 8; // 1 GiB

  private static String hint(String level, int partitionsFlag, int partitions, long blockBytes, OutOfMemoryError e) {
    return new OutOfMemoryHint(level, partitionsFlag, 4096, partitions, blockBytes).of(e, true);
  }

  @Test
  void smallBlocksFillingTheHeapAsTheyAreCachedGetSmallerPartitionsAndALevelThatHoldsLess() {
    String ser = "; or store the blocks deserialized: --storage-level MEMORY_AND_DISK or DISK_ONLY (a serialized "
        + "level builds a partition's bytes in memory first, beside what the task reads); or more partitions "
        + "(--partitions N above 5)";
    for (OutOfMemoryError e : new OutOfMemoryError[] {CACHING, READING, BUILDING}) {
      assertEquals(ser, hint("memory_only_ser", 0, 5, TALL_BLOCK, e), "wherever the full heap ran out");
    }
    assertEquals(ser, hint("MEMORY_AND_DISK_SER", 0, 5, TALL_BLOCK, CACHING));
    assertEquals("; or give each task a smaller partition to cache: more partitions (--partitions N above 5), or "
        + "--storage-level DISK_ONLY (no blocks kept in memory)", hint("MEMORY_AND_DISK", 0, 5, TALL_BLOCK, CACHING));
    assertEquals("; or give each task a smaller partition to cache: more partitions (--partitions N above 8)",
        hint("DISK_ONLY", 8, 8, TALL_BLOCK, CACHING), "nothing of it in memory");
  }

  @Test
  void aLargeBlockBeingBuiltGetsSmallerBlocksOnly() {
    String blocks = "; or fewer rows per block (--block-rows, now 4096): a task builds each block whole, 1.0 GiB here "
        + "(--block-rows x features x 8 bytes)";
    assertEquals(blocks, hint("MEMORY_AND_DISK", 0, 2, WIDE_BLOCK, BUILDING));
    assertEquals("; or give each task a smaller partition to cache: more partitions (--partitions N above 2), or "
        + "--storage-level DISK_ONLY (no blocks kept in memory)" + blocks,
        hint("MEMORY_AND_DISK", 0, 2, WIDE_BLOCK, CACHING), "large blocks filling the heap as they are cached");
  }

  @Test
  void beforeTheBlocksAreKnownEverythingForTheDriverNothing() {
    assertEquals("; or give each task a smaller partition to cache: more partitions (--partitions N above the "
        + "automatic count, one per input split of up to 128 MiB), or --storage-level DISK_ONLY (no blocks kept in "
        + "memory); or, with many features, fewer rows per block (--block-rows, now 4096): a task builds each block "
        + "whole, --block-rows x features x 8 bytes", hint("MEMORY_AND_DISK", 0, 0, -1, CACHING));
    assertEquals("; or give each task a smaller partition to cache: more partitions (--partitions N above 3), or "
        + "--storage-level DISK_ONLY (no blocks kept in memory)", hint("MEMORY_ONLY", 3, 3, -1, CACHING),
        "sparse blocks (LIBSVM): their size is the data's, not --block-rows x features");
    assertEquals("", new OutOfMemoryHint("MEMORY_ONLY", 0, 4096, 5, TALL_BLOCK).of(CACHING, false),
        "the driver's own thread: more driver memory");
  }
}
