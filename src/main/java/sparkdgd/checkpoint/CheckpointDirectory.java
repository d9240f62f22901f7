package sparkdgd.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.UsageError;
import sparkdgd.output.WritableDirectory;

/**
 * The {@code --checkpoint-dir}, opened at the start of training, before any data is read: not a file, and writable
 * ({@link WritableDirectory}), so that a bad one fails the run at once, not at its first checkpoint. Then, still
 * before the data is read, the run creates it and holds it ({@link #prepare}); the {@link CheckpointStore} that writes
 * there is made once the data's fingerprint is known.
 *
 * @param fs      its file system (the raw one for local paths: no .crc files)
 * @param path    its qualified path
 * @param uri     as given, for messages
 * @param existed whether it was there before it was opened (a new one, with --resume, is often a mistyped path)
 */
public record CheckpointDirectory(FileSystem fs, Path path, String uri, boolean existed) {

  /** Opens {@code uri}; throws {@link UsageError} naming --checkpoint-dir if it cannot hold checkpoints. */
  public static CheckpointDirectory open(Configuration conf, String uri) {
    try {
      Path given = WritableDirectory.path("--checkpoint-dir", uri);
      FileSystem fs = WritableDirectory.fileSystem(conf, given);
      Path dir = fs.makeQualified(given);
      FileStatus status = statusOrNull(fs, dir);
      if (status != null && !status.isDirectory()) {
        throw new UsageError("--checkpoint-dir " + uri + " is a file, not a directory: "
            + (CheckpointStore.isCheckpointName(dir.getName()) ? "pass the directory that holds the checkpoints ("
                + dir.getParent() + " for this one)"
                : "pass a directory for the checkpoints (a new one, or one that holds them)"));
      }
      WritableDirectory.require(fs, given, "--checkpoint-dir", uri);
      return new CheckpointDirectory(fs, dir, uri, status != null);
    } catch (IOException e) {
      throw new UsageError("--checkpoint-dir " + uri + " cannot be used: " + e.getMessage());
    }
  }

  /** Its status, or null when it is missing (on HDFS also when a directory above it is a file). */
  private static FileStatus statusOrNull(FileSystem fs, Path dir) throws IOException {
    try {
      return fs.getFileStatus(dir);
    } catch (FileNotFoundException | ParentNotDirectoryException e) {
      return null; // WritableDirectory says which
    }
  }

  /**
   * Creates the directory if missing, takes its {@link CheckpointLock} (refused while another run holds it), and
   * deletes the temporary files of checkpoint writes that never finished (a process killed mid-write, for example by
   * the SIGKILL that follows a SIGTERM), each with a warning; --resume would skip them anyway. Called once the run is
   * past every check; the lock is the caller's to close when the run ends. Closing it also removes the directories
   * created here when they are still empty: a run that fails on its data, or is stopped, before its first checkpoint
   * leaves no directory of its own, as it leaves no output ({@link WritableDirectory}), and a next {@code --resume}
   * is told that the directory did not exist.
   */
  CheckpointLock prepare(Consumer<String> warnings) throws IOException {
    List<Path> created = missing(fs, path);
    WritableDirectory.create(fs, path);
    CheckpointLock lock = null;
    try {
      lock = CheckpointLock.take(fs, path, uri, warnings); // before: a live run's writes are not ours
      lock.removeWhenEmpty(created);
      removeUnfinishedWrites(fs, path, warnings);
    } catch (IOException | RuntimeException e) {
      if (lock != null) {
        lock.close();
      } else {
        CheckpointLock.removeEmpty(fs, created);
      }
      throw e;
    }
    return lock;
  }

  /** {@code dir} and the directories above it that are missing, the deepest first. */
  private static List<Path> missing(FileSystem fs, Path dir) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir; p != null && statusOrNull(fs, p) == null; p = p.getParent()) {
      missing.add(p);
    }
    return missing;
  }

  private static void removeUnfinishedWrites(FileSystem fs, Path dir, Consumer<String> warnings) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      // a temporary file, or an old one moved aside to be replaced (Replacement), of a checkpoint or a history file
      boolean unfinished = name.startsWith(".checkpoint-") && name.matches(".*\\.ckpt\\.(tmp|replaced)-.*")
          || name.startsWith(".history-") && name.matches(".*\\.seg\\.(tmp|replaced)-.*");
      if (unfinished && fs.delete(s.getPath(), false)) {
        warnings.accept("removed " + s.getPath() + ", a checkpoint write that an earlier run did not finish");
      }
    }
  }
}
