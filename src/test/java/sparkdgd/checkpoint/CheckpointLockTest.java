package sparkdgd.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.UsageError;

/**
 * A run's mark in its --checkpoint-dir: another live run's refuses this one, one a finished process left is removed
 * with a warning, and the run's own is gone once it ends. The other processes are real ones, started here.
 */
class CheckpointLockTest {
  private static final Fingerprint PRINT = Fingerprint.of(List.of(), Map.of("partitions", "4"));

  private static CheckpointStore open(Path dir, List<String> warnings) {
    return CheckpointStore.open(new Configuration(), dir.toString(), 5, PRINT, warnings::add);
  }

  private static String mark(long pid, String host) {
    return mark(pid, host, "2026-12-06T16:00:00Z");
  }

  private static String mark(long pid, String host, String since) {
    return "pid " + pid + " on host " + host + " since " + since + "\n";
  }

  @Test
  void anotherLiveRunsMarkRefusesTheDirectoryNamingThatRun(@TempDir Path dir) throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      String host = InetAddress.getLocalHost().getHostName();
      String since = java.time.Instant.now().toString(); // a run writes its mark after its process started
      Files.writeString(dir.resolve(".lock"), mark(other.pid(), host, since));
      UsageError e = assertThrows(UsageError.class, () -> open(dir, new ArrayList<>()));
      assertEquals("--checkpoint-dir " + dir + " is in use by another run (pid " + other.pid() + " on host " + host
          + " since " + since + "): two runs checkpointing into one directory delete each other's files; wait "
          + "for that run to end, or give this one another --checkpoint-dir (if that run is no longer running, delete "
          + "file:" + dir.resolve(".lock") + ")", e.getMessage());
    } finally {
      other.destroy();
    }
  }

  @Test
  void aMarkFromAnotherHostIsRefusedAsItCannotBeChecked(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(".lock"), mark(1, "elsewhere.example"));
    UsageError e = assertThrows(UsageError.class, () -> open(dir, new ArrayList<>()));
    assertTrue(e.getMessage().contains("is in use by another run (pid 1 on host elsewhere.example since "), e.getMessage());
  }

  @Test
  void aMarkAFinishedProcessLeftIsRemovedWithAWarningAndTheRunsOwnIsGoneWhenItEnds(@TempDir Path dir)
      throws Exception {
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    String host = InetAddress.getLocalHost().getHostName();
    Files.writeString(dir.resolve(".lock"), mark(ended.pid(), host));
    List<String> warnings = new ArrayList<>();
    CheckpointStore store = open(dir, warnings);
    assertEquals(List.of("removed file:" + dir.resolve(".lock") + ", left by a run that is no longer running (pid "
        + ended.pid() + " on host " + host + " since 2026-12-06T16:00:00Z)"), warnings);
    assertTrue(Files.readString(dir.resolve(".lock")).startsWith("pid " + ProcessHandle.current().pid() + " on host "
        + host + " since "));
    store.close();
    assertFalse(Files.exists(dir.resolve(".lock")), "released when the run ends");
  }

  /**
   * A mark of a process number that another process took since (one started after the mark) is taken over; so is a
   * mark from another host that its run has not touched for longer than CheckpointLock.STALE (a driver killed outright
   * and restarted elsewhere, as YARN's next attempt is).
   */
  @Test
  void aReusedProcessNumberOrAMarkLongUntouchedIsTakenOver(@TempDir Path dir) throws Exception {
    Process later = new ProcessBuilder("sleep", "60").start();
    try {
      String host = InetAddress.getLocalHost().getHostName();
      Files.writeString(dir.resolve(".lock"), mark(later.pid(), host, "2020-01-01T00:00:00Z"));
      List<String> warnings = new ArrayList<>();
      open(dir, warnings).close();
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains(", left by a run that is no longer running (pid " + later.pid()), warnings
          .get(0));
    } finally {
      later.destroy();
    }
    Files.writeString(dir.resolve(".lock"), mark(1, "elsewhere.example"));
    Files.setLastModifiedTime(dir.resolve(".lock"), java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofMinutes(10))));
    List<String> warnings = new ArrayList<>();
    open(dir, warnings).close();
    assertEquals(List.of("removed file:" + dir.resolve(".lock") + ", left by a run that has not touched it for 10 min "
        + "(a running one does every 30 s) (pid 1 on host elsewhere.example since 2026-12-06T16:00:00Z)"), warnings);
  }

  /**
   * The holder's refresh moves its mark's time and keeps what it says. (It writes the mark again because S3A leaves
   * setTimes undone; on this local disk setTimes would move the time too: the S3A case itself is not tested here.)
   */
  @Test
  void theRefreshWritesTheMarkAgain(@TempDir Path dir) throws Exception {
    CheckpointStore store = open(dir, new ArrayList<>());
    Path lock = dir.resolve(".lock");
    String before = Files.readString(lock);
    Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(java.time.Duration.ofMinutes(10))));
    CheckpointLock.touchAll();
    assertTrue(Files.getLastModifiedTime(lock).toInstant().isAfter(java.time.Instant.now().minusSeconds(60)));
    assertEquals(before, Files.readString(lock));
    store.close();
  }

  /** Runs one after another in one JVM (as tests run them) share the mark; the last to close removes it. */
  @Test
  void runsInOneJvmShareTheMarkUntilTheLastEnds(@TempDir Path dir) {
    CheckpointStore first = open(dir, new ArrayList<>());
    CheckpointStore second = open(dir, new ArrayList<>());
    first.close();
    assertTrue(Files.exists(dir.resolve(".lock")));
    second.close();
    assertFalse(Files.exists(dir.resolve(".lock")));
  }
}
