package sparkdgd.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.UsageError;

/** One small file written whole or not at all: a hidden temporary file beside it, then {@link Replacement}. */
public final class AtomicFile {
  private AtomicFile() {}

  /**
   * Writes {@code bytes} to {@code uri}; an existing file is refused with a {@link UsageError} naming
   * {@code flag} unless {@code overwrite}. Returns the qualified path written.
   */
  public static Path write(Configuration conf, String uri, String flag, byte[] bytes, boolean overwrite)
      throws IOException {
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(conf);
    if (fs instanceof LocalFileSystem local) {
      fs = local.getRaw();
    }
    Path target = fs.makeQualified(path);
    if (fs.exists(target)) {
      if (fs.getFileStatus(target).isDirectory()) {
        throw new UsageError(flag + " " + uri + " is a directory; name a file");
      }
      if (!overwrite) {
        throw new UsageError(flag + " " + uri + " exists; pass --overwrite to replace it, or choose another " + flag);
      }
    }
    Path parent = target.getParent();
    fs.mkdirs(parent);
    Path tmp = new Path(parent, "." + target.getName() + ".tmp-" + UUID.randomUUID());
    try {
      try (OutputStream out = fs.create(tmp, false)) {
        out.write(bytes);
      }
      Replacement.replace(fs, tmp, target);
    } finally {
      if (fs.exists(tmp)) {
        fs.delete(tmp, false);
      }
    }
    return target;
  }
}
