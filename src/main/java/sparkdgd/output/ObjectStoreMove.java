package sparkdgd.output;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.UsageError;

/**
 * Puts a staged directory in its target's place on an object store (s3a://, gs://, wasb://, ...), whose rename of a
 * directory copies it object by object: a writer stopped in the middle left part of its output in place, unmarked, and
 * a training run read it without a word (a user review of S3: 178 of 300 part files). Here the target is marked
 * unfinished first, by a {@value #MARK} file in it, the staged files are moved in one by one, and the mark is deleted
 * last: until then a reader of the directory ({@code sparkdgd.data.InputFiles}) refuses it, as it refuses one left so
 * by a writer that never got to the end. An old target (--overwrite) is emptied after the mark is written: on these
 * stores its files cannot be kept aside without copying them all, and a write stopped after that leaves the new
 * files, marked, not the old.
 *
 * <p>Each write has a mark of its own ({@value #MARK}-UUID), and deletes only its own at the end, after finding the
 * target holding its mark and exactly the files it moved in: two writes into one target at once (a scheduler's retry
 * beside a slow first attempt, both with --overwrite) had shared one mark, and the first to end deleted it while
 * the other still moved files in, or left both writes' files mixed. Now the later write's emptying deletes the
 * earlier's mark and files; the earlier, finding its mark gone before its next file or at the end, stops and fails
 * (marking the target again if some of its files came in after the emptying), and a write that finds at the end files
 * not its own, or its own gone, leaves its mark and fails. So a target holding two writes' files stays marked, but
 * for the moment between a write's last look at its mark and its next file's rename landing, which the next look or
 * the other write's own end finds.
 */
public final class ObjectStoreMove {
  /**
   * How the name of a file that marks a directory whose files are still being moved in starts (a write's own mark
   * adds a dash and a UUID; an older spark-dgd's was this name alone): Hadoop's readers skip names with an _.
   */
  public static final String MARK = "_UNFINISHED";
  /** The schemes of the object stores Hadoop knows, where a directory's rename is a copy of each object. */
  private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "s3n", "gs", "oss", "cosn", "obs", "wasb",
      "wasbs", "abfs", "abfss"); // abfs: atomic only with a hierarchical namespace, which a client cannot rely on

  private ObjectStoreMove() {}

  /** Whether {@code fs} renames a directory object by object, so that a staged directory is moved in so. */
  public static boolean needed(FileSystem fs) {
    String scheme = fs.getUri().getScheme();
    return scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(Locale.ROOT));
  }

  /**
   * Moves the files of the directory {@code staged} into {@code target}, marked unfinished until the last is in,
   * replacing what {@code target} held. If a move fails, {@code target} stays marked and this throws saying so; if
   * another write took the target over meanwhile, this one stops and throws, and marks the target again if some of
   * its files are among the other's.
   */
  static void move(FileSystem fs, Path staged, Path target) throws IOException {
    Path mark = new Path(target, MARK + "-" + UUID.randomUUID());
    if (fs.exists(target) && fs.getFileStatus(target).isFile() && !fs.delete(target, false)) {
      throw new IOException("cannot delete the old file " + target + "; nothing replaced");
    }
    writeMark(fs, mark, staged);
    Set<String> moved = new HashSet<>();
    try {
      for (FileStatus old : fs.listStatus(target)) { // another write's mark too: that write finds it gone and stops
        if (!old.getPath().getName().equals(mark.getName()) && !fs.delete(old.getPath(), true)) {
          throw new IOException("cannot delete the old " + old.getPath());
        }
      }
      for (FileStatus file : inMoveOrder(fs.listStatus(staged))) {
        if (!fs.exists(mark)) {
          throw takenOver(fs, staged, target, mark, moved);
        }
        Path in = new Path(target, file.getPath().getName());
        if (!fs.rename(file.getPath(), in)) {
          throw new IOException("cannot rename " + file.getPath() + " to " + in);
        }
        moved.add(in.getName());
      }
    } catch (IOException e) {
      throw new PartialMove(e, target, mark.getName());
    }
    Set<String> found = new HashSet<>();
    boolean marked = false;
    for (FileStatus f : fs.listStatus(target)) {
      String name = f.getPath().getName();
      marked |= name.equals(mark.getName());
      if (!name.startsWith(MARK)) {
        found.add(name);
      }
    }
    if (!marked) {
      throw takenOver(fs, staged, target, mark, moved);
    }
    if (!found.equals(moved)) {
      String foreign = found.stream().filter(n -> !moved.contains(n)).sorted().findFirst().map(n -> "it holds " + n
          + ", which this one did not write").orElseGet(() -> moved.stream().filter(n -> !found.contains(n)).sorted()
          .findFirst().map(n -> n + ", which this one moved in, is gone").orElseThrow());
      throw new UsageError("another write into " + target + " ran at the same time as this one (" + foreign
          + "), so it may hold files of both: it is left marked by "
          + mark.getName() + ", which spark-dgd refuses to read; give each run its own --output, or write it again "
          + "once the other has ended");
    }
    fs.delete(mark, false);
    fs.delete(staged, true);
  }

  /**
   * The error of a write whose mark another write deleted, emptying the target to move its own files in: if any of
   * this write's files are still there, moved in after that, the target holds files of both, and is marked again.
   */
  private static UsageError takenOver(FileSystem fs, Path staged, Path target, Path mark, Set<String> moved)
      throws IOException {
    boolean mixed = false;
    for (String name : moved) {
      mixed |= fs.exists(new Path(target, name));
    }
    if (mixed) {
      writeMark(fs, mark, staged);
    }
    return new UsageError("another write into " + target + " began while this one moved its files in (it deleted "
        + "this one's mark, " + mark.getName() + "), so this one stopped: " + (mixed ? "it may hold files of both, and "
        + "is marked again, which spark-dgd refuses to read; " : "it holds the other's files; ") + "give each run its "
        + "own --output, or write it again once the other has ended");
  }

  private static void writeMark(FileSystem fs, Path mark, Path staged) throws IOException {
    try (OutputStream out = fs.create(mark, true)) {
      out.write(markText(staged).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A move that stopped partway: the target holds some files, marked unfinished; the staged directory the rest. */
  static final class PartialMove extends IOException {
    /** What stopped it. */
    final String reason;

    PartialMove(IOException cause, Path target, String mark) {
      super(cause.getMessage() + "; " + target + " holds part of this write, marked by its " + mark + " file, which "
          + "spark-dgd refuses to read: write it again", cause);
      this.reason = cause.getMessage();
    }
  }

  /**
   * {@code files} with the names that start with _ last, {@code _SUCCESS} the very last: a store lists names in byte
   * order, _ before the part files' letters, and a reader that waits for {@code _SUCCESS} (Spark's jobs, a
   * scheduler's sensor), which does not see the mark, must not find it before the data.
   */
  static java.util.List<FileStatus> inMoveOrder(FileStatus[] files) {
    return java.util.Arrays.stream(files).sorted(java.util.Comparator.comparingInt((FileStatus f) -> {
      String name = f.getPath().getName();
      return name.equals("_SUCCESS") ? 2 : name.startsWith("_") ? 1 : 0;
    })).toList();
  }

  /** What the mark says to someone who opens it. */
  private static String markText(Path staged) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "an unknown host";
    }
    return String.format(Locale.ROOT, "spark-dgd is moving the files of %s into this directory (from %s, started %s)."
        + " Until this file is gone the directory holds only part of that write; if no such write is running, it "
        + "stopped before the end: write the directory again.%n", staged, host, Instant.now());
  }
}
