package sparkdgd.output;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;
import sparkdgd.config.UsageError;

/**
 * The hidden file or directory beside a target ({@code .NAME.KIND-UUID}) that a write fills before {@link Replacement}
 * puts it in the target's place: the staging directory of an output, the temporary file of a checkpoint or of
 * {@code metrics.json}. It is deleted when the write ends, whichever way ({@link #close}), and, when a signal ends the
 * JVM in the middle of the write, by a shutdown hook on the way out: a Ctrl-C during predict had left
 * {@code .scored.staging-*} beside the output for the user to delete. The hook runs beside the main thread, which
 * goes on while the JVM shuts down: it waits for a replacement under way to end (and then leaves the new target),
 * and marks the sibling abandoned before deleting it, so that no replacement starts after (a half-deleted staging
 * directory renamed into the target's place, the old one deleted, would have been an output lost).
 */
public final class HiddenSibling implements AutoCloseable {
  /**
   * The hook's place among Hadoop's shutdown hooks, which run one after another, higher first: after Spark's (40),
   * which stops the SparkContext and with it the tasks writing into a staging directory, before the file-system
   * cache's (10), which closes the file systems.
   */
  static final int HOOK_PRIORITY = 30;
  private static final int HOOK_TIMEOUT_SECONDS = 10;
  /** The kind of an output's staging directory, whose leftovers {@link #of} tells. */
  public static final String STAGING = "staging";
  private static final Set<HiddenSibling> UNFINISHED = ConcurrentHashMap.newKeySet();
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
  /** Written under this; volatile for {@link #settleForSignal}, which reads it while a replacement holds the lock. */
  private volatile State state = State.WRITING;

  /**
   * REFUSED: a signal's notice said the target is left as it was ({@link #settleForSignal}), so it is not put in
   * place, and what was written is deleted as a WRITING one is; ABANDONED: the shutdown hook took it over.
   */
  private enum State { WRITING, REFUSED, REPLACING, IN_PLACE, ABANDONED }

  /** Whether a signal's notice has settled what the writes leave: a write begun after it is refused from the start. */
  private static volatile boolean settled;

  private HiddenSibling(FileSystem fs, Path target, Path path) {
    this.fs = fs;
    this.target = target;
    this.path = path;
  }

  /**
   * A new name beside {@code target}, {@code .NAME.KIND-UUID}; nothing is created there. For an output's
   * {@link #STAGING} directory, others already there are told on {@code System.err}, with their size: a process killed
   * outright ({@code kill -9}, the OOM killer) leaves its write behind, hidden, for no later run to mention (a review
   * found a 116 KB model and a predict's {@code _temporary/} so). They are not deleted: one may be another run's write
   * under way.
   */
  public static HiddenSibling of(FileSystem fs, Path target, String kind) {
    Path path = new Path(target.getParent(), "." + target.getName() + "." + kind + "-" + UUID.randomUUID());
    HiddenSibling sibling = new HiddenSibling(fs, target, path);
    if (settled && ShutdownHookManager.get().isShutdownInProgress()) {
      sibling.state = State.REFUSED; // the notice is out: nothing begun after it is put in place
    }
    UNFINISHED.add(sibling);
    if (kind.equals(STAGING)) { // an output's: a checkpoint's unfinished writes are removed by the next run's store
      java.util.List<Path> beside = beside(fs, target); // one listing for both (on S3 a request, and a slow one)
      for (String line : leftovers(fs, target, kind, beside)) {
        ERR.println("warning: " + line);
      }
      for (Path aside : movedAside(target, beside)) {
        ERR.println("warning: " + aside + " is an earlier output moved aside by a run stopped while it replaced "
            + target + " (--overwrite), before or while deleting it: delete it, or, if " + target + " is missing and "
            + "it is whole, move it back");
      }
    }
    return sibling;
  }

  /**
   * The writes of {@code kind} beside {@code target} this JVM has not started ({@code .NAME.KIND-*}), each as a line
   * naming it, its size and what to do; empty when there are none or they cannot be listed.
   */
  static java.util.List<String> leftovers(FileSystem fs, Path target, String kind) {
    return leftovers(fs, target, kind, beside(fs, target));
  }

