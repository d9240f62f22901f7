package sparkdgd.data;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import sparkdgd.config.OptimizerKind;
import sparkdgd.config.UsageError;

/**
 * The widest model this driver can train, checked before anything of that width is allocated. A feature costs the
 * driver's heap bytes however sparse the data, beyond {@link #BASE_BYTES} of its own and Spark's: its name {@code xJ}
 * (a String and its bytes, about 53), the columns' means, deviations and scaling (about 50), the exact sums of the
 * spreads' pass before training, 3d wide (about 100), the optimizer's vectors, and for each task whose sums are in
 * this JVM at once (a local master's threads, which run in it; else Spark's result getters) a d-wide accumulator and
 * its result on the way ({@link #TASK_BYTES_PER_FEATURE}); L-BFGS holds ten pairs of vectors more
 * ({@link #LBFGS_BYTES_PER_FEATURE}). Measured in session 47 on {@code local[2]} with 20,000 sparse rows (the smallest
 * heap that trained, to about 32 MiB, against the width): gradient descent, Nesterov and mini-batches failed first in
 * the spreads' pass, at about 170 MiB + 287 bytes a feature (3e6 features: out of memory in 1,036 MiB, trained in
 * 1,061); L-BFGS in training, at about 90 MiB + 414 (2e6: out of memory in 864 MiB, trained in 896); near the edge a
 * run moves by 50-75 MiB with whether two tasks' results arrive together. The 256 bytes a feature of every run before
 * let 4,194,304 features through in 1 GiB, where every optimizer ran out of memory at 3e6. A count beyond the limit
 * is most often one mistyped index in a LIBSVM file, which made the model 2e9 features wide and had the driver grow
 * to 13 GB building names before it failed; the limit is relative to the heap so that data with millions of features
 * (legitimate, and the point of sparse input) trains on a driver with the memory for it. Above all, no count beyond
 * Java's largest array.
 */
public final class FeatureLimit {
  /** The driver's heap that is not the features': Spark's and this program's own, measured 90-170 MiB. */
  static final long BASE_BYTES = 192L << 20;
  /** What a feature costs the driver itself with gradient descent or Nesterov, in bytes (see the class comment). */
  static final long DRIVER_BYTES_PER_FEATURE = 204;
  /** What L-BFGS's pairs of vectors and line search add a feature. */
  static final long LBFGS_BYTES_PER_FEATURE = 128;
  /** A task's accumulator (3 doubles a feature in the spreads' pass) and its result, while in this JVM. */
  static final long TASK_BYTES_PER_FEATURE = 48;
  /** Spark's threads that take tasks' results in, by default ({@code spark.resultGetter.threads}). */
  static final int RESULT_GETTERS = 4;
  /** A local master's URL: {@code local}, {@code local[N]} or {@code local[*]}, the last two with {@code ,F} or not. */
  private static final Pattern LOCAL = Pattern.compile("local(?:\\[\\s*(\\*|\\d{1,6})\\s*(?:,\\s*\\d+\\s*)?\\])?");
  /** Java's largest array, a few elements short of {@code Integer.MAX_VALUE}. */
  static final int LARGEST_ARRAY = Integer.MAX_VALUE - 8;

  private final long heapBytes;
  private final long bytesPerFeature;
  private final String spentOn;

  private FeatureLimit(long heapBytes, long bytesPerFeature, String spentOn) {
    this.heapBytes = heapBytes;
    this.bytesPerFeature = bytesPerFeature;
    this.spentOn = spentOn;
  }

  /**
   * The limit of a driver whose heap may grow to {@code heapBytes}, training with {@code optimizer}, holding the sums
   * of {@code tasksAtOnce} tasks at a time.
   */
  static FeatureLimit forHeap(long heapBytes, OptimizerKind optimizer, int tasksAtOnce) {
    boolean lbfgs = optimizer == OptimizerKind.LBFGS;
    long perFeature = DRIVER_BYTES_PER_FEATURE + (lbfgs ? LBFGS_BYTES_PER_FEATURE : 0)
        + (long) tasksAtOnce * TASK_BYTES_PER_FEATURE;
    String spentOn = String.format(Locale.ROOT, "its name, statistics and exact sums, %s, and the sums of %d "
        + "task%s at once", lbfgs ? "L-BFGS's ten pairs of vectors" : "the optimizer's vectors", tasksAtOnce,
        tasksAtOnce == 1 ? "" : "s");
    return new FeatureLimit(heapBytes, perFeature, spentOn);
  }

  /**
   * The limit of this JVM, the driver of {@code jsc}, training with {@code optimizer}: a local master's tasks run in
   * it, as many at once as its threads allow ({@code spark.task.cpus} each); a cluster's send it their sums, taken in
   * by Spark's result getters.
   */
  public static FeatureLimit ofThisDriver(JavaSparkContext jsc, OptimizerKind optimizer) {
    int threads = localThreads(jsc.master(), Runtime.getRuntime().availableProcessors());
    int tasksAtOnce = threads > 0 ? threads / Math.max(1, jsc.getConf().getInt("spark.task.cpus", 1))
        : jsc.getConf().getInt("spark.resultGetter.threads", RESULT_GETTERS);
    return forHeap(Runtime.getRuntime().maxMemory(), optimizer, Math.max(1, tasksAtOnce));
  }

  /**
   * The threads of a local master ({@code local}: 1, {@code local[N]} and {@code local[N,F]}: N, {@code local[*]}:
   * {@code processors}), or 0 for any other (a cluster's; {@code local-cluster[...]}'s executors are JVMs of their
   * own). Not {@code defaultParallelism}, which is {@code spark.default.parallelism} when that is set.
   */
  static int localThreads(String master, int processors) {
    Matcher m = LOCAL.matcher(master.strip());
    if (!m.matches()) {
      return 0;
    }
    if (m.group(1) == null) {
      return 1;
    }
    return m.group(1).equals("*") ? processors : Integer.parseInt(m.group(1));
  }

  /** The most features this driver can hold. */
  public int maxFeatures() {
    return (int) Math.min(LARGEST_ARRAY, Math.max(0, heapBytes - BASE_BYTES) / bytesPerFeature);
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
    return String.format(Locale.ROOT, "at most %,d with its %,d MiB heap, at about %d bytes a feature (%s) beyond "
        + "%d MiB", maxFeatures(), heapBytes >> 20, bytesPerFeature, spentOn, BASE_BYTES >> 20);
  }
}
