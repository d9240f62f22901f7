package sparkdgd.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;

/**
 * What a checkpoint must match to be resumed: the input files (path, length, modification time) and
 * every setting that changes the arithmetic of training. Settings that only change when it stops or
 * what it prints (--epochs, --tol, --log-every, --output) are left out, so a run can be extended.
 */
public record Fingerprint(String digest, Map<String, String> settings) {

  public static Fingerprint of(List<FileStatus> files, Map<String, String> trainingSettings) {
    Map<String, String> all = new TreeMap<>(trainingSettings);
    StringBuilder fileList = new StringBuilder();
    for (FileStatus f : files) {
      fileList.append(f.getPath()).append(' ').append(f.getLen()).append(' ').append(f.getModificationTime())
          .append('\n');
    }
    all.put("files", Integer.toString(files.size()));
    String input = fileList + all.toString();
    return new Fingerprint(sha256(input.getBytes(StandardCharsets.UTF_8)), all);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The settings that differ between this fingerprint and {@code other}'s, by flag, for the refusal message. */
  public String differencesFrom(Fingerprint other) {
    String differences = SettingDifferences.between(other.settings, settings);
    return differences.isEmpty() ? "the input files (names, sizes or modification times) changed" : differences;
  }
}
