package sparkdgd.output;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.UsageError;

/**
 * One small file written whole or not at all: a hidden temporary file beside it, then {@link Replacement}. The
 * place is checked by {@link #prepare}, before the work whose result it holds; {@link #write} writes it at the end.
 */
public final class AtomicFile {
  private final FileSystem fs;
  private final Path target;
  private final boolean overwrite;

  private AtomicFile(FileSystem fs, Path target, boolean overwrite) {
    this.fs = fs;
    this.target = target;
    this.overwrite = overwrite;
  }

  /**
   * The flag that names the file, for messages: {@code name} ("--output"), what the command writes there
   * ("evaluate writes one JSON file") and the file's usual name ("metrics.json"), which an example of a fix ends in.
   */
  public record Flag(String name, String writes, String usualName) {}

  /**
   * Checks that {@code uri} can be written: it does not end with '/' (which names a directory, and Hadoop would drop
   * it and write a file of that name), the directory it goes in can be created and written ({@link WritableDirectory}),
   * and it is not a directory, nor an existing file unless {@code overwrite}. Throws a {@link UsageError} naming the
   * flag if not.
   */
  public static AtomicFile prepare(Configuration conf, String uri, Flag named, boolean overwrite) {
    String flag = named.name();
    if (uri.endsWith("/")) {
      throw new UsageError(String.format("%s %s ends with '/', a directory; %s: name the file, e.g. %s%s", flag, uri,
          named.writes(), uri, named.usualName()));
    }
    Path path = WritableDirectory.path(flag, uri);
    try {
      FileSystem fs = WritableDirectory.fileSystem(conf, path);
      if (path.getParent() != null) {
        WritableDirectory.require(fs, path.getParent(), flag, uri);
      }
      Path target = fs.makeQualified(path);
      if (fs.exists(target)) {
        if (fs.getFileStatus(target).isDirectory()) {
          throw new UsageError(flag + " " + uri + " is a directory; name a file");
        }
        if (!overwrite) {
          throw new UsageError(flag + " " + uri + " exists; pass --overwrite to replace it, or choose another "
              + flag);
        }
      }
      return new AtomicFile(fs, target, overwrite);
    } catch (IOException e) {
      throw WritableDirectory.cannotBeChecked(flag + " " + uri, e, e.getMessage());
    }
  }

  /** Writes {@code bytes} to the file; returns its qualified path. */
  public Path write(byte[] bytes) throws IOException {
    Path parent = target.getParent();
    WritableDirectory.create(fs, parent);
    if (!overwrite && fs.exists(target)) {
      throw new IOException(target + " was created by someone else meanwhile; nothing written");
    }
    try (HiddenSibling tmp = HiddenSibling.of(fs, target, "tmp")) {
      try (OutputStream out = fs.create(tmp.path(), false)) {
        out.write(bytes);
      }
      tmp.replaceTarget();
    }
    return target;
  }
}
