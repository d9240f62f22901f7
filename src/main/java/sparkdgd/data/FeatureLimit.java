package sparkdgd.data;

import java.util.Locale;
import sparkdgd.config.UsageError;

/**
 * The widest model this driver can hold, checked before anything of that width is allocated. A feature costs the
 * driver about {@link #DRIVER_BYTES_PER_FEATURE} = 256 bytes however sparse the data: its name {@code xJ} in the
 * model (a String and its bytes, about 60), the exact sum of its gradient as the partitions' sums are merged
 * ({@code ExactSum}: four parts in place and a count, 33 bytes; the spreads' pass is 3d wide, about 100), the
 * partitions' sums on their way to the driver (each added as its task ends and dropped, not all kept until the last:
 * 9 partitions' spreads held 648 MB more at 3e6 features when they were collected first; Spark's own copies of the
 * results in flight, not counted here, still ran 1-3 GB local-mode drivers out of memory there), and the
 * coefficient, gradient, scaling and optimizer vectors (8 bytes each). A count whose share
 * alone would fill the driver's heap ({@code Runtime.maxMemory}, set by {@code --driver-memory}) cannot train; it
 * is most often one mistyped index in a LIBSVM file, which made the model 2e9 features wide and had the driver
 * grow to 13 GB building names before it failed. The cap is relative to the heap so that data with millions of
 * features (legitimate, and the point of sparse input) trains on a driver with the memory for it: a 1 GiB heap
 * allows 4,194,304 features, an 8 GiB heap 33,554,432. Above all, no count beyond Java's largest array.
 */
public final class FeatureLimit {
  /** What one feature costs the driver, at least, in bytes (see the class comment). */
  static final long DRIVER_BYTES_PER_FEATURE = 256;
  /** Java's largest array, a few elements short of {@code Integer.MAX_VALUE}. */
  static final int LARGEST_ARRAY = Integer.MAX_VALUE - 8;

  private final long heapBytes;

  private FeatureLimit(long heapBytes) {
    this.heapBytes = heapBytes;
  }

  /** The limit of a driver whose heap may grow to {@code heapBytes}. */
  static FeatureLimit forHeap(long heapBytes) {
    return new FeatureLimit(heapBytes);
  }

  /** The limit of this JVM, the driver. */
  public static FeatureLimit ofThisDriver() {
    return forHeap(Runtime.getRuntime().maxMemory());
  }

  /** The most features this driver can hold. */
  public int maxFeatures() {
    return (int) Math.min(LARGEST_ARRAY, heapBytes / DRIVER_BYTES_PER_FEATURE);
  }

  /** Whether a model of {@code features} features fits. */
  public boolean allows(long features) {
    return features <= maxFeatures();
  }

  /** Refuses a {@code --num-features} beyond the limit, naming the flag. */
  public void checkGiven(int numFeatures) {
    if (!allows(numFeatures)) {
      throw new UsageError(String.format(Locale.ROOT, "--num-features %d is more features than this driver can "
          + "hold: %s; give the data's true feature count, or the driver more memory (--driver-memory)",
          numFeatures, why()));
    }
  }

  /**
   * The problem with a feature count of {@code features} inferred from an index in the data, for an error at the
   * place of that index: how to fix the line, or what to give instead.
   */
  public String inferredTooLarge(long features) {
    return inferredTooLarge(features, features);
  }

  /** As {@link #inferredTooLarge(long)}, for {@code index}, which makes {@code features} (one more when zero-based). */
  public String inferredTooLarge(long index, long features) {
    return String.format(Locale.ROOT, "index %d makes the model %,d features wide, more than this driver can hold: "
        + "%s; if the index is a mistake, fix the line, or give --num-features with the data's true feature count "
        + "(a line with a larger index is then an error, or skipped with --on-bad-record skip); if the data is "
        + "that wide, give the driver more memory (--driver-memory)", index, features, why());
  }

  /** The problem with a feature count taken from the size of a column's first vector, for an error at its file. */
  public String vectorTooLarge(String vectorCol, long size) {
    return String.format(Locale.ROOT, "the first vector of \"%s\" has size %,d, more features than this driver can "
        + "hold: %s; give --num-features with the data's true feature count, or the driver more memory "
        + "(--driver-memory)", vectorCol, size, why());
  }

  private String why() {
    return String.format(Locale.ROOT, "at most %,d with its %,d MiB heap, at about %d bytes a feature (its name, "
        + "coefficient, gradient sums and optimizer state)", maxFeatures(), heapBytes >> 20,
        DRIVER_BYTES_PER_FEATURE);
  }
}
