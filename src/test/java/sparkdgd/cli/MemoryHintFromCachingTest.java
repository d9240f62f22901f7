package sparkdgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/**
 * The out-of-memory hint knows what the training job said of the blocks it caches ({@code caching}, on the listener
 * the command hands the job, which passes it on to the command's {@link BlocksToCache}): nothing before, then the
 * partitions and a dense block's bytes as said.
 */
class MemoryHintFromCachingTest {
  @Test
  void theHintHasThePartitionsAndBlockBytesTheJobSaid() {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    BlocksToCache blocks = new BlocksToCache();
    ConsoleProgress progress = new ConsoleProgress(quiet, quiet, 1, 5, 0, blocks);
    // before the job said anything: no partitions (0) and no block size (-1)
    assertEquals(new OutOfMemoryHint("MEMORY_ONLY", 8, 4096, 0, -1), blocks.memoryHint("MEMORY_ONLY", 8, 4096));
    long bytes = 4096L * 300 * Double.BYTES; // --block-rows x 300 features x 8 bytes
    progress.caching(7, bytes);
    assertEquals(new OutOfMemoryHint("DISK_ONLY", 0, 4096, 7, bytes), blocks.memoryHint("DISK_ONLY", 0, 4096));
    progress.caching(3, -1); // sparse blocks: their size is the data's
    assertEquals(new OutOfMemoryHint("MEMORY_ONLY", 0, 1024, 3, -1), blocks.memoryHint("MEMORY_ONLY", 0, 1024));
  }
}
