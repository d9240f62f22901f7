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
      List<String> folders = new ArrayList<>();
      for (Path p = f.getPath().getParent(); p != null && !p.isRoot(); p = p.getParent()) {
        folders.add(0, p.getName());
      }
      for (String folder : folders) {
        Matcher m = NAME_VALUE.matcher(folder);
        if (m.matches() && !read.contains(m.group(1))) {
          seen.putIfAbsent(m.group(1), folder);
        }
      }
    }
    List<String> unread = new ArrayList<>();
    seen.forEach((column, folder) -> unread.add(column + " (in the folder names, " + folder + "/...: Spark's "
        + "partitioning; only the files' own columns are read)"));
    return unread;
  }
}
