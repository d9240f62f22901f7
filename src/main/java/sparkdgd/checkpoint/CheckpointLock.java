package sparkdgd.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import sparkdgd.config.Busy;
import sparkdgd.config.UsageError;

/**
 * The mark a run leaves in its {@code --checkpoint-dir} while it trains, {@code .lock}, naming the run (its process,
 * host and start): a second run given the same directory is refused while the first runs. Two runs had shared one
 * (a review's, started a second apart): the second deleted the first's checkpoint write as "a write that an earlier
 * run did not finish", and the first failed (exit 1) on its next checkpoint.
 *
 * <p>The mark is created only where none is (on a local disk by the operating system's create-new, on HDFS by the
 * NameNode's), and read back. It is removed when the run ends, and by a shutdown hook when a signal ends it. The
 * holder touches it every {@link #REFRESH}: one left by a process killed outright ({@code kill -9}, the OOM killer,
 * YARN's kill after its grace) is taken over, with a warning, by a run on the same host that sees its process gone
 * (or another process under its number, started later), and by a run anywhere once it is {@link #STALE} untouched
 * (a driver restarted on another host). Object stores without an atomic create (S3A) leave a moment in which two runs
 * starting together can both take it.
 */
public final class CheckpointLock implements AutoCloseable {
  static final String NAME = ".lock";
  /** How often the holder touches its mark. */
  static final Duration REFRESH = Duration.ofSeconds(30);
  /** How long a mark untouched belongs to no run any more, whatever its host. */
  static final Duration STALE = Duration.ofMinutes(3);
  /**
   * How often a run waiting for a mark on another host to go {@link #STALE} looks at it again: a look is two small
   * requests (the mark's time and text), so a waiting run sees a touch, a release or the end of the wait within a
   * second.
   */
  static final Duration POLL = Duration.ofSeconds(1);
  /** The hook's place among Hadoop's shutdown hooks: after a staging directory's ({@code HiddenSibling}, 30). */
  private static final int HOOK_PRIORITY = 20;
  private static final Pattern HOLDER = Pattern.compile("pid (\\d+) on host (\\S+) since (\\S+)");
  /** The marks this JVM holds, touched every {@link #REFRESH} and removed by the hook if a signal ends the JVM. */
  private static final Set<CheckpointLock> HELD = ConcurrentHashMap.newKeySet();
  private static final ScheduledExecutorService TOUCH = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "checkpoint-lock-refresh");
    t.setDaemon(true);
    return t;
  });

  static {
    if (!ShutdownHookManager.get().isShutdownInProgress()) {
      try {
        ShutdownHookManager.get().addShutdownHook(CheckpointLock::releaseAll, HOOK_PRIORITY, 5, TimeUnit.SECONDS);
      } catch (IllegalStateException shutdownStarted) {
        // nothing to release then
      }
    }
    TOUCH.scheduleAtFixedRate(CheckpointLock::touchAll, REFRESH.toSeconds(), REFRESH.toSeconds(), TimeUnit.SECONDS);
  }

  private final FileSystem fs;
  private final Path path;
  /** What the mark says, written again at each refresh. */
  private final String text;
  /** The directories the run created for the mark, deepest first, removed on release while empty. */
  private volatile List<Path> created = List.of();
  /** Set by {@link #close}: the mark is no longer written again. */
  private boolean released;

  private CheckpointLock(FileSystem fs, Path path, String text) {
    this.fs = fs;
    this.path = path;
    this.text = text;
  }

  /**
   * Takes the mark of {@code dir} ({@code uri} as given, for messages), taking over one whose run is known to have
   * ended, with a warning.
   *
   * @throws Busy when another run holds it
   */
  static CheckpointLock take(FileSystem fs, Path dir, String uri, Consumer<String> warnings) throws IOException {
    return take(fs, dir, uri, warnings, "pid " + ProcessHandle.current().pid() + " on host " + host() + " ");
  }

  /**
   * As {@link #take(FileSystem, Path, String, Consumer)}, for the process {@code thisProcess} names ("pid N on host
   * H ").
   */
  static CheckpointLock take(FileSystem fs, Path dir, String uri, Consumer<String> warnings, String thisProcess)
      throws IOException {
    Path path = new Path(dir, NAME);
    String me = thisProcess + "since " + Instant.now();
    for (int attempt = 0; attempt < 3; attempt++) {
      if (createNew(fs, path, me)) {
        if (read(fs, path).equals(me)) { // ours, not a mark another run put there at the same moment
          return held(fs, path, me);
        }
        continue;
      }
      String holder = read(fs, path);
      if (!fs.exists(path)) {
        continue; // released between the two looks: try again
      }
      if (holder.startsWith(thisProcess)) {
        return held(fs, path, holder); // this JVM's: runs one after another in it (tests) share it until the last ends
      }
      String ended = ended(fs, path, holder);
      if (ended == null && onAnotherHost(holder)) {
        ended = untouchedTillStale(fs, path, holder, uri, warnings);
        if (ended != null && ended.isEmpty()) {
          continue; // released while waiting: try again
        }
      }
      if (ended == null) {
        throw new Busy("--checkpoint-dir " + uri + " is in use by another run (" + holder + "): two runs "
            + "checkpointing into one directory delete each other's files; wait for that run to end, or give this "
            + "one another --checkpoint-dir (if that run is no longer running, delete " + path + ")");
      }
      if (takeOver(fs, path, holder)) {
        warnings.accept("removed " + path + ", left by a run that " + ended + " (" + holder + ")");
      }
    }
    throw new Busy("--checkpoint-dir " + uri + " is being taken by other runs at the same time; give each run "
        + "its own --checkpoint-dir");
  }

  /** Whether {@code holder} names a run on another host, whose process cannot be looked at from here. */
  private static boolean onAnotherHost(String holder) {
    Matcher m = HOLDER.matcher(holder);
    return m.lookingAt() && !m.group(2).equals(host());
  }

  /**
   * Waits while the mark {@code holder} of a run on another host is neither touched nor {@link #STALE}: a driver killed
   * outright there (a lost node, the OOM killer) leaves its mark, and the next attempt (YARN's, often on another host)
   * had been refused at once until the mark was 3 minutes old. A live run touches its mark every {@link #REFRESH}, so
   * a second run given a live run's directory is refused within about that time.
   *
   * @return how the run ended once its mark is {@link #STALE} untouched; null when it was touched (the run lives);
   *     empty when the mark was removed meanwhile
   */
  private static String untouchedTillStale(FileSystem fs, Path path, String holder, String uri,
      Consumer<String> warnings) throws IOException {
    long seen;
    try {
      seen = fs.getFileStatus(path).getModificationTime();
    } catch (java.io.FileNotFoundException e) {
      return ""; // released since the look
    }
    Duration untouched = Duration.ofMillis(System.currentTimeMillis() - seen);
    warnings.accept(String.format("--checkpoint-dir %s is marked by a run on another host (%s), untouched for %d s: "
        + "waiting up to %d s for that run to touch it (a running one does every %d s) before taking it over; to "
        + "stop waiting, give this run another --checkpoint-dir", uri, holder, untouched.toSeconds(),
        STALE.toSeconds() - untouched.toSeconds(), REFRESH.toSeconds()));
    while (true) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UsageError("--checkpoint-dir " + uri + ": interrupted while waiting for the mark of " + holder);
      }
      long now;
      try {
        now = fs.getFileStatus(path).getModificationTime();
      } catch (java.io.FileNotFoundException e) {
        return "";
      }
      if (!read(fs, path).equals(holder)) {
        return ""; // another run's mark now, taken over or new: looked at again, and named if it refuses this run
      }
      if (now != seen) {
        return null;
      }
      untouched = Duration.ofMillis(System.currentTimeMillis() - seen);
      if (untouched.compareTo(STALE) > 0) {
        return untouchedFor(untouched);
      }
    }
  }

  /**
   * Removes the mark at {@code path} if it is still {@code stale}, the one read before: moved aside first, which only
   * one run can do, and removed once read there. Of two runs taking over one stale mark at once only one moves it (the
   * other finds none and tries to create its own, which only one can); a fresh mark moved aside by a run that read the
   * stale one before (another run took over and wrote its own between this one's look and its move) is put back. A
   * look then a delete had let both runs take the directory: the second deleted the first's new mark. False when the
   * mark was not removed.
   */
  static boolean takeOver(FileSystem fs, Path path, String stale) throws IOException {
    Path aside = new Path(path.getParent(), NAME + ".taken-" + UUID.randomUUID());
    if (!moveAside(fs, path, aside)) {
      return false; // moved or removed by another run
    }
    if (read(fs, aside).equals(stale)) {
      fs.delete(aside, false);
      return true;
    }
    if (!putBack(fs, aside, path)) { // a third run's mark is there now: the one moved aside has lost the directory
      fs.delete(aside, false);
    }
    return false;
  }

  /**
   * Renames {@code from} to the new name {@code aside} in one step, which only one run can do: false when
   * {@code from} is missing. On a local disk by the operating system's rename (Hadoop's copies when a rename fails).
   */
  private static boolean moveAside(FileSystem fs, Path from, Path aside) throws IOException {
    if (local(fs)) {
      try {
        Files.move(java.nio.file.Path.of(from.toUri()), java.nio.file.Path.of(aside.toUri()),
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
      } catch (java.nio.file.NoSuchFileException e) {
        return false;
      }
    }
    try {
      return fs.rename(from, aside);
    } catch (java.io.FileNotFoundException e) {
      return false;
    }
  }

  /**
   * Renames {@code aside} back to {@code path} where no file is: false when one is. On a local disk by a link, which
   * the operating system creates only where no file is (a rename would replace it), then removing {@code aside}, no
   * other run's; elsewhere by the file system's rename, which on HDFS does not replace a file.
   */
  private static boolean putBack(FileSystem fs, Path aside, Path path) throws IOException {
    if (local(fs)) {
      try {
        Files.createLink(java.nio.file.Path.of(path.toUri()), java.nio.file.Path.of(aside.toUri()));
      } catch (FileAlreadyExistsException e) {
        return false;
      }
      fs.delete(aside, false);
      return true;
    }
    return fs.rename(aside, path);
  }

  private static boolean local(FileSystem fs) {
    return fs instanceof RawLocalFileSystem || fs instanceof LocalFileSystem;
  }

  private static CheckpointLock held(FileSystem fs, Path path, String text) {
    CheckpointLock lock = new CheckpointLock(fs, path, text);
    HELD.add(lock);
    return lock;
  }

  /** Creates {@code path} holding {@code text} if no file is there; false if one is. */
  private static boolean createNew(FileSystem fs, Path path, String text) throws IOException {
    byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
    // a mark this run created but could not write (a full disk) is deleted: left empty, it had refused the next runs
    // for 3 minutes as "in use by another run (being written)" (a review)
    if (local(fs)) {
      // Hadoop's local create(path, false) looks, then opens: two runs at one moment both created it (a review: 352
      // of 2000 tries); the operating system's create-new does not
      java.nio.file.Path file = java.nio.file.Path.of(path.toUri());
      OutputStream out;
      try {
        out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        return false;
      }
      try (out) {
        out.write(bytes);
      } catch (IOException e) {
        Files.deleteIfExists(file);
        throw e;
      }
      return true;
    }
    if (fs.exists(path)) {
      return false;
    }
    OutputStream out;
    try {
      out = fs.create(path, false);
    } catch (IOException e) {
      if (fs.exists(path)) {
        return false; // another run created it a moment ago
      }
      throw e;
    }
    try (out) {
      out.write(bytes);
    } catch (IOException e) {
      fs.delete(path, false);
      throw e;
    }
    return true;
  }

  /** How a run whose mark is {@code untouched} that long ended: "has not touched it for 4 min (...)", or "for 185 s". */
  private static String untouchedFor(Duration untouched) {
    return "has not touched it for " + (untouched.toMinutes() >= 4 ? untouched.toMinutes() + " min"
        : untouched.toSeconds() + " s") + " (a running one does every " + REFRESH.toSeconds() + " s)";
  }

  /**
   * How the run that wrote the mark {@code holder} is known to have ended ("is no longer running", "has not touched
   * it for 4 min"), or null when it may still run: its process is gone from this host, or another process started
   * under its number after it; or, on any host, it has not been touched for {@link #STALE}.
   */
  private static String ended(FileSystem fs, Path path, String holder) {
    try {
      Duration untouched = Duration.ofMillis(System.currentTimeMillis() - fs.getFileStatus(path).getModificationTime());
      if (untouched.compareTo(STALE) > 0) {
        return untouchedFor(untouched);
      }
    } catch (IOException e) {
      return null;
    }
    Matcher m = HOLDER.matcher(holder);
    if (!m.lookingAt() || !m.group(2).equals(host())) {
      return null;
    }
    Instant since;
    try {
      since = Instant.parse(m.group(3));
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
    java.util.Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(m.group(1)));
    boolean gone = process.map(p -> !p.isAlive()
        || p.info().startInstant().map(start -> start.isAfter(since)).orElse(false)).orElse(true);
    return gone ? "is no longer running" : null;
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

  /**
   * Touches every mark this JVM holds: a run that is alive says so to runs on other hosts. By writing it again, not by
   * {@code setTimes}, which S3A (Hadoop 3.5's) leaves undone: there a live run's mark would have looked untouched
   * after 3 minutes, and been taken over (a review).
   */
  static void touchAll() {
    for (CheckpointLock lock : HELD) {
      lock.touch();
    }
  }

  /**
   * Writes the mark again, unless released: under the lock's monitor, which {@link #close} takes before it deletes the
   * mark, so a refresh that began before the release cannot write the mark (and, on creating it, the directories
   * above it) again after the delete.
   */
  private synchronized void touch() {
    if (released) {
      return;
    }
    try (OutputStream out = fs.create(path, true)) {
      out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException | org.apache.hadoop.fs.FSError e) {
      // the next touch may do (an FSError, a full local disk, had ended the schedule of touches for good); a run
      // elsewhere takes the mark over only after STALE
    }
  }

  /** On release, removes {@code dirs} (the directory holding the mark, then those above it) while they are empty. */
  void removeWhenEmpty(List<Path> dirs) {
    created = List.copyOf(dirs);
  }

  /**
   * Removes the mark, unless another run in this JVM holds it too, and the directories {@link #removeWhenEmpty} names
   * while empty; a run that ends, whichever way, calls this.
   */
  @Override
  public void close() {
    synchronized (this) {
      released = true; // after a refresh under way, before the delete (touch)
    }
    if (HELD.remove(this) && HELD.stream().noneMatch(other -> other.path.equals(path))) {
      try {
        fs.delete(path, false);
      } catch (IOException e) {
        return; // the next run on this host sees the process gone and takes the mark over
      }
      removeEmpty(fs, created);
    }
  }

  /** Removes {@code dirs} in order while each is an empty directory; stops at the first that is not, or fails. */
  static void removeEmpty(FileSystem fs, List<Path> dirs) {
    for (Path dir : dirs) {
      try {
        if (fs.listStatus(dir).length > 0 || !fs.delete(dir, false)) {
          return;
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void releaseAll() {
    for (CheckpointLock lock : HELD) {
      lock.close();
    }
  }
}
