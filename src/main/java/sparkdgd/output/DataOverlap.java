package sparkdgd.output;

import java.io.IOException;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobPattern;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.UsageError;
import sparkdgd.data.InputFiles;
import sparkdgd.plot.Charts;

/**
 * Refuses a path a command writes (its {@code --output}, its checkpoints) that is one it reads (the {@code --data},
 * a {@code --model}), holds it, or lies inside it (a model: inside one of its files). Written there, {@code
 * --overwrite} would delete what is read, and files written inside the data would be read as data by the next run.
 */
public final class DataOverlap {
  private DataOverlap() {}

  /** Refuses a {@code written} path (the value of {@code flag}) that is, holds or lies inside the {@code --data}. */
  public static void refuse(Configuration conf, String flag, String written, String data) {
    refuse(conf, flag, written, "--data", data, true);
  }

  /**
   * Refuses a {@code --checkpoint-dir} that is or lies inside the {@code --output}: the output is written last, all at
   * once, in place of that directory, so the checkpoints would make it look filled by someone else, or, with {@code
   * --overwrite}, be deleted with the old output.
   */
  public static void refuseCheckpointsInOutput(Configuration conf, String checkpointDir, String output) {
    Path checkpoints = qualified(conf, checkpointDir);
    Path out = qualified(conf, output);
    if (checkpoints != null && out != null && isSameOrInside(checkpoints, out)) {
      throw new UsageError("--checkpoint-dir " + checkpointDir + (checkpoints.equals(out) ? " is" : " is inside")
          + " the --output " + output + ", which is written at the end in place of what is there; choose a "
          + "--checkpoint-dir outside it, e.g. beside it");
    }
  }

  /** The files and directories training writes into a model's directory, which nothing else may replace. */
  static final Set<String> MODEL_FILES = Set.of(ModelJson.FILE_NAME, HistoryCsv.FILE_NAME, MetricsJson.FILE_NAME,
      Charts.LOSS_FILE, Charts.FIT_FILE, SparkMlModel.DIR_NAME);

  /**
   * Refuses a {@code written} path that is or holds what {@code readFlag} names (a model directory, or its
   * model.json), or that is or lies inside one of the model's own files or directories there (model.json,
   * history.csv, spark-model/, ...: {@link #MODEL_FILES}), also when {@code read} names the model.json. Any other file
   * in the directory, such as an earlier evaluation's, may be written again: the command reads the model's own files
   * by name.
   */
  public static void refuseReplacing(Configuration conf, String flag, String written, String readFlag,
      String read) {
    refuse(conf, flag, written, readFlag, read, false);
    Path out = qualified(conf, written);
    Path in = qualified(conf, read);
    if (in != null && in.getName().equals(ModelJson.FILE_NAME) && in.getParent() != null) {
      in = in.getParent(); // --model m/model.json: the model's directory is m
    }
    Path entry = out == null || in == null ? null : entryOf(in, out);
    FileStatus status = entry == null || !MODEL_FILES.contains(entry.getName()) ? null : statusOrNull(conf, entry);
    if (status != null) {
      throw new UsageError(flag + " " + written + " is inside the " + readFlag + " " + read + ": writing there would "
          + (entry.equals(out) ? "replace" : "change") + " its " + entry.getName() + (status.isDirectory() ? "/" : "")
          + "; choose another " + flag);
    }
  }

  /** The entry of the directory {@code dir} that is or holds {@code inner}, or null when {@code inner} is not inside. */
  private static Path entryOf(Path dir, Path inner) {
    for (Path p = inner; p != null; p = p.getParent()) {
      if (dir.equals(p.getParent())) {
        return p;
      }
    }
    return null;
  }

  /** The status of {@code p}, or null when it does not exist or cannot be reached (the command's checks say so). */
  private static FileStatus statusOrNull(Configuration conf, Path p) {
    try {
      return p.getFileSystem(conf).getFileStatus(p);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void refuse(Configuration conf, String flag, String written, String readFlag, String data,
      boolean orInside) {
    Path out = qualified(conf, written);
    // a name with pattern characters that exists as written is read as it is (InputFiles): so it is compared here
    String prefix = literalPrefix(data);
    String literal = !prefix.equals(data) && existsAsWritten(conf, data) ? data : prefix;
    Path in = qualified(conf, literal);
    if (out == null || in == null) {
      return;
    }
    if (isSameOrInside(in, out)) {
      throw new UsageError(flag + " " + written + (in.equals(out) && literal.equals(data) ? " is" : " holds") + " the " + readFlag + " " + data
          + ": writing there would replace it (with --overwrite, delete it); choose another " + flag);
    }
    boolean inside = literal.equals(data) ? isSameOrInside(out, in) : isMatchedOrInside(out, qualified(conf, data));
    if (orInside && inside) {
      throw new UsageError(flag + " " + written + " is inside the " + readFlag + " " + data
          + ": the next run would read its files as data; choose a " + flag + " outside it");
    }
  }

  /** Whether {@code data} names a file or directory as it is written (reachable), pattern characters and all. */
  private static boolean existsAsWritten(Configuration conf, String data) {
    Path path = qualified(conf, data);
    return path != null && statusOrNull(conf, path) != null;
  }

  /** The part of a glob before its first pattern character, cut back to a whole directory name. */
  static String literalPrefix(String pattern) {
    int first = pattern.length();
    for (char c : InputFiles.GLOB_CHARACTERS.toCharArray()) {
      int at = pattern.indexOf(c);
      if (at >= 0) {
        first = Math.min(first, at);
      }
    }
    if (first == pattern.length()) {
      return pattern;
    }
    int slash = pattern.lastIndexOf('/', first);
    return slash <= 0 ? "/" : pattern.substring(0, slash);
  }

  static boolean isSameOrInside(Path inner, Path outer) {
    for (Path p = inner; p != null; p = p.getParent()) {
      if (p.equals(outer)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code path} or a directory above it matches the glob {@code pattern}, component by component. */
  private static boolean isMatchedOrInside(Path path, Path pattern) {
    if (pattern == null) {
      return false;
    }
    String[] glob = pattern.toUri().getPath().split("/");
    for (Path p = path; p != null; p = p.getParent()) {
      String[] parts = p.toUri().getPath().split("/");
      if (parts.length == glob.length && java.util.Objects.equals(p.toUri().getScheme(), pattern.toUri().getScheme())
          && java.util.Objects.equals(p.toUri().getAuthority(), pattern.toUri().getAuthority())) {
        boolean all = true;
        for (int i = 0; i < parts.length && all; i++) {
          all = GlobPattern.compile(glob[i]).matcher(parts[i]).matches();
        }
        if (all) {
          return true;
        }
      }
    }
    return false;
  }

  /** The fully qualified path, or null when its file system cannot be reached (its own checks report that). */
  private static Path qualified(Configuration conf, String uri) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(conf);
      return fs.makeQualified(path);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