  /** {@link #leftovers(FileSystem, Path, String)} among {@code beside}, the entries of the target's parent. */
  private static java.util.List<String> leftovers(FileSystem fs, Path target, String kind,
      java.util.List<Path> beside) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    try {
      for (Path p : othersBeside(target, kind, beside)) {
        long bytes = fs.getContentSummary(p).getLength();
        lines.add(String.format(java.util.Locale.ROOT, "%s (%s) is left from a write that did not finish (a "
            + "process killed outright), or is another run's write under way: delete it once no run is writing %s",
            p, Counts.bytes(bytes), target));
      }
    } catch (IOException | RuntimeException e) {
      // only a notice: the write goes on without it
    }
    return lines;
  }

  /**
   * The old outputs beside {@code target} that a replacement moved aside ({@code .NAME.replaced-*}, {@link
   * Replacement}) and a process stopped between its two renames left there, with or without the new one in place;
   * empty when there are none or they cannot be listed.
   */
  public static java.util.List<Path> movedAside(FileSystem fs, Path target) {
    return movedAside(target, beside(fs, target));
  }

  /** {@link #movedAside(FileSystem, Path)} among {@code beside}, the entries of the target's parent. */
  private static java.util.List<Path> movedAside(Path target, java.util.List<Path> beside) {
    return named(beside, "." + target.getName() + Replacement.ASIDE);
  }

  /** The entries of {@code target}'s parent, one listing; none when it is missing or cannot be listed (a notice). */
  private static java.util.List<Path> beside(FileSystem fs, Path target) {
    java.util.List<Path> found = new java.util.ArrayList<>();
    if (target.getParent() == null) {
      return found;
    }
    try {
      for (org.apache.hadoop.fs.FileStatus s : fs.listStatus(target.getParent())) {
        found.add(s.getPath());
      }
    } catch (IOException | RuntimeException e) {
      return java.util.List.of(); // a parent not there yet (FileNotFoundException), or not listable: nothing to tell
    }
    return found;
  }

  /** Those of {@code entries} whose names start with {@code prefix}. */
  private static java.util.List<Path> named(java.util.List<Path> entries, String prefix) {
    return entries.stream().filter(p -> p.getName().startsWith(prefix)).toList();
  }

  /** The hidden siblings of {@code kind} among {@code beside} ({@code .NAME.KIND-*}) that are not this JVM's. */
  private static java.util.List<Path> othersBeside(Path target, String kind, java.util.List<Path> beside) {
    return named(beside, "." + target.getName() + "." + kind + "-").stream()
        .filter(p -> UNFINISHED.stream().noneMatch(u -> u.path.getName().equals(p.getName()))).toList();
  }

  public Path path() {
    return path;
  }

  /**
   * Puts what was written here in the target's place ({@link Replacement#replace}); refused once the shutdown hook
   * has abandoned the write, the target left as it was.
   */
  public synchronized void replaceTarget() throws IOException {
    if (state == State.ABANDONED || state == State.REFUSED) {
      throw new IOException("the JVM is shutting down: " + target + " is left as it was");
    }
    state = State.REPLACING;
    try {
      Replacement.replace(fs, path, target);
      state = State.IN_PLACE;
    } finally {
      if (state == State.REPLACING) {
        state = State.WRITING; // not replaced: what is here is still to delete
      }
    }
  }

  /**
   * Keeps what was written here, when the target was filled by someone else meanwhile, under a visible name beside
   * it, {@code NAME-yyyyMMdd-HHmmssZ-XXXXXXXX} (the time in UTC, as model.json's createdAt; the last part this write's
   * own, so that two runs losing the same race in the same second keep apart), and says where in the error it returns
   * for the caller to throw: the work of a run that lost the race for its output is not thrown away. If that rename
   * fails, what was written stays here, named.
   *
   * @param what what was written, for the message ("this run's outputs")
   */
  public synchronized UsageError keepBeside(String what) throws IOException {
    if (state == State.ABANDONED || state == State.REFUSED) {
      throw new IOException("the JVM is shutting down: " + target + " is left as it was");
    }
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
    String name = path.getName();
    String own = name.substring(name.length() - 36, name.length() - 28); // the UUID's first eight hex digits
    Path kept = new Path(target.getParent(), target.getName() + "-" + stamp + "-" + own);
    state = State.IN_PLACE; // nothing here to delete: kept there, or, if the move fails, here
    boolean moved;
    String split = null; // why a move file by file stopped, leaving the outputs there, or in both places
    try {
      if (fs.exists(kept)) {
        moved = false;
      } else if (ObjectStoreMove.needed(fs) && fs.getFileStatus(path).isDirectory()) { // copied object by object
        try {
          ObjectStoreMove.move(fs, path, kept);
          moved = true;
        } catch (IOException | UsageError e) {
          split = e instanceof ObjectStoreMove.PartialMove partial ? partial.reason : e.getMessage();
          moved = false;
        }
      } else {
        moved = fs.rename(path, kept);
      }
    } catch (IOException e) { // HDFS throws where it may not rename (permissions): the outputs stay here
      moved = false;
    }
    String where;
    if (moved) {
      where = kept + " instead";
    } else if (split != null) {
      where = (stillThere(path) ? path + " (a hidden directory) and " : "") + kept + ", where moving them one by one "
          + "stopped (" + split + "), and which is marked unfinished (spark-dgd refuses to read it before its "
          + ObjectStoreMove.MARK + " file is deleted)";
    } else {
      where = path + " instead (a hidden directory: moving it to " + kept + " failed)";
    }
    return new UsageError(target + " was filled by another run meanwhile, so " + what + " are in " + where
        + "; move them where they belong, and give each run its own --output (or --overwrite)");
  }

  private boolean stillThere(Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Deletes what is left here: nothing once in place, and nothing to do once the hook has abandoned it (the file
   * systems may be closed by then).
   */
  @Override
  public void close() throws IOException {
    try {
      boolean left;
      synchronized (this) {
        left = state == State.WRITING || state == State.REFUSED;
      }
      if (left && fs.exists(path)) {
        fs.delete(path, true);
      }
    } finally {
      UNFINISHED.remove(this);
    }
  }

  /** The shutdown hook's work: every sibling whose write has not ended, deleted; the user is told of any left. */
  static void deleteUnfinished() {
    for (HiddenSibling sibling : UNFINISHED) {
      synchronized (sibling) { // after a replacement under way
        if (sibling.state == State.IN_PLACE) {
          UNFINISHED.remove(sibling);
          continue;
        }
        sibling.state = State.ABANDONED;
      }
      Path path = sibling.path;
      try {
        FileSystem fs = sibling.fs;
        if (fs.exists(path) && !fs.delete(path, true) && fs.exists(path)) {
          ERR.println("could not delete " + path + " on the way out: delete it");
        }
      } catch (IOException | RuntimeException failed) {
        ERR.println("could not delete " + path + " on the way out (" + failed.getMessage() + "): delete it");
      }
      UNFINISHED.remove(sibling);
    }
    ERR.flush();
  }

  /** What a signal leaves of the writes under way ({@link #settleForSignal}). */
  public enum Settled { LEFT_AS_THEY_WERE, BEING_PUT_IN_PLACE, IN_PLACE }

  /**
   * What a signal's notice may say of the writes under way, made true here (sparkdgd.cli.InterruptNotice): a write
   * being put in its target's place now is told so (its move holds its lock, so it is not waited for); any other,
   * and any begun after this, is refused, so that the main thread, which goes on while the JVM shuts down, cannot put
   * it in place after the notice said it is left as it was (it is deleted as an unfinished write is). A move that
   * started in between is waited for, and then told as in place.
   */
  public static Settled settleForSignal() {
    if (UNFINISHED.stream().anyMatch(sibling -> sibling.state == State.REPLACING)) { // no lock: the move holds it
      return Settled.BEING_PUT_IN_PLACE;
    }
    settled = true;
    boolean inPlace = false;
    for (HiddenSibling sibling : UNFINISHED) {
      synchronized (sibling) {
        if (sibling.state == State.WRITING) {
          sibling.state = State.REFUSED; // deleted by close() or the shutdown hook, never put in place
        } else if (sibling.state == State.IN_PLACE) {
          inPlace = true;
        }
      }
    }
    return inPlace ? Settled.IN_PLACE : Settled.LEFT_AS_THEY_WERE;
  }

  /** How many siblings' writes have not ended (tests). */
  static int unfinished() {
    return UNFINISHED.size();
  }
}
