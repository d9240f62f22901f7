package sparkdgd.checkpoint;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import sparkdgd.data.InputListing;

/**
 * What a checkpoint must match to be resumed: the input files (path, length, modification time) and
 * every setting that changes the arithmetic of training. Settings that only change when it stops or
 * what it prints (--epochs, --tol, --log-every, --output) are left out, so a run can be extended.
 *
 * <p>The seed is in the optimizer's setting of every run ({@code ... seed 42 ...}), but a run that draws nothing
 * from it (full batches, no validation split) is the same with any: such a run ({@code seedMatters} false) fits a
 * checkpoint that differs from it in the seed alone.
 *
 * @param digest      SHA-256 of the files and the settings, as checkpoints store it
 * @param settings    the settings, by name, for the message naming those that differ
 * @param files       the files as the digest saw them (null for a fingerprint read from a checkpoint)
 * @param seedMatters whether the run draws from --seed (mini-batches, a validation split)
 */
public record Fingerprint(String digest, Map<String, String> settings, String files, boolean seedMatters) {
  private static final String OPTIMIZER = "optimizer";
  private static final Pattern SEED = Pattern.compile("(?<= seed )-?\\d+(?= |$)");

  /** A fingerprint as a checkpoint stores it, without its files (checkpoints before session 37). */
  public Fingerprint(String digest, Map<String, String> settings) {
    this(digest, settings, null, true);
  }

  /** A fingerprint as a checkpoint stores it: its files (null when it holds none) serve only to name differences. */
  static Fingerprint saved(String digest, Map<String, String> settings, String files) {
    return new Fingerprint(digest, settings, files, true);
  }

  public static Fingerprint of(List<FileStatus> files, Map<String, String> trainingSettings) {
    return of(files, trainingSettings, true);
  }

  public static Fingerprint of(List<FileStatus> files, Map<String, String> trainingSettings, boolean seedMatters) {
    Map<String, String> all = new TreeMap<>(trainingSettings);
    String fileList = InputListing.text(files);
    all.put("files", Integer.toString(files.size()));
    return new Fingerprint(digestOf(fileList, all), all, fileList, seedMatters);
  }

  private static String digestOf(String fileList, Map<String, String> all) {
    String input = fileList + new TreeMap<>(all);
    return InputListing.sha256(input.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether a checkpoint taken with {@code saved} fits this run: the same digest, or, when this run draws nothing from
   * the seed, the digest of these files with the checkpoint's settings, which differ from these in the seed alone.
   */
  public boolean fits(Fingerprint saved) {
    if (digest.equals(saved.digest)) {
      return true;
    }
    if (seedMatters || files == null || settings.get(OPTIMIZER) == null || saved.settings.get(OPTIMIZER) == null) {
      return false;
    }
    return reseeded(saved).equals(new TreeMap<>(settings)) && digestOf(files, saved.settings).equals(saved.digest);
  }

  /** {@code saved}'s settings with this run's seed, or them as they are when a seed is not found in both. */
  private Map<String, String> reseeded(Fingerprint saved) {
    Map<String, String> reseeded = new TreeMap<>(saved.settings);
    String ourOptimizer = settings.get(OPTIMIZER);
    String theirOptimizer = saved.settings.get(OPTIMIZER);
    if (ourOptimizer == null || theirOptimizer == null) {
      return reseeded;
    }
    java.util.regex.Matcher ours = SEED.matcher(ourOptimizer);
    if (ours.find()) {
      reseeded.put(OPTIMIZER, SEED.matcher(theirOptimizer).replaceFirst(ours.group()));
    }
    return reseeded;
  }

  /**
   * What differs between this fingerprint and {@code other}'s, for the refusal message: the input files first, then
   * the settings by flag. A seed this run draws nothing from is left out: it does not stop the resume.
   */
  public String differencesFrom(Fingerprint other) {
    Map<String, String> theirs = new TreeMap<>(seedMatters ? other.settings : reseeded(other));
    Map<String, String> ours = new TreeMap<>(settings);
    // named from the checkpoint's list of files where it has one (checkpoints since session 37)
    String fileDifference = files == null || other.files == null ? null
        : InputFileDifference.between(other.files, files);
    if (fileDifference != null) {
      // first: other data explains settings chosen from it (automatic --partitions, --features, the label); the
      // count of files is the difference just named
      theirs.remove("files");
      ours.remove("files");
      String settingsDiffer = SettingDifferences.between(theirs, ours);
      return fileDifference + (settingsDiffer.isEmpty() ? "" : "; and the settings differ: " + settingsDiffer);
    }
    String differences = SettingDifferences.between(theirs, ours);
    return differences.isEmpty() ? "the input files (names, sizes or modification times) changed" : differences;
  }

  /** How the seed of {@code other}'s settings differs from this run's, for a resume that goes on all the same. */
  public String seedDifferenceFrom(Fingerprint other) {
    return SettingDifferences.between(other.settings, settings);
  }
}
