package sparkdgd.checkpoint;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import sparkdgd.config.UsageError;
import sparkdgd.output.Counts;
import sparkdgd.train.Checkpointer;
import sparkdgd.train.EpochCheckpoint;
import sparkdgd.train.EpochRecord;
import sparkdgd.train.TrainingState;

/**
 * Checkpoints in {@code --checkpoint-dir}, one file per saved epoch ({@code checkpoint-000020.ckpt}),
 * the newest {@link #KEEP} kept, and the files of their history ({@link HistoryFiles}), which each checkpoint names.
 * Every file is written under a temporary name and renamed into place, so it is never seen half-written (rename is
 * atomic on HDFS and local disks), and carries the SHA-256 of its body ({@link SignedFile}): a truncated or corrupt
 * checkpoint, or one whose history files are missing or damaged, is detected on resume and the previous one used
 * (or, when no checkpoint has its whole history, the newest with the records it holds itself: {@link #latest}).
 */
public final class CheckpointStore implements Checkpointer, AutoCloseable {
  static final int KEEP = 3;
  /** The longest list of input files a checkpoint keeps, to name how another run's differ. */
  static final int INPUT_FILES_KEPT_CHARS = 1 << 16;
  /** The first line of a checkpoint, which names the files of its history ({@link HistoryFiles}). */
  private static final String MAGIC = "spark-dgd checkpoint v2";
  /** The first line of a checkpoint that holds its whole history (before session 42): still resumed from. */
  private static final String MAGIC_WHOLE_HISTORY = "spark-dgd checkpoint v1";
  /**
   * Without Jackson's default limit of 20M characters a string: a checkpoint's settings hold the feature names as one
   * string, over the limit from about 2.35M features (LIBSVM's {@code x1,x2,...}).
   */
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());

  private final FileSystem fs;
  private final Path dir;
  private final int every;
  private final Fingerprint fingerprint;
  private final Consumer<String> warnings;
  /** Whether the directory was there before it was opened ({@link CheckpointDirectory#existed}). */
  private final boolean existed;
  /** This run's mark in the directory, while it trains; null for a store that only looks. */
  private final CheckpointLock lock;
  private final HistoryFiles history;
  /** The history files each checkpoint in the directory names, by its file name, as far as this store has seen. */
  private final Map<String, List<String>> partsOf = new HashMap<>();
  /** The --init-model the run started from at epoch 0 (null: from zero), recorded in every checkpoint. */
  private String initModel;

  private CheckpointStore(FileSystem fs, Path dir, int every, Fingerprint fingerprint, Consumer<String> warnings,
      boolean existed) {
    this(fs, dir, every, fingerprint, warnings, existed, null);
  }

  private CheckpointStore(FileSystem fs, Path dir, int every, Fingerprint fingerprint, Consumer<String> warnings,
      boolean existed, CheckpointLock lock) {
    this.lock = lock;
    this.existed = existed;
    this.fs = fs;
    this.dir = dir;
    this.every = every;
    this.fingerprint = fingerprint;
    this.warnings = warnings;
    this.history = new HistoryFiles(fs, dir, JSON);
  }

  /** Checkpoints every {@code every} epochs into {@code uri} (created if missing): {@link CheckpointDirectory#open}. */
  public static CheckpointStore open(Configuration conf, String uri, int every, Fingerprint fingerprint,
      Consumer<String> warnings) {
    return open(CheckpointDirectory.open(conf, uri), every, fingerprint, warnings);
  }

  /** Checkpoints of the run {@code fingerprint} describes, every {@code every} epochs, into an opened directory. */
  public static CheckpointStore open(CheckpointDirectory dir, int every, Fingerprint fingerprint,
      Consumer<String> warnings) {
    return open(dir, hold(dir, warnings), every, fingerprint, warnings);
  }

  /**
   * Takes an opened directory for this run ({@link CheckpointLock}: refused while another run holds it) and removes
   * the checkpoint writes an earlier run did not finish: before the run reads its data.
   */
  public static CheckpointLock hold(CheckpointDirectory dir, Consumer<String> warnings) {
    try {
      return dir.prepare(warnings);
    } catch (IOException e) {
      throw new UsageError("--checkpoint-dir " + dir.uri() + " cannot be used: " + e.getMessage());
    }
  }

  /** As {@link #open(CheckpointDirectory, int, Fingerprint, Consumer)}, in a directory this run holds by {@code lock}. */
  public static CheckpointStore open(CheckpointDirectory dir, CheckpointLock lock, int every, Fingerprint fingerprint,
      Consumer<String> warnings) {
    return new CheckpointStore(dir.fs(), dir.path(), every, fingerprint, warnings, dir.existed(), lock);
  }

  /** Gives the directory up for other runs: the run that opened this store has ended. */
  @Override
  public void close() {
    if (lock != null) {
      lock.close();
    }
  }

  /**
   * Refuses to start a run from zero in a directory that already holds checkpoints: the new run's files would
   * take the same names, and keeping the newest {@link #KEEP} would delete the new run's own (its epochs are older
   * than the old run's last ones), leaving a directory it cannot resume from. Called before any data is read.
   */
  public static void refuseOldCheckpoints(CheckpointDirectory dir) {
    List<Path> old;
    try {
      old = new CheckpointStore(dir.fs(), dir.path(), 1, null, w -> { }, true).checkpointFiles();
    } catch (IOException e) {
      throw new UsageError("--checkpoint-dir " + dir.uri() + " cannot be used: " + e.getMessage());
    }
    if (!old.isEmpty()) {
      throw new UsageError("--checkpoint-dir " + dir.uri() + " already holds " + old.size() + " checkpoint"
          + (old.size() == 1 ? "" : "s") + " (the newest " + old.get(old.size() - 1).getName() + "); add --resume to "
          + "continue from it, or give an empty --checkpoint-dir (a new run there would overwrite and delete them)");
    }
  }

  @Override
  public void epochDone(TrainingState state) {
    of(state).saveIfDue();
  }

  @Override
  public void runEnded(TrainingState state) {
    atEnd(state).saveIfDue();
  }

  /** Saves {@code state} whatever its epoch. */
  public void saveNow(TrainingState state) {
    try {
      save(state);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a checkpoint to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** {@code state} as a checkpoint of this store, to write when due or at once. */
  public EpochCheckpoint of(TrainingState state) {
    return checkpoint(state, false);
  }

  /**
   * {@code state}, the last of a run, as a checkpoint that is always due: written unless its epoch was due on the
   * schedule, and so written already.
   */
  public EpochCheckpoint atEnd(TrainingState state) {
    return checkpoint(state, true);
  }

  private EpochCheckpoint checkpoint(TrainingState state, boolean last) {
    return new EpochCheckpoint() {
      @Override
      public int epoch() {
        return state.epoch();
      }

      @Override
      public boolean saveIfDue() {
        boolean scheduled = state.epoch() % every == 0;
        if (scheduled != last) { // on the schedule; or the last state, when the schedule did not write it
          saveNow(state);
        }
        return scheduled || last;
      }

      @Override
      public void save() {
        saveNow(state);
      }
    };
  }

  void save(TrainingState state) throws IOException {
    List<HistoryFiles.Part> parts = history.write(state.history());
    Path target = new Path(dir, String.format("checkpoint-%06d.ckpt", state.epoch()));
    SignedFile.write(fs, target, MAGIC, JSON.writeValueAsBytes(toJson(state, parts)));
    partsOf.put(target.getName(), names(parts));
    FileStatus[] entries = fs.listStatus(dir); // one listing for the pruning and the history files (S3: a request)
    List<Path> all = checkpointFiles(entries);
    for (int i = 0; i + KEEP < all.size(); i++) {
      fs.delete(all.get(i), false);
      partsOf.remove(all.get(i).getName());
    }
    deleteUnnamedHistory(entries, all.subList(Math.max(0, all.size() - KEEP), all.size()));
  }

  /**
   * Deletes the history files that none of the checkpoints {@code kept}, nor one set aside as corrupt, names: left by
   * checkpoints pruned, merged into larger ones, or written by a run that stopped before its checkpoint. When a kept
   * checkpoint cannot be read, none is deleted: its history might be among them.
   */
  private void deleteUnnamedHistory(FileStatus[] entries, List<Path> kept) throws IOException {
    Set<String> named = new HashSet<>();
    for (FileStatus s : entries) { // a checkpoint set aside keeps its history: it may be put back
      String name = s.getPath().getName();
      if (name.endsWith(".ckpt.corrupt")) {
        named.addAll(partsOf.computeIfAbsent(name, n -> {
          try {
            return names(parts(readVerified(s.getPath())));
          } catch (IOException | RuntimeException e) {
            return List.of(); // damaged itself: it names nothing that can be read
          }
        }));
      }
    }
    for (Path c : kept) {
      List<String> files = partsOf.get(c.getName());
      if (files == null) { // written by an earlier run, before the one resumed from
        try {
          files = names(parts(readVerified(c)));
        } catch (IOException | RuntimeException e) {
          return;
        }
        partsOf.put(c.getName(), files);
      }
      named.addAll(files);
    }
    history.deleteAllBut(entries, named);
  }

  private static List<String> names(List<HistoryFiles.Part> parts) {
    return parts.stream().map(HistoryFiles.Part::file).toList();
  }

  /**
   * Records that the run started from the model {@code initModel} (its --init-model, or null): a run resumed from
   * this store's checkpoints says so in its model.json, whatever the resuming command gives.
   */
  public void setInitModel(String initModel) {
    this.initModel = initModel;
  }

  /**
   * The --init-model the run started from at epoch 0: once a checkpoint is resumed from ({@link #latest}), the one it
   * recorded (where it recorded one: checkpoints before session 42 did not), else the one set.
   */
  public String initModel() {
    return initModel;
  }

  /** Whether the directory was there before this run (a new one, with --resume, is often a mistyped path). */
  public boolean existed() {
    return existed;
  }

  /**
   * The newest intact checkpoint. Corrupt or truncated files newer than it are skipped with a warning and set aside
   * ({@code .corrupt} added to their names), so that they no longer count among the newest {@link #KEEP} kept; when
   * none can be read the run is refused, the files left as they are: it would start from zero and replace them. An
   * intact one taken with other data or settings is refused with a {@link UsageError} that names the differences.
   * The kept checkpoints mostly name the same history files: when one of those is lost or damaged and no checkpoint
   * has its whole history, the newest that can be read goes on with the records it holds itself, with a warning (its
   * parameters and the optimizer's state are its own; only the history before them is gone).
   */
  public Optional<TrainingState> latest() {
    List<Path> files;
    try {
      files = checkpointFiles();
    } catch (IOException e) {
      throw new UsageError("--checkpoint-dir " + dir + " cannot be listed: " + e.getMessage());
    }
    List<String> unreadable = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    Partial partial = null; // the newest checkpoint that fits and can be read, but not the history files it names
    for (int i = files.size() - 1; i >= 0; i--) {
      Path f = files.get(i);
      JsonNode json;
      Fingerprint saved;
      try {
        json = readVerified(f);
        JsonNode inputFiles = json.get("inputFiles"); // not in checkpoints before session 37
        saved = Fingerprint.saved(json.get("fingerprint").asText(), settings(json.get("settings")),
            inputFiles == null || !inputFiles.isTextual() ? null : inputFiles.asText());
        if (!fingerprint.fits(saved)) {
          warnSkipped(skipped, unreadable);
          throw new UsageError("the checkpoint " + f + " was taken with other data or settings ("
              + fingerprint.differencesFrom(saved) + "); resume with the same data and settings, or use another "
              + "--checkpoint-dir");
        }
      } catch (IOException e) {
        unreadable.add(f.getName() + ": " + e.getMessage());
        skipped.add(f);
        continue;
      }
      TrainingState state;
      try {
        state = fromJson(json, history.read(parts(json))); // read only for a checkpoint that fits
      } catch (IOException e) {
        if (partial == null) {
          partial = new Partial(f, json, saved, e.getMessage(), skipped.size());
        }
        unreadable.add(f.getName() + ": " + e.getMessage());
        skipped.add(f);
        continue;
      }
      setAside(skipped, unreadable); // an intact one the run goes on from follows them
      return Optional.of(resumedFrom(f, json, saved, state, true));
    }
    if (partial != null) {
      setAside(skipped.subList(0, partial.newer()), unreadable.subList(0, partial.newer()));
      TrainingState state = fromJson(partial.json(), new ArrayList<>());
      int first = state.history().isEmpty() ? state.epoch() + 1 : state.history().get(0).epoch();
      warnings.accept("resuming from " + partial.file() + " without the history before epoch " + first + ": "
          + partial.why() + ", and no checkpoint has its whole history (the ones kept name the same history files). "
          + "Its parameters and the optimizer's state are its own, so the run goes on as it would have; history.csv "
          + "and loss.png start at epoch " + first);
      return Optional.of(resumedFrom(partial.file(), partial.json(), partial.saved(), state, false));
    }
    if (!unreadable.isEmpty()) {
      warnSkipped(skipped, unreadable);
      String them = unreadable.size() == 1 ? "it" : "them";
      throw new UsageError(String.format(Locale.ROOT, "--checkpoint-dir %s holds %s and none can be read (%s): this "
          + "run would start from zero and replace %s. Move %s away to start over, or use another --checkpoint-dir",
          dir, Counts.of(unreadable.size(), "checkpoint file"), String.join("; ", unreadable), them, them));
    }
    return Optional.empty();
  }

  /**
   * A checkpoint that fits and can be read but whose history files cannot: {@code why}, with {@code newer} skipped
   * checkpoints newer than it.
   */
  private record Partial(Path file, JsonNode json, Fingerprint saved, String why, int newer) {}

  /**
   * The run goes on from {@code state}, read from the checkpoint {@code f} ({@code wholeHistory}: with the history
   * files it names): the next checkpoints' history starts with those files, and they record its --init-model.
   */
  private TrainingState resumedFrom(Path f, JsonNode json, Fingerprint saved, TrainingState state,
      boolean wholeHistory) {
    if (!saved.digest().equals(fingerprint.digest())) { // fits all the same: a seed this run draws nothing from
      warnings.accept("resuming from " + f + ", taken with another seed (" + fingerprint.seedDifferenceFrom(saved)
          + "), which this run draws nothing from (full batches, no validation split)");
    }
    if (json.has("initModel")) {
      initModel = json.get("initModel").isNull() ? null : json.get("initModel").asText();
    }
    List<HistoryFiles.Part> parts = parts(json);
    // a checkpoint resumed without its history files goes on with its own records: the next files start with them
    history.resumedFrom(wholeHistory ? parts : List.of());
    partsOf.put(f.getName(), names(parts));
    return state;
  }

  /**
   * Warns of each unreadable file ({@code why}: "name: reason") newer than an intact one and renames it with
   * {@code .corrupt} added, out of the files kept; a rename that fails leaves it where it is, and the warning says so.
   */
  private void setAside(List<Path> unreadable, List<String> why) {
    for (int k = 0; k < unreadable.size(); k++) {
      Path f = unreadable.get(k);
      Path aside = new Path(f.getParent(), f.getName() + ".corrupt");
      boolean moved;
      try {
        moved = fs.rename(f, aside);
      } catch (IOException e) {
        moved = false;
      }
      warnings.accept("skipping checkpoint " + f + ": " + reason(why.get(k)) + (moved
          ? "; set aside as " + aside.getName() + ", out of the " + KEEP + " kept" : "; it could not be set aside"));
    }
  }

  /** Warns of each unreadable file skipped ({@code why}: "name: reason"), leaving it as it is. */
  private void warnSkipped(List<Path> unreadable, List<String> why) {
    for (int k = 0; k < unreadable.size(); k++) {
      warnings.accept("skipping checkpoint " + unreadable.get(k) + ": " + reason(why.get(k)));
    }
  }

  /** The reason part of "name: reason". */
  private static String reason(String nameAndReason) {
    return nameAndReason.substring(nameAndReason.indexOf(": ") + 2);
  }

  private List<Path> checkpointFiles() throws IOException {
    return fs.exists(dir) ? checkpointFiles(fs.listStatus(dir)) : new ArrayList<>();
  }

  /** The checkpoint files among a listing of the directory, oldest first. */
  private static List<Path> checkpointFiles(FileStatus[] entries) {
    List<Path> files = new ArrayList<>();
    for (FileStatus s : entries) {
      String name = s.getPath().getName();
      if (isCheckpointName(name)) {
        files.add(s.getPath());
      }
    }
    // by epoch, not by name: past epoch 999,999 the names grow a digit and would sort before the older ones
    files.sort(Comparator.comparingLong((Path p) -> epochOf(p.getName())).thenComparing(Path::getName));
    return files;
  }

  /** The epoch a checkpoint's file name holds ({@code checkpoint-001234.ckpt}); -1 for a name without one. */
  static long epochOf(String name) {
    String digits = name.substring("checkpoint-".length(), name.length() - ".ckpt".length());
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1; // another file named so: the oldest, whatever it holds
    }
  }

  private JsonNode readVerified(Path f) throws IOException {
    return JSON.readTree(SignedFile.read(fs, f, List.of(MAGIC, MAGIC_WHOLE_HISTORY), "a checkpoint file").bytes());
  }

  private Map<String, Object> toJson(TrainingState s, List<HistoryFiles.Part> parts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epoch", s.epoch());
    m.put("theta", s.theta());
    m.put("learningRate", s.learningRate());
    m.put("previousMse", s.previousMse());
    m.put("growingEpochs", s.growingEpochs());
    m.put("passes", s.passes());
    m.put("optimizerState", s.optimizerState());
    m.put("best", s.best());
    m.put("bestValidation", Double.toString(s.bestValidation()));
    m.put("sinceBest", s.sinceBest());
    m.put("withinTol", s.withinTol());
    m.put("bestRecord", s.bestRecord() == null ? null : HistoryFiles.toJson(List.of(s.bestRecord())));
    m.put("initModel", initModel);
    m.put("historyFiles", parts.stream().map(HistoryFiles.Part::toJson).toList());
    m.put("history", HistoryFiles.toJson(s.history().subList(HistoryFiles.count(parts), s.history().size())));
    m.put("fingerprint", fingerprint.digest());
    m.put("settings", fingerprint.settings());
    // outside the digest: to name how another run's input differs; up to 64 kB (about 600 files), to keep
    // checkpoints of inputs of many files small
    if (fingerprint.files() != null && fingerprint.files().length() <= INPUT_FILES_KEPT_CHARS) {
      m.put("inputFiles", fingerprint.files());
    }
    return m;
  }

  /** The history files a checkpoint names; none where it holds its whole history. */
  private static List<HistoryFiles.Part> parts(JsonNode j) {
    List<HistoryFiles.Part> parts = new ArrayList<>();
    JsonNode files = j.get("historyFiles");
    if (files != null) {
      for (JsonNode p : files) {
        parts.add(HistoryFiles.Part.fromJson(p));
      }
    }
    return parts;
  }

  /** The state a checkpoint holds, its history {@code earlier} (from the files it names) and then its own records. */
  private static TrainingState fromJson(JsonNode j, List<EpochRecord> earlier) {
    List<EpochRecord> records = new ArrayList<>(earlier);
    records.addAll(HistoryFiles.records(j.get("history")));
    return new TrainingState(j.get("epoch").asInt(), doubles(j.get("theta")), j.get("learningRate").asDouble(),
        j.get("previousMse").asDouble(), j.get("growingEpochs").asInt(), records, j.get("passes").asDouble(),
        doubles(j.get("optimizerState")), doubles(j.get("best")), Double.parseDouble(j.get("bestValidation").asText()),
        j.get("sinceBest").asInt(), j.path("withinTol").asInt(0), bestRecord(j)); // neither before session 47
  }

  /** The best record a checkpoint saved, or null (without validation, or saved before it was). */
  private static EpochRecord bestRecord(JsonNode j) {
    JsonNode saved = j.get("bestRecord");
    return saved == null || saved.isNull() ? null : HistoryFiles.records(saved).get(0);
  }

  private static double[] doubles(JsonNode array) {
    double[] d = new double[array.size()];
    for (int i = 0; i < d.length; i++) {
      d[i] = array.get(i).asDouble();
    }
    return d;
  }

  private static Map<String, String> settings(JsonNode node) {
    Map<String, String> m = new TreeMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  static boolean isCheckpointName(String name) {
    return name.startsWith("checkpoint-") && name.endsWith(".ckpt");
  }
}
