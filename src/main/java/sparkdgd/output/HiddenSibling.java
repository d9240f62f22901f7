package sparkdgd.output;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * The hidden file or directory beside a target ({@code .NAME.KIND-UUID}) that a write fills before {@link Replacement}
 * puts it in the target's place: the staging directory of an output, the temporary file of a checkpoint or of
 * {@code metrics.json}. It is deleted when the write ends, whichever way ({@link #close}), and, when a signal ends the
 * JVM in the middle of the write, by a shutdown hook on the way out: a Ctrl-C during predict had left
 * {@code .scored.staging-*} beside the output for the user to delete.
 */
public final class HiddenSibling implements AutoCloseable {
  /**
   * The hook's place among Hadoop's shutdown hooks, which run one after another, higher first: after Spark's (40),
   * which stops the SparkContext and with it the tasks writing into a staging directory, before the file-system
   * cache's (10), which closes the file systems.
   */
  static final int HOOK_PRIORITY = 30;
  private static final int HOOK_TIMEOUT_SECONDS = 10;
  private static final Map<Path, FileSystem> UNFINISHED = new ConcurrentHashMap<>();
  /** Taken before a signal's notice silences {@code System.err} (sparkdgd.cli.InterruptNotice). */
  private static final PrintStream ERR = System.err;

  static {
    // not when first used by a shutdown hook (a signalled run's last checkpoint): Hadoop refuses hooks then, and
    // that write's own close deletes what it leaves
    if (!ShutdownHookManager.get().isShutdownInProgress()) {
      try {
        ShutdownHookManager.get().addShutdownHook(HiddenSibling::deleteUnfinished, HOOK_PRIORITY,
            HOOK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (IllegalStateException shutdownStarted) {
        // the same, a moment later
      }
    }
  }

  private final FileSystem fs;
  private final Path target;
  private final Path path;

  private HiddenSibling(FileSystem fs, Path target, Path path) {
    this.fs = fs;
    this.target = target;
    this.path = path;
  }

  /** A new name beside {@code target}, {@code .NAME.KIND-UUID}; nothing is created there. */
  public static HiddenSibling of(FileSystem fs, Path target, String kind) {
    Path path = new Path(target.getParent(), "." + target.getName() + "." + kind + "-" + UUID.randomUUID());
    UNFINISHED.put(path, fs);
    return new HiddenSibling(fs, target, path);
  }

  public Path path() {
    return path;
  }

  /** Puts what was written here in the target's place ({@link Replacement#replace}). */
  public void replaceTarget() throws IOException {
    Replacement.replace(fs, path, target);
  }

  /** Deletes what is left here (nothing after {@link #replaceTarget}). */
  @Override
  public void close() throws IOException {
    try {
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
    } finally {
      UNFINISHED.remove(path);
    }
  }

  /** The shutdown hook's work: every sibling whose write has not ended, deleted; the user is told of any left. */
  static void deleteUnfinished() {
    for (Map.Entry<Path, FileSystem> e : UNFINISHED.entrySet()) {
      Path path = e.getKey();
      try {
        FileSystem fs = e.getValue();
        if (fs.exists(path) && !fs.delete(path, true) && fs.exists(path)) {
          ERR.println("could not delete " + path + " on the way out: delete it");
        }
      } catch (IOException | RuntimeException failed) {
        ERR.println("could not delete " + path + " on the way out (" + failed.getMessage() + "): delete it");
      }
      UNFINISHED.remove(path);
    }
    ERR.flush();
  }

  /** How many siblings' writes have not ended (tests). */
  static int unfinished() {
    return UNFINISHED.size();
  }
}
