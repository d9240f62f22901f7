package sparkdgd.output;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.UsageError;

/**
 * Puts a staged directory in its target's place on an object store (s3a://, gs://, wasb://, ...), whose rename of a
 * directory copies it object by object: a writer stopped in the middle left part of its output in place, unmarked, and
 * a training run read it without a word (a user review of S3: 178 of 300 part files). Here the target is marked
 * unfinished first, by a {@value #MARK} file in it, the staged files are moved in one by one, and the mark is deleted
 * last: until then a reader of the directory ({@code sparkdgd.data.InputFiles}, {@code SavedModel}) refuses it, as it
 * refuses one left so by a writer that never got to the end. An old target (--overwrite) is emptied after the mark is
 * written: on these stores its files cannot be kept aside without copying them all, and a write stopped after that
 * leaves the new files, marked, not the old.
 *
 * <p>Two writes into one target at once (a scheduler's retry beside a slow first attempt, both with --overwrite) had
 * shared that one mark: the first to end deleted it while the other still moved files in, or left both writes' files
 * mixed. So each write also has a mark of its own ({@value #MARK}-UUID), which the emptying of a later write deletes
 * first, then the earlier's files, and it notes each file it moves in (its path, length, and ETag or modification
 * time). A write that finds its own mark gone, before its next file or at the end, stops and fails, and marks the
 * target again if the files of its last rename, the only ones that can have landed after the other's emptying, are
 * there; a write that finds at the end anything but its own files leaves its marks and fails. Only a write that ends
 * with exactly its own files deletes the shared mark, and only if no other write's mark is there; a write puts the
 * shared mark back before each file if another's end deleted it. So a target holding two writes' files stays marked,
 * but for the moment between a write's last look at its mark and its next file landing, which its next look finds.
 */
public final class ObjectStoreMove {
  /**
   * The name of the file that marks a directory whose files are still being moved in, and how a write's own mark's
   * name starts (a dash and a UUID follow): Hadoop's readers skip names with an _.
   */
  public static final String MARK = "_UNFINISHED";
  /** The marker Spark's jobs (and train's output) end with, which readers other than spark-dgd wait for. */
  private static final String SUCCESS = "_SUCCESS";
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
   * Whether {@code dir} holds the mark of a write into it that has not finished: one look, not a listing. A store that
   * does not let this look (S3 answers a missing key with 403 without s3:ListBucket) is taken to hold none.
   */
  public static boolean marked(FileSystem fs, Path dir) throws IOException {
    try {
      return fs.exists(new Path(dir, MARK));
    } catch (java.nio.file.AccessDeniedException e) {
      return false;
    }
  }

  /** What a reader says of a directory holding {@code mark}, before its own fix. */
  public static String refusal(String mark) {
    return "holds " + mark + ", the mark of a write into it that has not finished: its files are being moved in one "
        + "by one (an object store), or the writer stopped before the end and it holds only part of them";
  }

  /**
   * Moves the files of the directory {@code staged} into {@code target}, marked unfinished until the last is in,
   * replacing what {@code target} held. If a move fails, {@code target} stays marked and this throws saying so; if
   * another write took the target over meanwhile, this one stops and throws, and marks the target again if some of
   * its files are among the other's.
   */
  static void move(FileSystem fs, Path staged, Path target) throws IOException {
    Path shared = new Path(target, MARK);
    Path own = new Path(target, MARK + "-" + UUID.randomUUID());
    if (fs.exists(target) && fs.getFileStatus(target).isFile() && !fs.delete(target, false)) {
      throw new IOException("cannot delete the old file " + target + "; nothing replaced");
    }
    writeMark(fs, own, staged);
    writeMark(fs, shared, staged);
    Map<String, String> moved = new HashMap<>();
    Map<String, String> last = Map.of(); // the files of the last rename: the only ones another write may have missed
    try {
      FileStatus[] old = fs.listStatus(target);
      Arrays.sort(old, Comparator.comparing((FileStatus f) -> !isOwnMark(f.getPath().getName()))); // marks first
      for (FileStatus f : old) { // another write's own mark first: it stops before its next file
        String name = f.getPath().getName();
        if (!name.equals(own.getName()) && !name.equals(MARK) && !fs.delete(f.getPath(), true)
            && fs.exists(f.getPath())) {
          throw new IOException("cannot delete the old " + f.getPath());
        }
      }
      for (FileStatus file : inMoveOrder(fs.listStatus(staged))) {
        if (file.getPath().getName().equals(SUCCESS)) {
          continue; // once the files are found whole and the marks are gone
        }
        if (!fs.exists(own)) {
          throw takenOver(fs, staged, target, own, last);
        }
        if (!fs.exists(shared)) { // another write ended and deleted it
          writeMark(fs, shared, staged);
        }
        Path in = new Path(target, file.getPath().getName());
        if (!fs.rename(file.getPath(), in)) {
          throw new IOException("cannot rename " + file.getPath() + " to " + in);
        }
        last = files(fs, target, in);
        moved.putAll(last);
      }
    } catch (IOException e) {
      throw new PartialMove(e, target, own.getName());
    }
    Map<String, String> found = files(fs, target, target);
    if (!found.containsKey(own.getName())) {
      throw takenOver(fs, staged, target, own, last);
    }
    boolean others = found.keySet().stream().anyMatch(n -> isOwnMark(n) && !n.equals(own.getName()));
    found.keySet().removeIf(n -> n.equals(MARK) || isOwnMark(n));
    if (!found.equals(moved)) {
      throw new UsageError("another write into " + target + " ran at the same time as this one (" + difference(found,
          moved) + "), so it may hold files of both: it is left marked by " + MARK + ", which spark-dgd refuses to "
          + "read; give each run its own --output, or write it again once the other has ended");
    }
    fs.delete(own, false);
    if (!others) {
      fs.delete(shared, false);
    }
    // last of all: a sensor that waits for _SUCCESS (a scheduler's, Spark's own readers) must not find it in a
    // directory still marked, or one a check has just found mixed (a review)
    Path success = new Path(staged, SUCCESS);
    if (fs.exists(success) && !fs.rename(success, new Path(target, SUCCESS))) {
      throw new IOException("cannot rename " + success + " to " + new Path(target, SUCCESS) + "; the other files of "
          + target + " are in place and whole, but readers that wait for " + SUCCESS + " will not see it: write it "
          + "again");
    }
    fs.delete(staged, true);
  }

