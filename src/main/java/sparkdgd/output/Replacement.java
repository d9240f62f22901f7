package sparkdgd.output;

import java.io.IOException;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Puts a finished file or directory in the place of an old one. A rename cannot replace a non-empty directory,
 * so the old one is first renamed aside (hidden, beside it), and deleted only once the new one is in place: if the
 * new one cannot be renamed in, the old one is renamed back, and at no point is either deleted before the other
 * stands. A crash between the two renames leaves both, hidden beside the target, and never neither. That holds
 * where a rename is one step (local, HDFS); on an object store a directory is moved as {@link ObjectStoreMove} says.
 */
public final class Replacement {
  /** What follows ".NAME" in the name of an old target moved aside: ".replaced-" and a UUID. */
  static final String ASIDE = ".replaced-";

  private Replacement() {}

  /**
   * Renames {@code staged} to {@code target}, replacing whatever is there; throws, with the old one kept, if not. On an
   * object store a staged directory is moved in file by file, marked unfinished until the end, and a failure leaves
   * the target marked, its old files gone ({@link ObjectStoreMove}).
   */
  public static void replace(FileSystem fs, Path staged, Path target) throws IOException {
    if (ObjectStoreMove.needed(fs) && fs.getFileStatus(staged).isDirectory()) {
      ObjectStoreMove.move(fs, staged, target);
      return;
    }
    Path aside = null;
    if (fs.exists(target)) {
      aside = new Path(target.getParent(), "." + target.getName() + ASIDE + UUID.randomUUID());
      if (!fs.rename(target, aside)) {
        throw new IOException("cannot move the old " + target + " aside to " + aside + "; nothing replaced");
      }
    }
    if (!fs.rename(staged, target)) {
      if (aside == null) {
        throw new IOException("cannot rename " + staged + " to " + target);
      }
      if (!fs.rename(aside, target)) {
        throw new IOException("cannot rename " + staged + " to " + target + ", nor the old one back from " + aside
            + ", where it is kept");
      }
      throw new IOException("cannot rename " + staged + " to " + target + "; the old one is left in place");
    }
    if (aside != null) {
      fs.delete(aside, true);
    }
  }
}
