package sparkdgd.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;
import sparkdgd.config.UsageError;

/**
 * The mark a run leaves in its {@code --checkpoint-dir} while it trains, {@code .lock}, naming the run (its process,
 * host and start): a second run given the same directory is refused while the first runs. Two runs had shared one
 * (a review's, started a second apart): the second deleted the first's checkpoint write as "a write that an earlier
 * run did not finish", and the first failed (exit 1) on its next checkpoint. The mark is removed when the run ends,
 * and by a shutdown hook when a signal ends it; one left by a process killed outright ({@code kill -9}) is removed
 * with a warning by the next run on the same host, which can see that its process is gone. From another host that
 * cannot be seen: such a mark is refused with how to remove it.
 */
final class CheckpointLock implements AutoCloseable {
  static final String NAME = ".lock";
  /** The hook's place among Hadoop's shutdown hooks: after a staging directory's ({@code HiddenSibling}, 30). */
  private static final int HOOK_PRIORITY = 20;
  private static final Pattern HOLDER = Pattern.compile("pid (\\d+) on host (\\S+) since \\S+");
  /** The marks this JVM holds, removed by the hook if a signal ends it before the run does. */
  private static final Set<CheckpointLock> HELD = ConcurrentHashMap.newKeySet();

  static {
    if (!ShutdownHookManager.get().isShutdownInProgress()) {
      try {
        ShutdownHookManager.get().addShutdownHook(CheckpointLock::releaseAll, HOOK_PRIORITY, 5, TimeUnit.SECONDS);
      } catch (IllegalStateException shutdownStarted) {
        // nothing to release then
      }
    }
  }

  private final FileSystem fs;
  private final Path path;

  private CheckpointLock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  /**
   * Takes the mark of {@code dir} ({@code uri} as given, for messages), removing one a finished process left on this
   * host, with a warning.
   *
   * @throws UsageError when another run holds it
   */
  static CheckpointLock take(FileSystem fs, Path dir, String uri, Consumer<String> warnings) throws IOException {
    Path path = new Path(dir, NAME);
    String me = "pid " + ProcessHandle.current().pid() + " on host " + host() + " since " + Instant.now();
    for (int attempt = 0; attempt < 3; attempt++) {
      if (!fs.exists(path)) {
        try (OutputStream out = fs.create(path, false)) {
          out.write((me + "\n").getBytes(StandardCharsets.UTF_8));
          CheckpointLock lock = new CheckpointLock(fs, path);
          HELD.add(lock);
          return lock;
        } catch (IOException e) {
          if (!fs.exists(path)) {
            throw e;
          } // another run took it a moment ago: look at it below
        }
      }
      String holder = read(fs, path);
      if (holder.startsWith("pid " + ProcessHandle.current().pid() + " on host " + host() + " ")) {
        CheckpointLock lock = new CheckpointLock(fs, path); // this JVM's: shared until the last closes it
        HELD.add(lock);
        return lock;
      }
      if (!gone(holder)) {
        throw new UsageError("--checkpoint-dir " + uri + " is in use by another run (" + holder + "): two runs "
            + "checkpointing into one directory delete each other's files; wait for that run to end, or give this "
            + "one another --checkpoint-dir (if that run is no longer running, delete " + path + ")");
      }
      if (fs.delete(path, false)) {
        warnings.accept("removed " + path + ", left by a run that is no longer running (" + holder + ")");
      }
    }
    throw new UsageError("--checkpoint-dir " + uri + " is being taken by other runs at the same time; give each run "
        + "its own --checkpoint-dir");
  }

  /** Whether the process that wrote the mark {@code holder} is known to be gone: it ran on this host and ended. */
  private static boolean gone(String holder) {
    Matcher m = HOLDER.matcher(holder);
    if (!m.lookingAt() || !m.group(2).equals(host())) {
      return false;
    }
    return ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true);
  }

  private static String read(FileSystem fs, Path path) {
    try (InputStream in = fs.open(path)) {
      String text = new String(in.readNBytes(1024), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "being written" : text;
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Removes the mark, unless another run in this JVM holds it too; a run that ends, whichever way, calls this. */
  @Override
  public void close() {
    if (HELD.remove(this) && HELD.stream().noneMatch(other -> other.path.equals(path))) {
      try {
        fs.delete(path, false);
      } catch (IOException e) {
        // the next run on this host sees the process gone and removes it
      }
    }
  }

  private static void releaseAll() {
    for (CheckpointLock lock : HELD) {
      lock.close();
    }
  }
}
