package sparkdgd.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Columns held in folder names, as Spark and Hive partition data ({@code df.write.partitionBy("grp")} writes
 * {@code grp=0/part-0.parquet}): the trainer reads the files' own columns only (each file as it is named, so that a
 * folder is no column), so such a column was left out without a word, and {@code --features a,grp} said "grp is not
 * among the columns". Named on the "Not read:" line instead, with why.
 */
final class PartitionFolders {
  /** A folder named {@code name=value}: Hive's partition layout. */
  private static final Pattern NAME_VALUE = Pattern.compile("([^=]+)=([^=]*)");

  private PartitionFolders() {}

  /**
   * The columns the folders above {@code files} name ({@code grp=0/}), outermost first, but for those in
   * {@code read} (a file's own column of that name), each as "name (why)" for the "Not read:" line.
   */
  static List<String> unread(List<FileStatus> files, List<String> read) {
    Map<String, String> seen = new LinkedHashMap<>(); // column -> a folder that names it
    for (FileStatus f : files) {
      for (Map.Entry<String, String> e : named(f.getPath()).entrySet()) {
        if (!read.contains(e.getKey())) {
          seen.putIfAbsent(e.getKey(), e.getValue());
        }
      }
    }
    List<String> unread = new ArrayList<>();
    seen.forEach((column, folder) -> unread.add(column + " (in the folder names, " + folder + "/...: Spark's "
        + "partitioning; only the files' own columns are read)"));
    return unread;
  }

  /**
   * What to add to "column ... is not among the columns" when {@code column} names a folder above {@code file}, the
   * file the columns come from; "" otherwise.
   */
  static String hint(String file, String column) {
    String folder = named(new Path(file)).get(column);
    return folder == null ? "" : String.format("; \"%s\" is in the folder names (%s/...): Spark's partitioning, while "
        + "only the files' own columns are read", column, folder);
  }

  /** The columns the folders above {@code file} name, outermost first, each with the first folder naming it. */
  private static Map<String, String> named(Path file) {
    List<String> folders = new ArrayList<>();
    for (Path p = file.getParent(); p != null && !p.isRoot(); p = p.getParent()) {
      folders.add(0, p.getName());
    }
    Map<String, String> named = new LinkedHashMap<>();
    for (String folder : folders) {
      Matcher m = NAME_VALUE.matcher(folder);
      if (m.matches()) {
        named.putIfAbsent(m.group(1), folder);
      }
    }
    return named;
  }
}
