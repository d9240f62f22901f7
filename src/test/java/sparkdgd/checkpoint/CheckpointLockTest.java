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
import sparkdgd.config.Busy;

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

  /** Writes the mark {@code text} at {@code lock}, last modified at {@code when}: a mark untouched since then. */
  private static void writeMark(Path lock, String text, java.time.Instant when) throws java.io.IOException {
    Files.writeString(lock, text);
    Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.from(when));
  }

  /**
   * A thread, not started, that writes {@code text} at {@code lock} 1.5 s after it starts (another run's touch): half
   * way between two of the waiting run's looks, a second apart.
   */
  private static Thread writeLater(Path lock, String text) {
    return new Thread(() -> {
      try {
        Thread.sleep(1500);
        Files.writeString(lock, text);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void anotherLiveRunsMarkRefusesTheDirectoryNamingThatRun(@TempDir Path dir) throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      String host = InetAddress.getLocalHost().getHostName();
      String since = java.time.Instant.now().toString(); // a run writes its mark after its process started
      Files.writeString(dir.resolve(".lock"), mark(other.pid(), host, since));
      Busy e = assertThrows(Busy.class, () -> open(dir, new ArrayList<>()));
      assertEquals("--checkpoint-dir " + dir + " is in use by another run (pid " + other.pid() + " on host " + host
          + " since " + since + "): two runs checkpointing into one directory delete each other's files; wait "
          + "for that run to end, or give this one another --checkpoint-dir (if that run is no longer running, delete "
          + "file:" + dir.resolve(".lock") + ")", e.getMessage());
    } finally {
      other.destroy();
    }
  }

  /**
   * A mark from another host (whose process cannot be looked at) is waited on, with a line saying so: touched meanwhile,
   * as a live run touches it, it refuses the directory.
   */
  @Test
  void aMarkFromAnotherHostThatIsTouchedRefusesTheDirectory(@TempDir Path dir) throws Exception {
    Path lock = dir.resolve(".lock");
    writeMark(lock, mark(1, "elsewhere.example"), java.time.Instant.now().minusSeconds(60));
    Thread touch = writeLater(lock, mark(1, "elsewhere.example"));
    touch.start();
    List<String> warnings = new ArrayList<>();
    Busy e = assertThrows(Busy.class, () -> open(dir, warnings));
    touch.join();
    assertTrue(e.getMessage().contains("is in use by another run (pid 1 on host elsewhere.example since "), e.getMessage());
    assertEquals(1, warnings.size(), warnings.toString());
    String waiting = warnings.get(0);
    assertTrue(waiting.startsWith("--checkpoint-dir " + dir + " is marked by a run on another host (pid 1 on host "
        + "elsewhere.example since 2026-12-06T16:00:00Z), untouched for "), waiting);
    assertTrue(waiting.endsWith(" s for that run to touch it (a running one does every 30 s) before taking it over; to "
        + "stop waiting, give this run another --checkpoint-dir"), waiting);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("untouched for (\\d+) s: waiting up to (\\d+) s ")
        .matcher(waiting);
    assertTrue(m.find(), waiting);
    int untouched = Integer.parseInt(m.group(1));
    assertTrue(untouched >= 60 && untouched < 70, waiting);
    assertEquals(180, untouched + Integer.parseInt(m.group(2)), waiting);
  }

  /**
   * A mark from another host replaced while this run waits (another run took it over) is looked at again: the refusal
   * names the run that holds it now, not the one waited on.
   */
  @Test
  void aMarkReplacedWhileWaitingRefusesNamingItsNewHolder(@TempDir Path dir) throws Exception {
    Path lock = dir.resolve(".lock");
    writeMark(lock, mark(1, "elsewhere.example"), java.time.Instant.now().minusSeconds(60));
    Process other = new ProcessBuilder("sleep", "60").start();
    String host = InetAddress.getLocalHost().getHostName();
    String since = java.time.Instant.now().toString();
    Thread replace = writeLater(lock, mark(other.pid(), host, since));
    try {
      replace.start();
      Busy e = assertThrows(Busy.class, () -> open(dir, new ArrayList<>()));
      replace.join();
      assertTrue(e.getMessage().contains("is in use by another run (pid " + other.pid() + " on host " + host
          + " since " + since + ")"), e.getMessage());
    } finally {
      other.destroy();
    }
  }

  /**
   * A mark from another host left untouched is taken over once {@link CheckpointLock#STALE}, after a wait: a driver
   * killed outright there (YARN's next attempt starts, often elsewhere, within that time) had been refused at once.
   */
  @Test
  void aMarkFromAnotherHostLeftUntouchedIsTakenOverOnceStale(@TempDir Path dir) throws Exception {
    Path lock = dir.resolve(".lock");
    writeMark(lock, mark(1, "elsewhere.example"), java.time.Instant.now().minus(CheckpointLock.STALE).plusSeconds(3));
    List<String> warnings = new ArrayList<>();
    long start = System.nanoTime();
    CheckpointStore store = open(dir, warnings);
    double waited = (System.nanoTime() - start) / 1e9;
    assertTrue(waited >= 2 && waited < 20, "waited " + waited + " s");
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(1).startsWith("removed file:" + lock + ", left by a run that has not touched it for 18"),
        warnings.get(1));
    assertTrue(Files.readString(lock).startsWith("pid " + ProcessHandle.current().pid() + " on host "));
    store.close();
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
    writeMark(dir.resolve(".lock"), mark(1, "elsewhere.example"),
        java.time.Instant.now().minus(java.time.Duration.ofMinutes(10)));
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

  /**
   * A stale mark is removed only if it is still the one read; a fresh mark found in its place is left (put back) as it
   * was; and nothing is left beside them.
   */
  @Test
  void aTakeOverRemovesOnlyTheStaleMarkItRead(@TempDir Path dir) throws Exception {
    org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path lock = new org.apache.hadoop.fs.Path(dir.resolve(".lock").toUri());
    String stale = "pid 1 on host h since 2026-12-06T16:00:00Z";
    assertFalse(CheckpointLock.takeOver(fs, lock, stale), "no mark");
    Files.writeString(dir.resolve(".lock"), stale + "\n");
    assertTrue(CheckpointLock.takeOver(fs, lock, stale));
    assertEquals(List.of(), listed(dir));
    String fresh = "pid 2 on host h since 2026-12-06T17:00:00Z\n";
    Files.writeString(dir.resolve(".lock"), fresh);
    assertFalse(CheckpointLock.takeOver(fs, lock, stale));
    assertEquals(List.of(".lock"), listed(dir));
    assertEquals(fresh, Files.readString(dir.resolve(".lock")));
  }

  /**
   * Two runs (two live processes, started here, whose marks the runs write) taking over one stale mark (of a finished
   * process) at the same moment: in every round exactly one holds the directory and the other is refused. Removing the
   * stale mark by a look then a delete let both hold it: the second deleted the mark the first had just written.
   */
  @Test
  void ofTwoRunsTakingOverOneStaleMarkExactlyOneHoldsIt(@TempDir Path dir) throws Exception {
    org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir.toUri());
    String host = InetAddress.getLocalHost().getHostName();
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    List<Process> runs = List.of(new ProcessBuilder("sleep", "120").start(), new ProcessBuilder("sleep", "120").start());
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 1000; round++) {
        Files.writeString(dir.resolve(".lock"), mark(ended.pid(), host));
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        List<java.util.concurrent.Future<CheckpointLock>> taking = new ArrayList<>();
        for (Process run : runs) {
          taking.add(threads.submit(() -> {
            start.await();
            try {
              return CheckpointLock.take(fs, path, dir.toString(), w -> { }, "pid " + run.pid() + " on host " + host
                  + " ");
            } catch (Busy refused) {
              return null;
            }
          }));
        }
        List<CheckpointLock> held = new ArrayList<>();
        for (var t : taking) {
          if (t.get() != null) {
            held.add(t.get());
          }
        }
        assertEquals(1, held.size(), "round " + round + ": " + Files.readString(dir.resolve(".lock")));
        assertEquals(List.of(".lock"), listed(dir), "round " + round);
        held.get(0).close();
      }
    } finally {
      threads.shutdownNow();
      runs.forEach(Process::destroy);
    }
  }

  private static List<String> listed(Path dir) throws java.io.IOException {
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
