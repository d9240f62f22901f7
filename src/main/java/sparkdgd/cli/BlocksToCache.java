package sparkdgd.cli;

/**
 * What the training job said of the blocks it is about to cache ({@link sparkdgd.train.ProgressListener#caching}),
 * kept by the command for the {@link OutOfMemoryHint} it adds when a task runs out of memory. Until the job says it,
 * nothing is known: 0 partitions, -1 bytes. Written and read on the driver's command thread.
 */
final class BlocksToCache {
  /** The partitions being cached, 0 until {@link #caching}. */
  private int partitions;
  /** The bytes of a dense block as built, -1 until {@link #caching} or for sparse blocks. */
  private long denseBlockBytes = -1;

  /**
   * As {@link sparkdgd.train.ProgressListener#caching}: {@code partitions} partitions of blocks of
   * {@code denseBlockBytes} bytes each as built, or -1 for sparse blocks.
   */
  void caching(int partitions, long denseBlockBytes) {
    this.partitions = partitions;
    this.denseBlockBytes = denseBlockBytes;
  }

  /** The settings that give a task that ran out of memory less to hold, with what is known of the blocks. */
  OutOfMemoryHint memoryHint(String storageLevel, int partitionsFlag, int blockRows) {
    return new OutOfMemoryHint(storageLevel, partitionsFlag, blockRows, partitions, denseBlockBytes);
  }
}
