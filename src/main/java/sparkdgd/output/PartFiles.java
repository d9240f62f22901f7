package sparkdgd.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.UsageError;

/**
 * The part files of a directory that Spark's writers filled, as the driver sees them. The tasks write the part files
 * and the driver only commits them: when the output is a path that each host has on its own disk (a driver-local
 * path given to a cluster of several hosts), the tasks' files stay on the executors' hosts, and the driver's commit
 * finds none of them and writes a {@code _SUCCESS} beside nothing. Spark reports no error, so the writer's callers
 * check for the part files before the output is renamed into place.
 */
public final class PartFiles {
  /** A part file: Spark's ({@code part-00000-...c000.csv}, Spark ML's {@code part-00000}), generate's. */
  static final Pattern NAME = Pattern.compile("part-\\d+.*");

  private PartFiles() {}

  /** Whether {@code dir} holds at least one part file; a missing directory holds none. */
  public static boolean any(FileSystem fs, Path dir) throws IOException {
    try {
      for (FileStatus f : fs.listStatus(dir)) {
        if (f.isFile() && NAME.matcher(f.getPath().getName()).matches()) {
          return true;
        }
      }
      return false;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /**
   * Refuses, unless each of {@code dirs} holds a part file, with {@link #unseen}: {@code what} names what the
   * executors wrote, {@code orElse} is a fix other than a shared file system ("" for none).
   */
  public static void require(FileSystem fs, List<Path> dirs, String output, String what, String orElse)
      throws IOException {
    for (Path dir : dirs) {
      if (!any(fs, dir)) {
        throw unseen(output, what, orElse);
      }
    }
  }

  /** "--output DIR: the executors wrote WHAT where the driver cannot see it ...; use a shared file system". */
  static UsageError unseen(String output, String what, String orElse) {
    return new UsageError("--output " + output + ": the executors wrote " + what + " where the driver cannot see "
        + "it (their part files did not reach the driver, which found only Spark's _SUCCESS marker), so nothing was "
        + "written; --output must be on a file system that the driver and every executor share (hdfs://, s3a://, or "
        + "a directory mounted at the same path on every host)" + orElse);
  }
}
