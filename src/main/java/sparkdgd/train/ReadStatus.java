package sparkdgd.train;

/**
 * How far a long pass over the input has got, {@code seconds} after it started: the first pass, which reads and
 * caches it, or the one before that finds a LIBSVM input's number of features ({@link Pass}). The counts are those of the tasks
 * that ended and of the tasks still running as their executors last reported them.
 *
 * @param readDone         the tasks that read the input (partitions of the pass, or the input's splits when the pass
 *                         caches its blocks in a later stage) that have finished, ...
 * @param readTasks        ... of these
 * @param records          the records (text lines, Parquet rows) read from the input
 * @param bytes            the bytes read from the input (compressed bytes of a compressed file); -1 when they were not
 *                         counted (Parquet: {@link ReadWatch.InputKind})
 * @param inputBytes       the input files' size, -1 when the pass need not read all of them (Parquet reads only the
 *                         columns it needs)
 * @param cacheDone        the partitions of the cached blocks built in a later stage than the reading that have
 *                         finished, ...
 * @param cachePartitions  ... of these; 0 when the blocks are built where the input is read (or not cached)
 * @param cacheRecords     the records that later stage has taken in from the reading one; -1 when they are blocks of
 *                         rows, not rows ({@code --shuffle-rows}: {@link #rowsShuffled})
 * @param pass             which pass
 */
public record ReadStatus(int readDone, int readTasks, long records, long bytes, long inputBytes, int cacheDone,
    int cachePartitions, long cacheRecords, double seconds, Pass pass) {
  /** The passes over the input that the trainer reports while they run long. */
  public enum Pass {
    /** The first pass, which reads, parses and caches the input. */
    READ,
    /** The pass before, over a LIBSVM input without --num-features, which finds its largest index. */
    FEATURE_COUNT
  }

  /** The status of a {@link Pass#READ}. */
  public ReadStatus(int readDone, int readTasks, long records, long bytes, long inputBytes, int cacheDone,
      int cachePartitions, long cacheRecords, double seconds) {
    this(readDone, readTasks, records, bytes, inputBytes, cacheDone, cachePartitions, cacheRecords, seconds, Pass.READ);
  }

  /** This status of a pass whose later stage takes in shuffled blocks of rows, whose count says nothing. */
  public ReadStatus rowsShuffled() {
    return new ReadStatus(readDone, readTasks, records, bytes, inputBytes, cacheDone, cachePartitions, -1, seconds,
        pass);
  }

  /** This status, of {@code other}. */
  public ReadStatus of(Pass other) {
    return new ReadStatus(readDone, readTasks, records, bytes, inputBytes, cacheDone, cachePartitions, cacheRecords,
        seconds, other);
  }
}
