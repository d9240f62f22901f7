package sparkdgd.cli;

import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.spark.sql.SparkSession;
import sparkdgd.config.Busy;
import sparkdgd.config.UsageError;
import sparkdgd.data.InputError;
import sparkdgd.data.InputUnreachable;
import sparkdgd.data.LineLocator;
import sparkdgd.data.ParquetSource;
import sparkdgd.data.UnsharedFile;
import sparkdgd.train.TrainingDivergedException;

/**
 * Turns any exception from a command, or an {@link OutOfMemoryError}, into one line on stderr and an exit code.
 * Looks through Spark's wrappers (a task's exception arrives as the cause of a SparkException) for our own errors.
 *
 * <p>Commands catch an OutOfMemoryError thrown on the driver's own thread as well (a model too wide, a collect
 * too large): by the time it reaches the command's catch, the frames that held what filled the heap are gone, so
 * that memory is garbage and one line can be printed. A task's OutOfMemoryError arrives as the cause of the job's
 * failure. In local mode Spark's executor would also end the JVM for it (exit code 52, after a stack trace, often
 * before this line is printed): {@link SparkSessions} turns that off for a local master, so the line is printed
 * and the exit code is 1.
 */
final class ErrorReport {
  private ErrorReport() {}

  /** The command's own settings that need less memory, for an error of a task ({@code task}) or the driver's thread. */
  @FunctionalInterface
  interface MemoryHint {
    /** The settings as a clause to append ("; or ..."), "" for none. */
    String of(OutOfMemoryError error, boolean task);
  }

  /** As {@link #report(Throwable, SparkSession, boolean, PrintStream, String, MemoryHint)}, the same hint for all. */
  static int report(Throwable e, SparkSession spark, boolean verbose, PrintStream err, String help,
      String memoryHint) {
    return report(e, spark, verbose, err, help, (error, task) -> memoryHint);
  }