  private static boolean isOwnMark(String name) {
    return name.startsWith(MARK + "-");
  }

  /** The first file where {@code found}, the target's files, differs from {@code moved}, this write's. */
  private static String difference(Map<String, String> found, Map<String, String> moved) {
    for (String path : new TreeSet<>(found.keySet())) {
      if (!moved.containsKey(path)) {
        return "it holds " + path + ", which this one did not write";
      }
      if (!moved.get(path).equals(found.get(path))) {
        return "its " + path + " is not the file this one moved in";
      }
    }
    return new TreeSet<>(moved.keySet()).stream().filter(p -> !found.containsKey(p)).findFirst()
        .map(p -> p + ", which this one moved in, is gone").orElse("");
  }

  /**
   * The files at or under {@code path}, a file or directory in {@code target}, each by its path in {@code target} with
   * what tells it from another file of that path: its length, and its ETag where the store gives one (the same from a
   * listing as from a look at the file, where a time may not be), else its modification time.
   */
  private static Map<String, String> files(FileSystem fs, Path target, Path path) throws IOException {
    Map<String, String> files = new HashMap<>();
    String targetPath = fs.makeQualified(target).toUri().getPath();
    int root = targetPath.length() + (targetPath.endsWith("/") ? 0 : 1);
    FileStatus[] statuses;
    try {
      statuses = fs.listStatus(path); // a file's own status, or a directory's entries
    } catch (java.io.FileNotFoundException e) {
      return files; // deleted by another write's emptying as soon as it came in: the next look at the mark finds it
    }
    for (FileStatus f : statuses) {
      if (f.isDirectory()) {
        files.putAll(files(fs, target, f.getPath()));
      } else {
        String etag = f instanceof EtagSource e ? e.getEtag() : null;
        files.put(f.getPath().toUri().getPath().substring(root), f.getLen() + " " + (etag != null ? etag
            : f.getModificationTime()));
      }
    }
    return files;
  }

  /**
   * The error of a write whose mark another write deleted, and with it the files this one had moved in. Only those of
   * its last rename, which ran after its last look at its mark, can have landed after that emptying: if they are there
   * the target may hold files of both, and is marked again.
   */
  private static UsageError takenOver(FileSystem fs, Path staged, Path target, Path own, Map<String, String> last)
      throws IOException {
    Map<String, String> found = files(fs, target, target);
    boolean mixed = last.entrySet().stream().anyMatch(f -> f.getValue().equals(found.get(f.getKey())));
    if (mixed) {
      writeMark(fs, own, staged);
      writeMark(fs, new Path(target, MARK), staged);
    }
    return new UsageError("another write into " + target + " began while this one moved its files in (it deleted "
        + "this one's mark, " + own.getName() + "), so this one stopped: " + (mixed ? "it may hold files of both, and "
        + "is marked again, which spark-dgd refuses to read; " : "it holds what that write put there; ")
        + "give each run its own --output, or write it again once the other has ended");
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
      super(cause.getMessage() + "; " + target + " holds part of this write, marked by its " + MARK + " and " + mark
          + " files, which spark-dgd refuses to read: write it again", cause);
      this.reason = cause.getMessage();
    }
  }

  /**
   * {@code files} with the names that start with _ last, {@code _SUCCESS} the very last: a store lists names in byte
   * order, _ before the part files' letters, and a reader that waits for {@code _SUCCESS} (Spark's jobs, a
   * scheduler's sensor), which does not see the mark, must not find it before the data. ({@link #move} moves
   * {@code _SUCCESS} later still, once the marks are deleted.)
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
        + "stopped before the end: write the directory again.%n", staged, host, UtcTime.now());
  }
}
