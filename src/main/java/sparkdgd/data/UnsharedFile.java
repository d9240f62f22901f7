package sparkdgd.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A local file that a task could not find though the driver can: a path on the driver's host only, such as a
 * driver-local {@code --data} given to a cluster of several hosts. The driver lists the file, the tasks fail to open
 * it, Spark retries each and aborts the job with the task's {@code FileNotFoundException}, which names the file but
 * not the fix.
 */
public final class UnsharedFile {
  /** The file in a FileNotFoundException's message: Hadoop's "File F does not exist", Java's "F (No such file ...)". */
  private static final List<Pattern> NAMED = List.of(Pattern.compile("File (\\S+) does not exist"),
      Pattern.compile("^(\\S+) \\(No such file or directory\\)"));
  /** How Spark's job abort quotes a task's exception when the exception itself did not come with it. */
  private static final String QUOTED = FileNotFoundException.class.getName() + ": ";

  private UnsharedFile() {}

  /**
   * The error for {@code e} when a task of it could not find a local file that the driver sees (asked of the file
   * system now, with {@code conf}); null otherwise.
   */
  public static InputError of(Configuration conf, Throwable e) {
    String file = missingFile(e);
    if (file == null) {
      return null;
    }
    try {
      Path p = new Path(file);
      FileSystem fs = p.getFileSystem(conf);
      if (!(fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) || !fs.exists(p)) {
        return null; // on a shared file system, or gone for the driver too: not a matter of hosts
      }
    } catch (IOException | IllegalArgumentException notAPath) {
      return null;
    }
    return InputError.of(file, "the executors cannot find this file, which the driver can read: a file the tasks "
        + "read must be visible to every executor, on a shared file system (hdfs://, s3a://, or the same path "
        + "mounted on every worker)");
  }

  /**
   * The file that a {@code FileNotFoundException} among {@code e} and its causes names, or that one of their messages
   * quotes (Spark's job abort quotes the task's exception: "... java.io.FileNotFoundException: File F does not
   * exist"); null if none.
   */
  static String missingFile(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      int quoted = m.indexOf(QUOTED);
      String text = t instanceof FileNotFoundException ? m : quoted < 0 ? null : m.substring(quoted + QUOTED.length());
      String file = text == null ? null : named(text);
      if (file != null) {
        return file;
      }
    }
    return null;
  }

  private static String named(String text) {
    int nl = text.indexOf('\n');
    String line = nl < 0 ? text : text.substring(0, nl);
    for (Pattern p : NAMED) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }
}
