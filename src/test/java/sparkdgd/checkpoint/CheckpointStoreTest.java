package sparkdgd.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sparkdgd.config.UsageError;
import sparkdgd.train.EpochRecord;
import sparkdgd.train.TrainingState;

class CheckpointStoreTest {
  private static final Fingerprint PRINT = Fingerprint.of(List.of(), Map.of("partitions", "4", "standardize", "true"));

  private static TrainingState state(int epoch) {
    List<EpochRecord> history = new ArrayList<>();
    for (int e = 1; e <= epoch; e++) {
      history.add(new EpochRecord(e, 1.0 / (3 * e), Math.PI / e, 0.1 * e));
    }
    // values whose decimal forms are long: the round trip must keep every bit
    // the optimizer's state, the best parameters and their validation loss must come back too
    return new TrainingState(epoch, new double[] {0.1 + 0.2, -1.0 / 3, Math.nextUp(1e-300), epoch},
        1.0 / 7, 1.0 / (3 * epoch), epoch % 2, history, epoch + 0.1, new double[] {1.0 / 3, epoch, -0.0},
        new double[] {Math.E, 1.0 / epoch}, 1.0 / 11, epoch % 3);
  }

  private static CheckpointStore store(Path dir, Fingerprint print, List<String> warnings) {
    return CheckpointStore.open(new Configuration(), dir.toString(), 5, print, warnings::add);
  }

