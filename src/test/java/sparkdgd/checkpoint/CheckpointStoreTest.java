package sparkdgd.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        new double[] {Math.E, 1.0 / epoch}, 1.0 / 11, epoch % 3, epoch % 4, history.get((epoch - 1) / 2));
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
    assertEquals(List.of("checkpoint-000015.ckpt", "checkpoint-000020.ckpt", "checkpoint-000025.ckpt"),
        checkpointNames(dir));
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
    assertEquals(expected.withinTol(), back.withinTol());
    assertEquals(expected.bestRecord(), back.bestRecord());
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
          List.of(new EpochRecord(epoch, 1.0 / epoch, 0.5, 1)), epoch, new double[0], new double[0], Double.NaN, 0, 0, null));
    }
    s.close();
    assertEquals(List.of("checkpoint-1000000.ckpt", "checkpoint-1000005.ckpt", "checkpoint-999995.ckpt"),
        checkpointNames(dir));
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
    assertEquals(List.of("checkpoint-000005.ckpt", "checkpoint-000010.ckpt.corrupt", "checkpoint-000015.ckpt.corrupt",
        "checkpoint-000020.ckpt", "checkpoint-000025.ckpt"), checkpointNames(dir));
  }

  /** The names of the checkpoint files in {@code dir} (also those set aside), sorted. */
  private static List<String> checkpointNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("checkpoint-")).sorted().toList();
    }
  }

  /** The names of the history files in {@code dir}, sorted. */
  private static List<String> historyNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("history-")).sorted().toList();
    }
  }

  /** The records a history file holds, from the epochs in its name, when every epoch has one. */
  private static int recordsIn(String historyName) {
    String[] parts = historyName.split("-");
    return Integer.parseInt(parts[2]) - Integer.parseInt(parts[1]) + 1;
  }

  /** A store writing every {@code every} epochs, told of those epochs alone: it writes nothing for the others. */
  private static CheckpointStore runTo(Path dir, int every, int from, int to) {
    CheckpointStore s = CheckpointStore.open(new Configuration(), dir.toString(), every, PRINT, w -> { });
    for (int epoch = from; epoch <= to; epoch += every) {
      s.epochDone(state(epoch));
    }
    return s;
  }

  /**
   * The records since the last history file go to a file of their own once there are 256, merged with the last files
   * while they are no larger: over n records each is written about log2(n / 256) times, not once per checkpoint
   * (written whole into every checkpoint, the history of a 200,000-epoch run made each one 46 MB). Files are never
   * rewritten (a name holds a digest of the body), so a name first seen is a file written then; what is written is
   * counted from the names, and the history read back is compared with the one saved.
   */
  @Test
  void historyFilesHoldEachRecordAboutLog2TimesAndAResumeReadsTheWholeHistoryBack(@TempDir Path dir,
      @TempDir Path copies) throws Exception {
    int every = HistoryFiles.SPILL_RECORDS;
    int epochs = 64 * every;
    CheckpointStore s = CheckpointStore.open(new Configuration(), dir.toString(), every, PRINT, w -> { });
    Set<String> seen = new HashSet<>();
    long written = 0;
    int mostFiles = 0;
    for (int epoch = every; epoch <= epochs; epoch += every) {
      s.epochDone(state(epoch));
      List<String> files = historyNames(dir);
      mostFiles = Math.max(mostFiles, files.size());
      for (String f : files) {
        if (seen.add(f)) {
          written += recordsIn(f);
        }
      }
    }
    s.close();
    assertTrue(written <= epochs * (Math.log(64) / Math.log(2) + 1), written + " records written for " + epochs);
    assertTrue(written >= epochs, written + " records written for " + epochs);
    // the newest three checkpoints name about log2(64) files each, mostly the same ones
    assertTrue(mostFiles <= 3 * 7, mostFiles + " history files at once");
    assertEquals(state(epochs).history(), store(dir, PRINT, new ArrayList<>()).latest().orElseThrow().history());
    // each of the three kept still resumes: the files the older two name are kept
    for (int older : new int[] {epochs - every, epochs - 2 * every}) {
      Path copy = Files.createDirectory(copies.resolve("older-" + older));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          String name = f.getFileName().toString();
          if (name.startsWith("history-") || name.equals(String.format("checkpoint-%06d.ckpt", older))) {
            Files.copy(f, copy.resolve(name));
          }
        }
      }
      assertEquals(state(older).history(), store(copy, PRINT, new ArrayList<>()).latest().orElseThrow().history());
    }
  }

  /** Checkpointed every epoch, a checkpoint holds at most 255 records: it stops growing with the run. */
  @Test
  void aCheckpointHoldsTheRecordsSinceTheLastHistoryFileAlone(@TempDir Path dir) throws Exception {
    CheckpointStore s = CheckpointStore.open(new Configuration(), dir.toString(), 1, PRINT, w -> { });
    long at255 = 0;
    long largest = 0;
    for (int epoch = 1; epoch <= 2 * HistoryFiles.SPILL_RECORDS + 8; epoch++) {
      s.epochDone(state(epoch));
      long size = Files.size(dir.resolve(String.format("checkpoint-%06d.ckpt", epoch)));
      if (epoch == HistoryFiles.SPILL_RECORDS - 1) {
        at255 = size;
      }
      largest = Math.max(largest, size);
    }
    s.close();
    assertTrue(largest <= at255 + 1024, largest + " bytes, against " + at255 + " holding 255 records");
    long last = Files.size(dir.resolve(String.format("checkpoint-%06d.ckpt", 2 * HistoryFiles.SPILL_RECORDS + 8)));
    assertTrue(last < at255 / 4, last + " bytes holding 8 records, against " + at255 + " holding 255");
    assertEquals(state(2 * HistoryFiles.SPILL_RECORDS + 8).history(),
        store(dir, PRINT, new ArrayList<>()).latest().orElseThrow().history());
  }

  /**
   * A resumed run goes on from the history files of the checkpoint it resumed from; the files no kept checkpoint
   * names (of pruned checkpoints, or left by a run that stopped between its history file and its checkpoint) go.
   */
  @Test
  void aResumedRunAddsToTheHistoryFilesItResumedFromAndRemovesTheOnesNoCheckpointNames(@TempDir Path dir)
      throws Exception {
    int every = HistoryFiles.SPILL_RECORDS / 2;
    runTo(dir, every, every, 10 * every).close();
    Path stray = Files.writeString(dir.resolve("history-001281-001290-00000000.seg"), "left by a stopped run");
    CheckpointStore second = CheckpointStore.open(new Configuration(), dir.toString(), every, PRINT, w -> { });
    assertEquals(10 * every, second.latest().orElseThrow().epoch());
    List<String> before = historyNames(dir); // 1-1024 and 1025-1280
    for (int epoch = 11 * every; epoch <= 24 * every; epoch += every) {
      second.epochDone(state(epoch));
      if (epoch == 12 * every) { // the first spill: 1281-1536, merged with 1025-1280, not the whole history again
        List<String> now = historyNames(dir);
        assertTrue(now.stream().anyMatch(n -> n.startsWith("history-001025-001536-")), now.toString());
        assertTrue(now.stream().noneMatch(n -> n.startsWith("history-000001-001536-")), now.toString());
      }
    }
    second.close();
    assertFalse(Files.exists(stray));
    assertEquals(state(24 * every).history(), store(dir, PRINT, new ArrayList<>()).latest().orElseThrow().history());
    List<String> after = historyNames(dir);
    assertTrue(after.size() <= 3 * 4, after.toString());
    assertTrue(after.stream().noneMatch(before::contains), "the files of the first run merged into larger ones: "
        + before + " then " + after);
  }

  /** A history file missing or damaged makes its checkpoint unreadable: the one before is resumed from. */
  @Test
  void aCheckpointWhoseHistoryFileIsMissingOrDamagedFallsBackToThePreviousOne(@TempDir Path dir) throws Exception {
    List<String> warnings = new ArrayList<>();
    int every = HistoryFiles.SPILL_RECORDS;
    runTo(dir, every, every, 5 * every).close(); // 1280 names the files of 1-1024 and 1025-1280
    CheckpointStore s = store(dir, PRINT, warnings);
    List<String> files = historyNames(dir);
    String newest = files.stream().filter(n -> n.startsWith("history-001025-001280-")).findFirst().orElseThrow();
    String whole = files.stream().filter(n -> n.startsWith("history-000001-001024-")).findFirst().orElseThrow();
    Path away = Files.move(dir.resolve(newest), dir.resolve("moved-away"));
    assertEquals(4 * every, s.latest().orElseThrow().epoch());
    assertEquals(List.of("skipping checkpoint file:" + dir + "/checkpoint-001280.ckpt: its history file " + newest
        + " is missing; set aside as checkpoint-001280.ckpt.corrupt, out of the 3 kept"), warnings);
    warnings.clear();
    // back again (a read that failed once, on HDFS): the checkpoint set aside keeps the files it names, to be put back
    Files.move(away, dir.resolve(newest));
    s.saveNow(state(4 * every + 76)); // no new history file; the files no kept checkpoint names would go
    assertTrue(Files.exists(dir.resolve(newest)), historyNames(dir).toString());
    Files.delete(dir.resolve(String.format("checkpoint-%06d.ckpt", 4 * every + 76)));
    truncate(dir.resolve(whole)); // the checkpoint of 768 names the files of 1-512 and 513-768, merged for 1024
    TrainingState back = s.latest().orElseThrow();
    assertEquals(3 * every, back.epoch());
    assertEquals(state(3 * every).history(), back.history());
    assertEquals(List.of("skipping checkpoint file:" + dir + "/checkpoint-001024.ckpt: its history file " + whole
        + ": checksum mismatch (truncated or corrupt); set aside as checkpoint-001024.ckpt.corrupt, out of the 3 "
        + "kept"), warnings);
    s.close();
  }

  /** A checkpoint written before session 42, with its whole history inside, is still resumed from. */
  @Test
  void aCheckpointHoldingItsWholeHistoryIsResumedFrom(@TempDir Path dir) throws Exception {
    store(dir, PRINT, new ArrayList<>()).epochDone(state(5));
    // the same checkpoint as the old format wrote it: first line v1, the records in "history", no history files
    Path ckpt = dir.resolve("checkpoint-000005.ckpt");
    String text = Files.readString(ckpt);
    ObjectMapper json = new ObjectMapper();
    ObjectNode body =
        (ObjectNode) json.readTree(text.substring(text.indexOf("\n{") + 1));
    body.remove("historyFiles"); // the records, all five, are in "history"
    body.remove("initModel");
    byte[] bytes = json.writeValueAsBytes(body);
    Files.write(ckpt, ("spark-dgd checkpoint v1\nsha256 " + sparkdgd.data.InputListing.sha256(bytes) + "\n")
        .getBytes());
    Files.write(ckpt, bytes, StandardOpenOption.APPEND);
    for (String f : historyNames(dir)) {
      Files.delete(dir.resolve(f));
    }
    CheckpointStore resumed = store(dir, PRINT, new ArrayList<>());
    TrainingState back = resumed.latest().orElseThrow();
    assertEquals(state(5).history(), back.history());
    resumed.epochDone(state(10)); // written the new way, its ten records in the checkpoint
    int spilled = HistoryFiles.SPILL_RECORDS + 4;
    resumed.saveNow(state(spilled)); // its history in a first file
    resumed.close();
    assertEquals(1, historyNames(dir).size(), historyNames(dir).toString());
    assertEquals(state(spilled).history(), store(dir, PRINT, new ArrayList<>()).latest().orElseThrow().history());
  }

  /**
   * The kept checkpoints mostly name the same history files (a new one is written every 256 records): when one is
   * lost, no checkpoint has its whole history, and the newest goes on with the records it holds, with a warning (a
   * review: before, one lost file made all three unreadable and the run could not be resumed at all).
   */
  @Test
  void aHistoryFileAllKeptCheckpointsNameLostResumesTheNewestWithItsOwnRecords(@TempDir Path dir) throws Exception {
    runTo(dir, 10, 10, 600).close(); // 580, 590 and 600 all name the file of 1-520
    List<String> files = historyNames(dir);
    assertEquals(1, files.size(), files.toString());
    Files.delete(dir.resolve(files.get(0)));
    List<String> warnings = new ArrayList<>();
    CheckpointStore s = CheckpointStore.open(new Configuration(), dir.toString(), 10, PRINT, warnings::add);
    TrainingState back = s.latest().orElseThrow();
    assertEquals(600, back.epoch());
    assertArrayEquals(state(600).theta(), back.theta(), 0.0);
    assertEquals(state(600).history().subList(520, 600), back.history());
    assertEquals(state(600).bestRecord(), back.bestRecord(), "the best's record is the checkpoint's own, from epoch "
        + state(600).bestRecord().epoch() + ", whose history is gone");
    assertEquals(List.of("resuming from file:" + dir + "/checkpoint-000600.ckpt without the history before epoch 521: "
        + "its history file " + files.get(0) + " is missing, and no checkpoint has its whole history (the ones kept "
        + "name the same history files). Its parameters and the optimizer's state are its own, so the run goes on as "
        + "it would have; history.csv and loss.png start at epoch 521"), warnings);
    assertEquals(List.of("checkpoint-000580.ckpt", "checkpoint-000590.ckpt", "checkpoint-000600.ckpt"),
        checkpointNames(dir), "none set aside: the newest is resumed");
    for (int epoch = 610; epoch <= 900; epoch += 10) { // the run goes on from its own records
      s.epochDone(new TrainingState(epoch, state(epoch).theta(), 1.0 / 7, 1.0 / (3 * epoch), 0,
          state(epoch).history().subList(520, epoch), epoch, new double[0], new double[0], Double.NaN, 0, 0, null));
    }
    s.close();
    assertEquals(state(900).history().subList(520, 900),
        CheckpointStore.open(new Configuration(), dir.toString(), 10, PRINT, w -> { }).latest().orElseThrow()
            .history());
  }

  /**
   * A state whose history does not start with the records the last files hold (not an extension of the last one
   * saved) is written whole again, not named by those files.
   */
  @Test
  void aHistoryThatIsNotAnExtensionOfTheLastOneIsWrittenWhole(@TempDir Path dir) throws Exception {
    CheckpointStore s = CheckpointStore.open(new Configuration(), dir.toString(), 1, PRINT, w -> { });
    int n = HistoryFiles.SPILL_RECORDS + 44;
    s.epochDone(state(n)); // its records in a file: epochs 1 to 300
    List<EpochRecord> shifted = state(n + 1).history().subList(1, n + 1); // epochs 2 to 301, as many records
    s.epochDone(new TrainingState(n + 1, new double[] {1}, 0.1, 0.5, 0, shifted, n + 1, new double[0],
        new double[0], Double.NaN, 0, 0, null));
    s.close();
    assertEquals(shifted, store(dir, PRINT, new ArrayList<>()).latest().orElseThrow().history());
  }

  /**
   * A kept checkpoint that cannot be read may name any history file: none is deleted then (here the file of 1-256,
   * which only the pruned checkpoint of 256 named, is left).
   */
  @Test
  void noHistoryFileIsDeletedWhileAKeptCheckpointCannotBeRead(@TempDir Path dir) throws Exception {
    int every = HistoryFiles.SPILL_RECORDS;
    runTo(dir, every, every, 3 * every).close(); // 256: 1-256; 512: 1-512; 768: 1-512 and 513-768
    truncate(dir.resolve("checkpoint-000512.ckpt"));
    CheckpointStore s = CheckpointStore.open(new Configuration(), dir.toString(), every, PRINT, w -> { });
    assertEquals(3 * every, s.latest().orElseThrow().epoch());
    s.epochDone(state(4 * every)); // 1-1024; 256 pruned; 512 kept, unreadable
    s.close();
    assertTrue(historyNames(dir).stream().anyMatch(n -> n.startsWith("history-000001-000256-")),
        historyNames(dir).toString());
  }

  /** Cuts the last 20 bytes off {@code file}, as a write that stopped short leaves it. */
  private static void truncate(Path file) throws IOException {
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
    assertTrue(e.getMessage().contains("was taken with other data or settings (--partitions (or, without it, the count "
        + "chosen from the input and the master's cores): checkpoint 4, now 8)"),
        e.getMessage());
    Fingerprint added = Fingerprint.of(List.of(), Map.of("partitions", "4", "standardize", "true", "optimizedOn",
        "scaled"));
    e = assertThrows(UsageError.class, () -> store(dir, added, new ArrayList<>()).latest());
    assertTrue(e.getMessage().contains("(the checkpoint holds parameters of raw features, as trainers before "
        + "2026-12-03 kept them"), e.getMessage());
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
   * comes with another difference (settings, or the files) is refused naming that difference alone (a user review of
   * resumes: the seed, listed beside it, did not matter).
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
    assertTrue(e.getMessage().contains("(--partitions (or, without it, the count chosen from the input and the "
        + "master's cores): checkpoint 4, "
        + "now 8)"), e.getMessage());
    e = assertThrows(UsageError.class, () -> store(dir, print(List.of(file("file:/data/a.csv", 1001)), "7", "0.0", "4",
        false), new ArrayList<>()).latest());
    assertTrue(e.getMessage().contains("(the input file file:/data/a.csv (size 1000 -> 1001 bytes) changed since the "
        + "checkpoint)"), "another file length: " + e.getMessage());
    // the same size, another time (a copy without its times, a touch): how to give the old time back
    org.apache.hadoop.fs.FileStatus touched = new org.apache.hadoop.fs.FileStatus(1000, false, 1, 1 << 20,
        1_700_000_123_456L, new org.apache.hadoop.fs.Path("file:/data/a.csv"));
    e = assertThrows(UsageError.class, () -> store(dir, print(List.of(touched), "42", "0.0", "4", false),
        new ArrayList<>()).latest());
    assertTrue(e.getMessage().contains("(the input file file:/data/a.csv (modified 2023-11-14T22:13:20Z -> "
        + "2023-11-14T22:15:23.456Z) changed since the checkpoint; only its modification time changed: if its "
        + "contents are the same (a copy or a touch), give it back its time (for this local file: touch -d "
        + "@1700000000.000 /data/a.csv) to resume)"), e.getMessage());
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
        + "(file:/data/new/a.csv); and the settings differ: --partitions (or, without it, the count chosen from the "
        + "input and the master's cores): checkpoint 12, now 4)"), e.getMessage());
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
    Path history = Files.writeString(dir.resolve(".history-000006-000007-0a1b2c3d.seg.tmp-5678"), "spark-dgd h");
    Path replaced = Files.writeString(dir.resolve(".checkpoint-000005.ckpt.replaced-9abc"), "spark-dgd c");
    Path other = Files.writeString(dir.resolve(".notes.tmp-1"), "not ours");
    List<String> warnings = new ArrayList<>();
    CheckpointStore reopened = store(dir, PRINT, warnings);
    assertFalse(Files.exists(unfinished));
    assertFalse(Files.exists(history));
    assertFalse(Files.exists(replaced), "an old one moved aside to be replaced (Replacement), left by a kill");
    assertTrue(Files.exists(other), "only our own unfinished writes are removed");
    assertEquals(Set.of("removed " + unfinished.toUri().toString().replace("file:///", "file:/")
        + ", a checkpoint write that an earlier run did not finish", "removed "
        + history.toUri().toString().replace("file:///", "file:/")
        + ", a checkpoint write that an earlier run did not finish", "removed "
        + replaced.toUri().toString().replace("file:///", "file:/")
        + ", a checkpoint write that an earlier run did not finish"), Set.copyOf(warnings));
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
