package sparkdgd.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkdgd.output.HiddenSibling;
import sparkdgd.output.OutputDirectory;
import sparkdgd.output.WritableDirectory;

/**
 * A data output directory written all at once, like {@link OutputDirectory}: a Spark job writes its
 * part files into a hidden staging directory beside the target, the part files get stable names
 * ({@code part-00000.csv}, without Spark's job UUID, so the same data gives the same file names),
 * the small extra files are added, and the staging directory is put in the target's place ({@link HiddenSibling},
 * {@code Replacement}: an old output is deleted only once the new one stands; it had been deleted first).
 */
final class StagedDirectory {
  private static final Pattern SPARK_PART = Pattern.compile("part-(\\d+)-.*-c\\d+(\\..+)");

  private final FileSystem fs;
  private final Path target;
  private final boolean overwrite;

  private StagedDirectory(FileSystem fs, Path target, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.overwrite = overwrite;
  }

  /** Checks the target as {@link OutputDirectory#prepare} does (same messages). */
  static StagedDirectory prepare(Configuration conf, String uri, boolean overwrite) {
    Path target = OutputDirectory.prepare(conf, uri, overwrite, OutputDirectory.Writer.GENERATE).path();
    try {
      return new StagedDirectory(target.getFileSystem(conf), target, overwrite);
    } catch (IOException e) {
      throw sparkdgd.output.WritableDirectory.cannotBeChecked("--output " + uri, e, e.getMessage());
    }
  }

  Path path() {
    return target;
  }

  /** Writes the data into a staging directory given by URI; it must create that directory. */
  @FunctionalInterface
  interface DataWriter {
    void write(String stagingUri) throws IOException;
  }

  /**
   * Runs {@code writer}, renames its part files to {@code part-NNNNN.<extension>} (Parquet keeps its
   * codec suffix), adds {@code extras}, and moves everything into place. Returns the data file names.
   */
  List<String> write(DataWriter writer, String extension, Map<String, byte[]> extras) throws IOException {
    Path parent = target.getParent();
    if (parent != null) {
      WritableDirectory.create(fs, parent);
    }
    try (HiddenSibling sibling = HiddenSibling.of(fs, target, HiddenSibling.STAGING)) {
      Path staging = sibling.path();
      writer.write(staging.toString());
      List<String> names = new ArrayList<>();
      for (FileStatus f : fs.listStatus(staging)) {
        Matcher m = SPARK_PART.matcher(f.getPath().getName());
        if (f.isFile() && m.matches()) {
          String suffix = m.group(2).endsWith("." + extension) ? m.group(2) : "." + extension;
          String name = "part-" + m.group(1) + suffix;
          if (!fs.rename(f.getPath(), new Path(staging, name))) {
            throw new IOException("cannot rename " + f.getPath() + " to " + name);
          }
          names.add(name);
        }
      }
      names.sort(null);
      for (Map.Entry<String, byte[]> e : extras.entrySet()) {
        try (OutputStream out = fs.create(new Path(staging, e.getKey()), false)) {
          out.write(e.getValue());
        }
      }
      if (fs.exists(target) && !overwrite && fs.listStatus(target).length > 0) {
        throw sibling.keepBeside("the generated files");
      }
      sibling.replaceTarget(); // the old data deleted once the new is in its place (on object stores: marked first)
      return names;
    }
  }
}
