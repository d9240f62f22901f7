package sparkdgd.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.UsageError;
import sparkdgd.data.InputUnreachable;

/**
 * Checks, before a command reads any data, that it will be able to write into a directory at the end: no directory
 * above it is a file, and a file can be created and deleted (a small hidden probe file) in it, or, while it is
 * missing, in the nearest directory above it that exists, where it would be created. Nothing is left behind, so a run
 * that then fails on its data leaves no directory of its own. Only trying tells, on any Hadoop file system (local,
 * HDFS, S3A): a read-only mount, a missing permission or a place like {@code /proc} show nothing wrong until written.
 */
public final class WritableDirectory {
  /** The start of the probe file's name: hidden, so that no reader takes it for data. */
  static final String PROBE_PREFIX = ".spark-dgd-write-probe-";

  private WritableDirectory() {}

  /**
   * Checks that {@code dir} (as the user typed it, for the messages; qualified on {@code fs}) can be written, without
   * creating it. Throws a {@link UsageError} "{@code flag value} cannot be written: why; choose another {@code flag}"
   * if not.
   */
  public static void require(FileSystem fs, Path dir, String flag, String value) {
    Path qualified = fs.makeQualified(dir);
    Path existing = nearestExisting(fs, qualified, dir, flag, value);
    Path probe = new Path(existing, PROBE_PREFIX + UUID.randomUUID());
    try {
      fs.create(probe, false).close();
    } catch (IOException e) {
      throw refusal(flag, value, "no file can be created in " + typed(fs, existing, dir) + " ("
          + withoutProbe(firstLine(e.getMessage()), probe) + ")");
    } finally {
      deleteQuietly(fs, probe);
    }
  }

  /**
   * {@code uri} as a Hadoop path for a command to create; a {@link UsageError} naming {@code flag} when it is none, or
   * when the name it creates holds a colon: Hadoop reads what comes before a colon as a scheme ({@code results-12:30}
   * is "results-12" then a relative path), and a directory holding such a name can no longer be listed by Hadoop or
   * Spark (HADOOP-3257): a later glob over it, ours included, would fail.
   */
  public static Path path(String flag, String uri) {
    Path path = null;
    try {
      path = new Path(uri);
    } catch (IllegalArgumentException e) {
      if (!uri.contains(":")) {
        throw new UsageError(flag + " " + uri + " is not a path Hadoop can use (" + firstLine(e.getMessage()) + ")");
      }
      // a relative path with a colon: refused below
    }
    String within = path != null ? path.getName() : uri; // a directory above that exists already is used as it is
    if (within.contains(":")) {
      String name = java.util.Arrays.stream(within.split("/")).filter(n -> n.contains(":")).findFirst().orElse(within);
      throw new UsageError(String.format("%s %s: Hadoop cannot use a name with a colon (it reads what comes before "
          + "the colon as a URI scheme, and a directory holding such a name can no longer be listed by Hadoop or "
          + "Spark); use another character, e.g. %s", flag, uri, name.replace(':', '-')));
    }
    return path;
  }

  /** The file system of {@code path}; for local paths the raw one, which writes no {@code .crc} files. */
  public static FileSystem fileSystem(Configuration conf, Path path) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
  }

  /** {@code mkdirs}, whose {@code false} (nothing created, no reason given) becomes an exception. */
  public static void create(FileSystem fs, Path dir) throws IOException {
    if (!fs.mkdirs(dir)) {
      throw new IOException("cannot create the directory " + dir);
    }
  }

  /**
   * What an I/O failure while checking {@code subject} (a flag and its path) is thrown as: an
   * {@link InputUnreachable} when its file system does not answer (exit code 1), else a {@link UsageError} quoting
   * {@code message}, with what to check where S3 refused ({@link sparkdgd.data.StoreRefusal}).
   */
  public static RuntimeException cannotBeChecked(String subject, IOException e, String message) {
    if (InputUnreachable.isUnreachable(e)) {
      return InputUnreachable.of(subject, e);
    }
    return new UsageError(subject + " cannot be checked: " + message + sparkdgd.data.StoreRefusal.hint(e));
  }

  /** The nearest of {@code dir} and the directories above it that exists; refused if it is a file. */
  private static Path nearestExisting(FileSystem fs, Path qualified, Path dir, String flag, String value) {
    Path p = qualified;
    while (true) {
      FileStatus status = null;
      try {
        status = fs.getFileStatus(p);
      } catch (FileNotFoundException | ParentNotDirectoryException e) {
        // missing: look further up
      } catch (IOException e) {
        throw cannotBeChecked(flag + " " + value, e, firstLine(e.getMessage()));
      }
      if (status != null && !status.isDirectory()) {
        throw refusal(flag, value, typed(fs, p, dir) + " is a file, not a directory");
      }
      if (status != null || p.getParent() == null) {
        return p;
      }
      p = p.getParent();
    }
  }

  /**
   * {@code p}, a directory at or above {@code dir}, as the user typed it: {@code dir}'s own form cut back to the
   * same level ({@code data/notes.csv}, not {@code file:/home/me/data/notes.csv}), else qualified.
   */
  private static String typed(FileSystem fs, Path p, Path dir) {
    Path t = dir;
    Path q = fs.makeQualified(t);
    while (!q.equals(p)) {
      Path up = t.getParent();
      if (up == null || fs.makeQualified(up).equals(q)) {
        return p.toString(); // above what was typed ("." is its own parent)
      }
      t = up;
      q = fs.makeQualified(up);
    }
    return t.toString().equals(".") ? p.toString() : t.toString();
  }

  private static UsageError refusal(String flag, String value, String why) {
    return new UsageError(flag + " " + value + " cannot be written: " + why + "; choose another " + flag);
  }

  private static void deleteQuietly(FileSystem fs, Path probe) {
    try {
      fs.delete(probe, false);
    } catch (IOException e) {
      // the probe was not created, or cannot be deleted: a hidden empty file, which no reader takes for data
    }
  }

  /** {@code reason} without the probe's own path, which names nothing the user made: "(No such file ...)" */
  private static String withoutProbe(String reason, Path probe) {
    String path = probe.toUri().getPath();
    int at = reason.indexOf(path);
    if (at < 0) {
      return reason;
    }
    String rest = (reason.substring(0, at) + reason.substring(at + path.length())).strip();
    return rest.startsWith("(") && rest.endsWith(")") ? rest.substring(1, rest.length() - 1) : rest;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no reason given";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