  @Test
  void newestCheckpointRoundTripsBitForBitAndOnlyTheLastThreeAreKept(@TempDir Path dir) throws Exception {
    CheckpointStore s = store(dir, PRINT, new ArrayList<>());
    for (int epoch = 1; epoch <= 25; epoch++) {
      s.epochDone(state(epoch));
    }
    s.close(); // the run ends: its .lock (CheckpointLockTest) is gone
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("checkpoint-000015.ckpt", "checkpoint-000020.ckpt", "checkpoint-000025.ckpt"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    TrainingState back = s.latest().orElseThrow();
    TrainingState expected = state(25);
    assertEquals(25, back.epoch());
    assertArrayEquals(expected.theta(), back.theta(), 0.0);
    assertEquals(expected.learningRate(), back.learningRate(), 0.0);
    assertEquals(expected.previousMse(), back.previousMse(), 0.0);
    assertEquals(expected.growingEpochs(), back.growingEpochs());
    assertEquals(expected.history(), back.history());
    assertEquals(expected.passes(), back.passes(), 0.0);
    assertArrayEquals(expected.optimizerState(), back.optimizerState(), 0.0);
    assertArrayEquals(expected.best(), back.best(), 0.0);
    assertEquals(expected.bestValidation(), back.bestValidation(), 0.0);
    assertEquals(expected.sinceBest(), back.sinceBest());
  }

  /**
   * Past epoch 999,999 the file names grow a seventh digit: the newest are still the ones kept and resumed from (by
   * name, checkpoint-1000000.ckpt sorted before checkpoint-999990.ckpt, was deleted on writing, and the resume
   * went back to epoch 999,999; a mini-batch run's iterations get there in hours).
   */
  @Test
  void checkpointsPastEpoch999999AreKeptAndResumedFromAsTheNewest(@TempDir Path dir) throws Exception {
    CheckpointStore s = store(dir, PRINT, new ArrayList<>());
    for (int epoch : new int[] {999_985, 999_990, 999_995, 1_000_000, 1_000_005}) { // every 5th is written
      s.epochDone(new TrainingState(epoch, new double[] {epoch, 1}, 0.1, 1.0 / epoch, 0,
          List.of(new EpochRecord(epoch, 1.0 / epoch, 0.5, 1)), epoch, new double[0], new double[0], Double.NaN, 0));
    }
    s.close();
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("checkpoint-1000000.ckpt", "checkpoint-1000005.ckpt", "checkpoint-999995.ckpt"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertEquals(1_000_005, s.latest().orElseThrow().epoch());
    assertEquals(-1, CheckpointStore.epochOf("checkpoint-x.ckpt"));
  }

  @Test
  void truncatedOrCorruptNewestFileFallsBackToThePreviousOne(@TempDir Path dir) throws Exception {
    List<String> warnings = new ArrayList<>();
    CheckpointStore s = store(dir, PRINT, warnings);
    s.epochDone(state(5));
    s.epochDone(state(10));
    s.epochDone(state(15));
    truncate(dir.resolve("checkpoint-000015.ckpt"));
    Path middle = dir.resolve("checkpoint-000010.ckpt");
    byte[] m = Files.readAllBytes(middle);
    m[m.length - 5] ^= 1; // one flipped bit
    Files.write(middle, m);

    assertEquals(5, s.latest().orElseThrow().epoch());
    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).contains("checkpoint-000015.ckpt: checksum mismatch (truncated or corrupt); set aside "
        + "as checkpoint-000015.ckpt.corrupt, out of the 3 kept"), warnings.get(0));
    // set aside, the corrupt files no longer count among the three kept: the next writes keep 5 and the new ones
    s.epochDone(state(20));
    s.epochDone(state(25));
    s.close();
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("checkpoint-000005.ckpt", "checkpoint-000010.ckpt.corrupt", "checkpoint-000015.ckpt.corrupt",
          "checkpoint-000020.ckpt", "checkpoint-000025.ckpt"),
          files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList());
    }
  }

  /** Cuts the last 20 bytes off {@code file}, as a write that stopped short leaves it. */
  private static void truncate(Path file) throws java.io.IOException {
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));
  }

  /** Every checkpoint there unreadable: refused, not "no checkpoint", which would start over and replace them. */
  @Test
  void aDirectoryWhoseCheckpointsAreAllUnreadableIsRefused(@TempDir Path dir) throws Exception {
    List<String> warnings = new ArrayList<>();
    CheckpointStore s = store(dir, PRINT, warnings);
    s.epochDone(state(5));
    s.epochDone(state(10));
    truncate(dir.resolve("checkpoint-000005.ckpt"));
    truncate(dir.resolve("checkpoint-000010.ckpt"));
    UsageError e = assertThrows(UsageError.class, () -> s.latest());
    assertTrue(e.getMessage().startsWith("--checkpoint-dir file:" + dir + " holds 2 checkpoint files and none can be read "
        + "(checkpoint-000010.ckpt: checksum mismatch (truncated or corrupt); checkpoint-000005.ckpt: checksum "
        + "mismatch (truncated or corrupt)): this run would start from zero and replace them. Move them away"),
        e.getMessage());
    assertEquals(2, warnings.size(), warnings.toString());
  }

  /**
   * The settings hold the feature names as one string: at about 2.35M LIBSVM features it passes Jackson's default
   * limit of 20M characters, and such checkpoints were skipped as unreadable.
   */
  @Test
  void aCheckpointOfMillionsOfFeatureNamesIsRead(@TempDir Path dir) {
    StringBuilder names = new StringBuilder();
    for (int j = 1; j <= 2_500_000; j++) {
      names.append(j == 1 ? "" : ",").append('x').append(j);
    }
    assertTrue(names.length() > 20_000_000, names.length() + " characters");
    Fingerprint wide = Fingerprint.of(List.of(), Map.of("partitions", "4", "features", names.toString()));
    List<String> warnings = new ArrayList<>();
    store(dir, wide, warnings).epochDone(state(5));
    assertEquals(5, store(dir, wide, warnings).latest().orElseThrow().epoch());
    assertEquals(List.of(), warnings);
  }

  @Test
  void aCheckpointOfOtherSettingsIsRefusedNamingTheDifference(@TempDir Path dir) {
    store(dir, PRINT, new ArrayList<>()).epochDone(state(5));
    Fingerprint other = Fingerprint.of(List.of(), Map.of("partitions", "8", "standardize", "true"));
    UsageError e = assertThrows(UsageError.class, () -> store(dir, other, new ArrayList<>()).latest());
    assertTrue(e.getMessage().contains("was taken with other data or settings (--partitions: checkpoint 4, now 8)"),
        e.getMessage());
    Fingerprint added = Fingerprint.of(List.of(), Map.of("partitions", "4", "standardize", "true", "optimizedOn",
        "scaled"));
    e = assertThrows(UsageError.class, () -> store(dir, added, new ArrayList<>()).latest());
    assertTrue(e.getMessage().contains("(optimizedOn: checkpoint (not set), now scaled)"), e.getMessage());
  }

  private static final String GD = "gd batch 1.0 constant every 100 seed %s validation %s";

  private static Fingerprint print(List<org.apache.hadoop.fs.FileStatus> files, String seed, String validation,
      String partitions, boolean seedMatters) {
    return Fingerprint.of(files, Map.of("partitions", partitions, "optimizer", String.format(GD, seed, validation)),
        seedMatters);
  }

  private static org.apache.hadoop.fs.FileStatus file(String path, long length) {
    return new org.apache.hadoop.fs.FileStatus(length, false, 1, 1 << 20, 1_700_000_000_000L,
        new org.apache.hadoop.fs.Path(path));
  }

  /**
   * A run that draws nothing from --seed (full batches, no validation split) resumes a checkpoint whose seed alone
   * differs, with a note; the same seed change is refused where the seed draws the split, and a seed change that
   * comes with another difference (settings, or the files) is refused as before.
   */
  @Test
  void aSeedTheRunDrawsNothingFromDoesNotStopAResume(@TempDir Path dir) {
    List<org.apache.hadoop.fs.FileStatus> files = List.of(file("file:/data/a.csv", 1000));
    store(dir, print(files, "42", "0.0", "4", false), new ArrayList<>()).epochDone(state(5));
    List<String> warnings = new ArrayList<>();
    assertEquals(5, store(dir, print(files, "7", "0.0", "4", false), warnings).latest().orElseThrow().epoch());
    assertEquals(List.of("resuming from file:" + dir.resolve("checkpoint-000005.ckpt") + ", taken with another seed "
        + "(--seed: checkpoint 42, now 7), which this run draws nothing from (full batches, no validation split)"),
        warnings);
    List<String> none = new ArrayList<>();
    assertEquals(5, store(dir, print(files, "42", "0.0", "4", false), none).latest().orElseThrow().epoch());
    assertEquals(List.of(), none, "the same seed: nothing to say");

    UsageError e = assertThrows(UsageError.class,
        () -> store(dir, print(files, "7", "0.0", "4", true), new ArrayList<>()).latest());
    assertTrue(e.getMessage().contains("(--seed: checkpoint 42, now 7)"), e.getMessage());
    e = assertThrows(UsageError.class,
        () -> store(dir, print(files, "7", "0.0", "8", false), new ArrayList<>()).latest());
    assertTrue(e.getMessage().contains("(--seed: checkpoint 42, now 7, --partitions: checkpoint 4, now 8)"),
        e.getMessage());
    e = assertThrows(UsageError.class, () -> store(dir, print(List.of(file("file:/data/a.csv", 1001)), "7", "0.0", "4",
        false), new ArrayList<>()).latest());
    assertTrue(e.getMessage().contains("(the input file file:/data/a.csv (size 1000 -> 1001 bytes) changed since the "
        + "checkpoint; --seed: checkpoint 42, now 7, which this run draws nothing from)"),
        "another file length: " + e.getMessage());
  }

  /**
   * Another input is named first, with the files the checkpoint was taken on, before the settings chosen from it: a
   * review's resume on other data was told only "--partitions: checkpoint 12, now 4" (chosen from the data, not
   * passed), then, with --partitions 12, "the input files (names, sizes or modification times) changed".
   */
  @Test
  void anotherInputIsNamedFirstWithTheFilesTheCheckpointWasTakenOn(@TempDir Path dir) throws Exception {
    store(dir, print(List.of(file("file:/data/old/part-0.csv", 1000), file("file:/data/old/part-1.csv", 990)), "42",
        "0.0", "12", true), new ArrayList<>()).epochDone(state(5));
    UsageError e = assertThrows(UsageError.class, () -> store(dir, print(List.of(file("file:/data/new/a.csv", 500)),
        "42", "0.0", "4", true), new ArrayList<>()).latest());
    assertTrue(e.getMessage().contains("(the input files differ: none of the checkpoint's 2 files is in this run's "
        + "input (it was taken on file:/data/old/part-0.csv and 1 more); this run reads 1 file the checkpoint did not "
        + "(file:/data/new/a.csv); and the settings differ: --partitions: checkpoint 12, now 4)"), e.getMessage());
    e = assertThrows(UsageError.class, () -> store(dir, print(List.of(file("file:/data/old/part-0.csv", 1000)), "42",
        "0.0", "12", true), new ArrayList<>()).latest());
    assertTrue(e.getMessage().contains("(the input files differ: 1 file of the checkpoint's input is not in this "
        + "run's (file:/data/old/part-1.csv))"), e.getMessage());
    // the list is kept in the checkpoint beside the digest (a checkpoint without it is told as before, above)
    Path old = dir.resolve("checkpoint-000005.ckpt");
    String text = Files.readString(old);
    assertTrue(text.contains("\"inputFiles\""), text);
  }

  @Test
  void aCheckpointFileGivenAsTheDirectoryIsCalledSo(@TempDir Path dir) throws Exception {
    store(dir, PRINT, new ArrayList<>()).epochDone(state(5));
    Path file = dir.resolve("checkpoint-000005.ckpt");
    assertTrue(Files.isRegularFile(file));
    UsageError e = assertThrows(UsageError.class, () -> store(file, PRINT, new ArrayList<>()));
    assertEquals("--checkpoint-dir " + file + " is a file, not a directory: pass the directory that holds the "
        + "checkpoints (file:" + dir + " for this one)", e.getMessage());
    Path other = Files.writeString(dir.resolve("model.json"), "{}");
    e = assertThrows(UsageError.class, () -> store(other, PRINT, new ArrayList<>()));
    assertEquals("--checkpoint-dir " + other + " is a file, not a directory: pass a directory for the checkpoints (a "
        + "new one, or one that holds them)", e.getMessage());
  }

  @Test
  void anEmptyDirectoryHasNoCheckpoint(@TempDir Path dir) {
    assertTrue(store(dir, PRINT, new ArrayList<>()).latest().isEmpty());
  }

  @Test
  void aWriteThatNeverFinishedIsRemovedWithAWarning(@TempDir Path dir) throws Exception {
    store(dir, PRINT, new ArrayList<>()).epochDone(state(5));
    Path unfinished = Files.writeString(dir.resolve(".checkpoint-000007.ckpt.tmp-1234"), "spark-dgd checkpoint v1\n");
    Path other = Files.writeString(dir.resolve(".notes.tmp-1"), "not ours");
    List<String> warnings = new ArrayList<>();
    CheckpointStore reopened = store(dir, PRINT, warnings);
    assertFalse(Files.exists(unfinished));
    assertTrue(Files.exists(other), "only our own unfinished writes are removed");
    assertEquals(List.of("removed " + unfinished.toUri().toString().replace("file:///", "file:/")
        + ", a checkpoint write that an earlier run did not finish"), warnings);
    assertEquals(5, reopened.latest().orElseThrow().epoch());
  }

  /** A directory that cannot be written is refused when opened (at the start of training), not at the first save. */
  @Test
  void aDirectoryUnderAFileIsRefusedWhenOpened(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("notes.csv"), "x\n");
    Path under = file.resolve("ckpt");
    UsageError e = assertThrows(UsageError.class, () -> store(under, PRINT, new ArrayList<>()));
    assertEquals("--checkpoint-dir " + under + " cannot be written: " + file + " is a file, not a directory; choose "
        + "another --checkpoint-dir", e.getMessage());
  }

  /**
   * Opening (before the data is read) creates nothing, so a run that then fails leaves no directory and the next one
   * still warns that a --resume directory did not exist; the store, made once training starts, creates it.
   */
  @Test
  void openingCreatesNothingTheStoreCreatesTheDirectoryAndRemembersItWasMissing(@TempDir Path dir)
      throws Exception {
    Path fresh = dir.resolve("a").resolve("ckpt");
    CheckpointDirectory opened = CheckpointDirectory.open(new Configuration(), fresh.toString());
    assertFalse(Files.exists(dir.resolve("a")), "nothing created before training starts");
    assertFalse(opened.existed());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count(), "no probe file left");
    }
    CheckpointStore store = CheckpointStore.open(opened, 5, PRINT, w -> { });
    assertTrue(Files.isDirectory(fresh));
    assertFalse(store.existed());
    assertTrue(CheckpointDirectory.open(new Configuration(), fresh.toString()).existed());
  }
}