  /**
   * Prints the error and returns its exit code; the stack trace only when {@code verbose}. A usage error points to
   * {@code help} (e.g. {@code "predict --help"}); {@code memoryHint}'s clause is appended when the driver or a task
   * ran out of memory.
   */
  static int report(Throwable e, SparkSession spark, boolean verbose, PrintStream err, String help,
      MemoryHint memoryHint) {
    if (InterruptNotice.signalled() && !verbose) {
      return ExitCode.FAILURE; // Ctrl-C or SIGTERM stopped Spark under the command: InterruptNotice has said so
    }
    WarningsRefused refused = find(e, WarningsRefused.class);
    if (refused != null) { // --fail-on-warning: the warnings are printed, nothing was written
      err.println("error: " + refused.getMessage());
      return ExitCode.WARNED;
    }
    Configuration conf = spark != null ? spark.sparkContext().hadoopConfiguration() : new Configuration();
    InputError input = find(e, InputError.class);
    if (input == null) { // before the Parquet reader's failures: a file it cannot find is not a corrupt one
      input = UnsharedFile.of(conf, e);
    }
    if (input == null) {
      input = ParquetSource.readFailure(e);
    }
    if (input == null) { // a task's read of a local file that was edited after Hadoop wrote its .crc
      ChecksumException checksum = find(e, ChecksumException.class);
      input = checksum == null ? null : InputError.checksumMismatch(checksum, null);
    }
    TrainingDivergedException diverged = find(e, TrainingDivergedException.class);
    UsageError usage = find(e, UsageError.class);
    RuntimeException cluster = find(e, ClusterUnavailableException.class);
    if (cluster == null) {
      cluster = find(e, InputUnreachable.class);
    }
    OutOfMemoryError memory = find(e, OutOfMemoryError.class);
    String diskFull = diskFull(e);
    Busy busy = find(e, Busy.class);
    String overLimit = resultsOverLimit(e);
    int code;
    if (input != null) {
      err.println("error: " + LineLocator.resolve(conf, input).getMessage());
      code = ExitCode.BAD_INPUT;
    } else if (diskFull != null) { // before a usage error: a checkpoint directory that "cannot be used" so
      err.println("error: " + diskFull);
      code = ExitCode.FAILURE;
    } else if (busy != null) {
      err.println("error: " + busy.getMessage());
      code = ExitCode.BUSY;
    } else if (usage != null) {
      err.println("error: " + usage.getMessage() + " (see " + help + ")");
      code = ExitCode.BAD_INPUT;
    } else if (cluster != null) {
      err.println("error: " + cluster.getMessage());
      code = ExitCode.FAILURE;
    } else if (memory != null) {
      err.println("error: " + (memory == e ? driverOutOfMemory(memory) : outOfMemory(memory,
          ParquetSource.failedFile(e))) + memoryHint.of(memory, memory != e));
      code = ExitCode.FAILURE;
    } else if (diverged != null) {
      err.println("error: training diverged: " + diverged.getMessage());
      code = ExitCode.FAILURE;
    } else if (resultLost(e)) {
      err.println("error: " + RESULT_LOST);
      code = ExitCode.FAILURE;
    } else if (overLimit != null) {
      err.println("error: " + overLimit);
      code = ExitCode.FAILURE;
    } else {
      err.println("error: " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage())
          + (verbose ? "" : " (run with --verbose for details)"));
      code = ExitCode.FAILURE;
    }
    if (verbose) {
      e.printStackTrace(err);
    }
    return code;
  }

  /**
   * What a job that failed with a task's result lost is told: Spark's result getter fetches large results (each
   * pass returns one array of the model's width per partition) into the driver's heap, and there it ran out of
   * memory (a review's million features in a 700 MB driver: two OutOfMemoryError traces of Spark's, then only
   * "TaskResultLost (result lost from block manager)").
   */
  static final String RESULT_LOST = "a task's result was lost on its way to the driver (Spark's TaskResultLost), "
      + "most often because the driver ran out of memory receiving the tasks' results (each pass returns an array "
      + "of the model's width from every partition; in local mode the cached blocks share that heap): give the "
      + "driver more memory (--driver-memory)";

  /** Whether {@code e} is a job that failed because a task's result was lost (not an error of the task's own). */
  static boolean resultLost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.apache.spark.SparkException && t.getMessage() != null
          && t.getMessage().contains("TaskResultLost")) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a job stopped by {@code spark.driver.maxResultSize} is told, with Spark's sizes, or null for another error:
   * every pass returns an array of the model's width from each partition, so a wide model over many partitions
   * reaches Spark's default limit of 1 GiB a pass (3e6 features' feature spreads, 32 partitions: 15 tasks' results
   * of 1035 MiB) whatever the driver's memory.
   */
  static String resultsOverLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      int at = m == null ? -1 : m.indexOf("Total size of serialized results");
      if (t instanceof org.apache.spark.SparkException && at >= 0 && m.contains("spark.driver.maxResultSize")) {
        return "one pass's results are more than Spark lets a driver receive (" + firstLine(m.substring(at))
            + "): each pass returns an array of the model's width from every partition; raise the limit (--conf "
            + "spark.driver.maxResultSize=4g, or 0 for none, with the driver memory to hold them) or use fewer "
            + "--partitions";
      }
    }
    return null;
  }

  /** The driver's own thread ran out of memory (the error is not a task's, wrapped by Spark): the settings. */
  static String driverOutOfMemory(OutOfMemoryError e) {
    return "the driver ran out of memory" + kind(e) + ": give it more memory (--driver-memory; in local "
        + "mode the tasks run in it too, on a cluster give them --executor-memory)";
  }

  /** What ran out of memory, and the settings that give more. */
  static String outOfMemory(OutOfMemoryError e, String file) {
    return "a task ran out of memory" + kind(e)
        + (file == null ? "" : " while reading " + file + "; a Parquet reader holds one row group (up to"
            + " parquet.block.size, 128 MB by default) per running task")
        + ": give Spark more memory (--driver-memory in local mode, --executor-memory on a cluster) or run"
        + " fewer tasks at once (fewer cores per executor, or local[1])";
  }

  /**
   * Which memory ran out, in brackets ({@code " (Java heap space)"}), or "" when the error does not say: the JVM
   * throws some without a message (a review's message read "(null)").
   */
  private static String kind(OutOfMemoryError e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? "" : " (" + firstLine(m) + ")";
  }

  /**
   * What a write that found no space left (or the user's quota spent) is told, or null for another failure. Hadoop's
   * local file system throws it as an {@link org.apache.hadoop.fs.FSError}, an Error that had escaped as a 39-line
   * trace (a review's output on a full disk), and Spark wraps a task's in TASK_WRITE_FAILED, which named only the
   * part file.
   */
  static String diskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      boolean quota = m != null && (m.contains("Disk quota exceeded") || m.contains("quota of") && m.contains(
          "is exceeded")); // HDFS: "The DiskSpace quota of /d is exceeded: quota = ..."
      if (m != null && (m.contains("No space left on device") || quota)) {
        return (quota ? "the disk quota is spent" : "no space left on the device")
            + " while writing (" + firstLine(m) + "); free space on the file system of --output (or of "
            + "--checkpoint-dir, or Spark's local directories, spark.local.dir), or write there elsewhere";
      }
    }
    return null;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
