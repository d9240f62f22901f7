package sparkdgd.output;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Puts a staged directory in its target's place on an object store (s3a://, gs://, wasb://, ...), whose rename of a
 * directory copies it object by object: a writer stopped in the middle left part of its output in place, unmarked, and
 * a training run read it without a word (a user review of S3: 178 of 300 part files). Here the target is marked
 * unfinished first, by a {@value #MARK} file in it, the staged files are moved in one by one, and the mark is deleted
 * last: until then a reader of the directory ({@code sparkdgd.data.InputFiles}) refuses it, as it refuses one left so
 * by a writer that never got to the end. An old target (--overwrite) is emptied after the mark is written: on these
 * stores its files cannot be kept aside without copying them all, and a write stopped after that leaves the new
 * files, marked, not the old.
 */
public final class ObjectStoreMove {
  /** The file that marks a directory whose files are still being moved in: Hadoop's readers skip names with an _. */
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
   * replacing what {@code target} held. If a move fails, {@code target} stays marked and this throws saying so.
   */
  static void move(FileSystem fs, Path staged, Path target) throws IOException {
    Path mark = new Path(target, MARK);
    if (fs.exists(target) && fs.getFileStatus(target).isFile() && !fs.delete(target, false)) {
      throw new IOException("cannot delete the old file " + target + "; nothing replaced");
    }
    try (OutputStream out = fs.create(mark, true)) {
      out.write(markText(staged).getBytes(StandardCharsets.UTF_8));
    }
    try {
      for (FileStatus old : fs.listStatus(target)) {
        if (!old.getPath().getName().equals(MARK) && !fs.delete(old.getPath(), true)) {
          throw new IOException("cannot delete the old " + old.getPath());
        }
      }
      for (FileStatus file : inMoveOrder(fs.listStatus(staged))) {
        Path in = new Path(target, file.getPath().getName());
        if (!fs.rename(file.getPath(), in)) {
          throw new IOException("cannot rename " + file.getPath() + " to " + in);
        }
      }
    } catch (IOException e) {
      throw new IOException(e.getMessage() + "; " + target + " holds part of this write, marked by its " + MARK
          + " file, which spark-dgd refuses to read: write it again", e);
    }
    fs.delete(mark, false);
    fs.delete(staged, true);
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
